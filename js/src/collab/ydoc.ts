// The shared model of a `.journey.json` in real-time collaboration: a YDocument (@jupyter/ydoc)
// whose Y doc has the layout of yshape.ts, registered with jupyter-collaboration's drive as the
// document type "journey" (Python: journey_widget.collab.ydoc.YJourney). Its undo manager
// tracks this browser's own writes only (origin: this object), over the three roots.
import { type DocumentChange, YDocument } from "@jupyter/ydoc";
import type { JSONObject } from "@lumino/coreutils";
import type * as Y from "yjs";
import { type FileDoc, isEmptyDocument, journeyRoots, readDocument, touchesMap, writeDocument } from "./yshape";

/** The document type jupyter-collaboration knows the shared journey by (a model's contentType). */
export const JOURNEY_TYPE = "journey";

export type JourneyChange = DocumentChange & {
  /** True when the map (meta, cards or order) changed, by anyone. */
  journeyChange?: boolean;
};

export class YJourney extends YDocument<JourneyChange> {
  /** The version of the layout (docs/collaboration.md). */
  readonly version = "1.0.0";
  private roots = journeyRoots(this.ydoc);

  constructor(options?: YDocument.IOptions) {
    super(options);
    const { meta, cards, order } = this.roots;
    // Every write is one step of undo (no merging of quick edits), own writes only.
    this.undoManager.captureTimeout = 0;
    this.undoManager.addToScope([meta, cards, order]);
    this.ydoc.on("afterTransaction", this.onTransaction);
  }

  static create(options?: YDocument.IOptions): YJourney {
    return new YJourney(options);
  }

  /** The origin of this browser's writes: what its undo manager tracks. */
  get origin(): unknown {
    return this;
  }

  /** True while the document holds no map yet (before the first sync, or an empty file). */
  get isEmpty(): boolean {
    return isEmptyDocument(this.ydoc);
  }

  /** The file's document (docs/collaboration.md "Reading"). */
  getSource(): JSONObject {
    return readDocument(this.ydoc) as JSONObject;
  }

  /** Write a document (a JSON object, or its text) as this browser's one undoable change. */
  setSource(value: unknown): void {
    const doc = typeof value === "string" ? (JSON.parse(value) as FileDoc) : (value as FileDoc);
    this.write(doc);
  }

  /** Write `doc` as one transaction of differences with this browser's origin (one undo step). */
  write(doc: FileDoc): boolean {
    this.undoManager.stopCapturing();
    return writeDocument(this.ydoc, doc, this.origin);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.ydoc.off("afterTransaction", this.onTransaction);
    super.dispose();
  }

  private onTransaction = (tr: Y.Transaction): void => {
    if (touchesMap(tr, this.roots)) this._changed.emit({ journeyChange: true });
  };
}
