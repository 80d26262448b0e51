// MapModel over a shared journey document (real-time collaboration): the view's operations are
// checked and applied exactly as DocumentMapModel applies them (docops.ts, Python's rules and
// reasons), then written into the Y doc as this browser's change; undo and redo walk this
// browser's own changes (the YJourney's undo manager); changes from the others re-read the
// document; the awareness says where the others are.
import type * as Y from "yjs";
import { readJourneyDoc } from "../model/docread";
import { type JourneyDoc, journeyDocValue, JourneyFileError, writeJourneyDoc } from "../model/journeyfile";
import type { Presence } from "../model/types";
import { READ_ONLY, SingleWriterModel, type WriterOptions } from "../model/writer";
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

export type SharedModelOptions = WriterOptions;

const NOT_LOADED = "the shared map has not arrived from the server yet";

export class SharedMapModel extends SingleWriterModel {
  private roots: JourneyRoots;
  private presence: PresenceTracker;
  private writing = false;

  constructor(private shared: SharedJourney, opts: SharedModelOptions = {}) {
    super(opts);
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

  // ---- MapModel (the rest is the single writer's: writer.ts) ---------------------------
  getPresence(): readonly Presence[] {
    return this.presence.get();
  }

  setEditing(card: string | null): void {
    this.presence.setEditing(card);
  }

  // ---- the single writer's parts ---------------------------------------------------------
  protected refusal(): string | null {
    if (this.readOnly) return READ_ONLY;
    if (this.error != null) return `the shared document is not a journey map this view can edit: ${this.error}`;
    return this.doc ? null : NOT_LOADED;
  }

  protected store(doc: JourneyDoc): void {
    this.writing = true;
    try {
      this.shared.write(journeyDocValue(doc));
    } finally {
      this.writing = false;
    }
    this.doc = doc;
    this.publish();
  }

  protected walk(kind: "undo" | "redo"): boolean {
    const manager = this.shared.undoManager;
    return (kind === "undo" ? manager.undo() : manager.redo()) != null;
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

}
