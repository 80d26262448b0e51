// MapModel over a `.journey.json` document instead of a kernel: the second binding of the one
// view (docs/protocol.md). It is the single writer, like Python's widget: it checks each proposed
// operation as the kernel would (docops.ts), applies it, bumps the revision, publishes the state,
// then answers `ack` or `reject` on the same reply path. It keeps its own undo/redo history and
// says when the file text changed, so a host (a JupyterLab document) can store and save it.
import { applyMessageOp } from "./docops";
import { parseJourneyText, readJourneyDoc } from "./docread";
import { type JourneyDoc, journeyDocValue, JourneyFileError, newCardId, writeJourneyDoc } from "./journeyfile";
import { type Projection, projectDoc } from "./projection";
import type { Card, MapModel, OpMessage, Reply, Structure } from "./types";

export interface DocumentModelOptions {
  /** A map that refuses every edit (a notebook output, a file that could not be read). */
  readOnly?: boolean;
  /** Ids for added cards (Python's `new_id` format by default). */
  newId?: () => string;
  /** How many operations undo remembers (Python's History keeps 500). */
  historyLimit?: number;
  /** Runs the answer to a proposal later, as a kernel answers later (default: a microtask). */
  defer?: (fn: () => void) => void;
}

const READ_ONLY = "this map is read-only; set read_only=False to edit it";

export class DocumentMapModel implements MapModel {
  /** Why the last text given to `load` could not be read; null when it was a journey map. */
  error: string | null = null;
  private doc: JourneyDoc | null = null;
  private revision = 0;
  private undoStack: JourneyDoc[] = [];
  private redoStack: JourneyDoc[] = [];
  private changeListeners = new Set<() => void>();
  private replyListeners = new Set<(r: Reply) => void>();
  private textListeners = new Set<(text: string) => void>();
  private view: Projection | null = null;
  private written: { doc: JourneyDoc; text: string } | null = null;
  private readOnly: boolean;
  private newId: () => string;
  private limit: number;
  private defer: (fn: () => void) => void;

  constructor(opts: DocumentModelOptions = {}) {
    this.readOnly = Boolean(opts.readOnly);
    this.newId = opts.newId ?? newCardId;
    this.limit = opts.historyLimit ?? 500;
    this.defer = opts.defer ?? ((fn) => queueMicrotask(fn));
  }

  /**
   * Read file text (its bytes, or an already parsed value) as Python's `jw.load` reads it. A new
   * map starts a fresh history. A text that is not a journey map changes nothing but `error`
   * (Python's message: `<JSON path>: <problem>`): the last good map stays, with its history,
   * read-only until a readable text comes; the text of that very map brings its history back.
   */
  load(source: unknown): boolean {
    let doc: JourneyDoc;
    try {
      const text = typeof source === "string" || source instanceof Uint8Array;
      doc = text ? parseJourneyText(source) : readJourneyDoc(source);
    } catch (err) {
      if (!(err instanceof JourneyFileError)) throw err;
      this.error = err.message;
      this.publish();
      return false;
    }
    const same = this.doc != null && typeof source === "string" && source === this.text();
    this.error = null;
    if (!same) {
      this.doc = doc;
      this.written = null;
      this.undoStack = [];
      this.redoStack = [];
    }
    this.publish();
    return true;
  }

  /** The document as the file should hold it: `JourneyMap.save`'s bytes for the same map. */
  text(): string {
    const doc = this.current();
    if (this.written?.doc !== doc) this.written = { doc, text: writeJourneyDoc(doc) };
    return this.written.text;
  }

  /** The document as a JSON value (the `application/vnd.journey-map+json` of an output). */
  value(): Record<string, unknown> {
    return journeyDocValue(this.current());
  }

  /** Called with the new file text after every applied operation, undo and redo. */
  onText(cb: (text: string) => void): () => void {
    this.textListeners.add(cb);
    return () => this.textListeners.delete(cb);
  }

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  // ---- MapModel ---------------------------------------------------------------------------
  getStructure(): Structure {
    return this.projection().structure;
  }

  getCards(): readonly Card[] {
    return this.projection().cards;
  }

  getRevision(): number {
    return this.revision;
  }

  isReadOnly(): boolean {
    return this.readOnly || this.doc == null || this.error != null;
  }

  onChange(cb: () => void): () => void {
    this.changeListeners.add(cb);
    return () => this.changeListeners.delete(cb);
  }

  onReply(cb: (reply: Reply) => void): () => void {
    this.replyListeners.add(cb);
    return () => this.replyListeners.delete(cb);
  }

  propose(message: OpMessage): void {
    this.defer(() => this.handle(message));
  }

  // ---- the single writer ------------------------------------------------------------------
  private handle(message: OpMessage): void {
    if (!message || message.type !== "op") return;
    const opId = message.op_id;
    let reply: Reply;
    try {
      if (this.isReadOnly() || !this.doc) throw new JourneyFileError(this.error ? `the file is not a journey map this view can edit: ${this.error}` : READ_ONLY);
      const kind = (message.op as { kind?: unknown } | null)?.kind;
      if (kind === "undo" || kind === "redo") {
        const changed = this.walk(kind);
        reply = { type: "ack", op_id: opId, revision: this.revision, changed };
      } else {
        const base = message.base_revision;
        const stale = !Number.isInteger(base) || base < this.revision;
        const applied = applyMessageOp(this.doc, message.op, stale, this.newId);
        this.commit(applied.doc);
        reply = { type: "ack", op_id: opId, revision: this.revision };
        if (applied.id != null) reply.id = applied.id;
      }
    } catch (err) {
      if (!(err instanceof JourneyFileError)) console.error("journey_widget failed to apply", message, err);
      const reason = err instanceof JourneyFileError ? err.message : `internal error: ${(err as Error)?.name}: ${(err as Error)?.message}`;
      reply = { type: "reject", op_id: opId, revision: this.revision, reason };
    }
    for (const cb of [...this.replyListeners]) cb(reply);
  }

  private commit(doc: JourneyDoc): void {
    this.undoStack.push(this.doc!);
    if (this.undoStack.length > this.limit) this.undoStack.splice(0, this.undoStack.length - this.limit);
    this.redoStack = [];
    this.doc = doc;
    this.changed();
  }

  private walk(kind: "undo" | "redo"): boolean {
    const [from, to] = kind === "undo" ? [this.undoStack, this.redoStack] : [this.redoStack, this.undoStack];
    const doc = from.pop();
    if (!doc) return false;
    to.push(this.doc!);
    this.doc = doc;
    this.changed();
    return true;
  }

  private changed(): void {
    this.publish();
    const text = this.text();
    for (const cb of [...this.textListeners]) cb(text);
  }

  private publish(): void {
    this.revision++;
    for (const cb of [...this.changeListeners]) cb();
  }

  private current(): JourneyDoc {
    if (!this.doc) throw new JourneyFileError(this.error ?? "no journey map loaded");
    return this.doc;
  }

  /** What the view receives: the structure and the view's columns of each card, like the traits. */
  private projection(): Projection {
    this.view = projectDoc(this.doc, this.view);
    return this.view;
  }
}
