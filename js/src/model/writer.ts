// The single writer both document models share (a `.journey.json` file's DocumentMapModel and a
// shared document's SharedMapModel): like Python's widget it checks each proposed operation as
// the kernel would (docops.ts), applies it, bumps the revision, publishes the state, then answers
// `ack` or `reject` on the reply path. What differs is where an applied document goes (`store`)
// and what undo and redo walk (`walk`); `refusal` says why the map cannot be edited now.
import { applyMessageOp } from "./docops";
import { type JourneyDoc, JourneyFileError, newCardId } from "./journeyfile";
import { type Projection, projectDoc } from "./projection";
import type { Card, MapModel, OpMessage, Reply, Structure } from "./types";

export interface WriterOptions {
  /** A map that refuses every edit (a notebook output, a file that could not be read). */
  readOnly?: boolean;
  /** Ids for added cards (Python's `new_id` format by default). */
  newId?: () => string;
  /** Runs the answer to a proposal later, as a kernel answers later (default: a microtask). */
  defer?: (fn: () => void) => void;
}

export const READ_ONLY = "this map is read-only; set read_only=False to edit it";

export abstract class SingleWriterModel implements MapModel {
  /** Why the map is not one this view can edit (null: it is). */
  error: string | null = null;
  protected doc: JourneyDoc | null = null;
  protected revision = 0;
  protected readonly readOnly: boolean;
  protected readonly changeListeners = new Set<() => void>();
  protected readonly replyListeners = new Set<(r: Reply) => void>();
  private readonly newId: () => string;
  private readonly defer: (fn: () => void) => void;
  private view: Projection | null = null;

  constructor(opts: WriterOptions = {}) {
    this.readOnly = Boolean(opts.readOnly);
    this.newId = opts.newId ?? newCardId;
    this.defer = opts.defer ?? ((fn) => queueMicrotask(fn));
  }

  /** Why no operation can be applied now, or null when one can. */
  protected abstract refusal(): string | null;
  /** Keep `doc`, the result of an applied operation, and publish it. */
  protected abstract store(doc: JourneyDoc): void;
  /** Undo or redo one step; false when there was none. */
  protected abstract walk(kind: "undo" | "redo"): boolean;

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
      const refused = this.refusal();
      if (refused != null || !this.doc) throw new JourneyFileError(refused ?? READ_ONLY);
      const kind = (message.op as { kind?: unknown } | null)?.kind;
      if (kind === "undo" || kind === "redo") {
        const changed = this.walk(kind);
        reply = { type: "ack", op_id: opId, revision: this.revision, changed };
      } else {
        const base = message.base_revision;
        const stale = !Number.isInteger(base) || base < this.revision;
        const applied = applyMessageOp(this.doc, message.op, stale, this.newId);
        this.store(applied.doc);
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

  /** A new state: bump the revision and tell the view. */
  protected publish(): void {
    this.revision++;
    this.notify();
  }

  protected notify(): void {
    for (const cb of [...this.changeListeners]) cb();
  }

  /** What the view receives: the structure and the view's columns of each card, like the traits. */
  private projection(): Projection {
    this.view = projectDoc(this.doc, this.view);
    return this.view;
  }
}
