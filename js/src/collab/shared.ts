// MapModel over a shared journey document (real-time collaboration): the view's operations are
// checked and applied exactly as DocumentMapModel applies them (docops.ts, Python's rules and
// reasons), then written into the Y doc as this browser's change; undo and redo walk this
// browser's own changes (the YJourney's undo manager); changes from the others re-read the
// document; the awareness says where the others are.
import type * as Y from "yjs";
import { applyMessageOp } from "../model/docops";
import { readJourneyDoc } from "../model/docread";
import { type JourneyDoc, journeyDocValue, JourneyFileError, newCardId, writeJourneyDoc } from "../model/journeyfile";
import { type Projection, projectDoc } from "../model/projection";
import type { Card, MapModel, OpMessage, Presence, Reply, Structure } from "../model/types";
import { type AwarenessLike, PresenceTracker } from "./presence";
import { type FileDoc, isEmptyDocument, journeyRoots, type JourneyRoots, readDocument, touchesMap } from "./yshape";

/** The parts of a YJourney (ydoc.ts) the model uses. */
export interface SharedJourney {
  readonly ydoc: Y.Doc;
  readonly awareness: AwarenessLike;
  readonly undoManager: Y.UndoManager;
  /** The origin of this browser's writes (what undoManager tracks). */
  readonly origin: unknown;
  write(doc: FileDoc): boolean;
}

export interface SharedModelOptions {
  /** A map that refuses every edit. */
  readOnly?: boolean;
  /** Ids for added cards (Python's `new_id` format by default). */
  newId?: () => string;
  /** Runs the answer to a proposal later, as a kernel answers later (default: a microtask). */
  defer?: (fn: () => void) => void;
}

const READ_ONLY = "this map is read-only; set read_only=False to edit it";
const NOT_LOADED = "the shared map has not arrived from the server yet";

export class SharedMapModel implements MapModel {
  /** Why the shared document is not a map this view can edit (null: it is). */
  error: string | null = null;
  private doc: JourneyDoc | null = null;
  private revision = 0;
  private view: Projection | null = null;
  private roots: JourneyRoots;
  private presence: PresenceTracker;
  private changeListeners = new Set<() => void>();
  private replyListeners = new Set<(r: Reply) => void>();
  private readOnly: boolean;
  private writing = false;
  private newId: () => string;
  private defer: (fn: () => void) => void;

  constructor(private shared: SharedJourney, opts: SharedModelOptions = {}) {
    this.readOnly = Boolean(opts.readOnly);
    this.newId = opts.newId ?? newCardId;
    this.defer = opts.defer ?? ((fn) => queueMicrotask(fn));
    this.roots = journeyRoots(shared.ydoc);
    this.presence = new PresenceTracker(shared.awareness, () => this.notify());
    shared.ydoc.on("afterTransaction", this.onTransaction);
    this.read();
    this.revision++;
  }

  /** Whether the shared document holds a map (it has arrived and was not empty). */
  isLoaded(): boolean {
    return this.doc != null;
  }

  /** The document as the file should hold it (`JourneyMap.save`'s bytes); "" before it arrives. */
  text(): string {
    return this.doc ? writeJourneyDoc(this.doc) : "";
  }

  dispose(): void {
    this.shared.ydoc.off("afterTransaction", this.onTransaction);
    this.presence.dispose();
    this.changeListeners.clear();
    this.replyListeners.clear();
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

  getPresence(): readonly Presence[] {
    return this.presence.get();
  }

  setEditing(card: string | null): void {
    this.presence.setEditing(card);
  }

  // ---- the writer -------------------------------------------------------------------------
  private handle(message: OpMessage): void {
    if (!message || message.type !== "op") return;
    const opId = message.op_id;
    let reply: Reply;
    try {
      if (this.readOnly) throw new JourneyFileError(READ_ONLY);
      if (this.error != null) throw new JourneyFileError(`the shared document is not a journey map this view can edit: ${this.error}`);
      if (!this.doc) throw new JourneyFileError(NOT_LOADED);
      const kind = (message.op as { kind?: unknown } | null)?.kind;
      if (kind === "undo" || kind === "redo") {
        const manager = this.shared.undoManager;
        const changed = (kind === "undo" ? manager.undo() : manager.redo()) != null;
        reply = { type: "ack", op_id: opId, revision: this.revision, changed };
      } else {
        const base = message.base_revision;
        const stale = !Number.isInteger(base) || base < this.revision;
        const applied = applyMessageOp(this.doc, message.op, stale, this.newId);
        this.writing = true;
        try {
          this.shared.write(journeyDocValue(applied.doc));
        } finally {
          this.writing = false;
        }
        this.doc = applied.doc;
        this.publish();
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

  /**
   * Changes of the map other than the operation `handle` is writing (it knows the result): the
   * others' (through the server), undo and redo (the undo manager's origin), a reload.
   */
  private onTransaction = (tr: Y.Transaction): void => {
    if (this.writing || !touchesMap(tr, this.roots)) return;
    this.read();
    this.publish();
  };

  /** Read the shared document; one that is not a map keeps the last good one, read-only. */
  private read(): void {
    if (isEmptyDocument(this.shared.ydoc)) {
      [this.doc, this.error] = [null, null];
      return;
    }
    try {
      this.doc = readJourneyDoc(readDocument(this.shared.ydoc));
      this.error = null;
    } catch (err) {
      if (!(err instanceof JourneyFileError)) throw err;
      this.error = err.message;
    }
  }

  private publish(): void {
    this.revision++;
    this.notify();
  }

  private notify(): void {
    for (const cb of [...this.changeListeners]) cb();
  }

  private projection(): Projection {
    this.view = projectDoc(this.doc, this.view);
    return this.view;
  }
}
