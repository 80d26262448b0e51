// MapModel over a `.journey.json` document instead of a kernel: the second binding of the one
// view (docs/protocol.md). It is the single writer, like Python's widget (writer.ts). It keeps
// its own undo/redo history of whole documents and says when the file text changed, so a host
// (a JupyterLab document) can store and save it.
import { parseJourneyText, readJourneyDoc } from "./docread";
import { type JourneyDoc, journeyDocValue, JourneyFileError, writeJourneyDoc } from "./journeyfile";
import { READ_ONLY, SingleWriterModel, type WriterOptions } from "./writer";

export interface DocumentModelOptions extends WriterOptions {
  /** How many operations undo remembers (Python's History keeps 500). */
  historyLimit?: number;
}

export class DocumentMapModel extends SingleWriterModel {
  private undoStack: JourneyDoc[] = [];
  private redoStack: JourneyDoc[] = [];
  private textListeners = new Set<(text: string) => void>();
  private written: { doc: JourneyDoc; text: string } | null = null;
  private limit: number;

  constructor(opts: DocumentModelOptions = {}) {
    super(opts);
    this.limit = opts.historyLimit ?? 500;
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

  // ---- the single writer's parts ---------------------------------------------------------
  protected refusal(): string | null {
    if (this.error != null) return `the file is not a journey map this view can edit: ${this.error}`;
    return this.readOnly || !this.doc ? READ_ONLY : null;
  }

  protected store(doc: JourneyDoc): void {
    this.commit(doc);
  }

  private commit(doc: JourneyDoc): void {
    this.undoStack.push(this.doc!);
    if (this.undoStack.length > this.limit) this.undoStack.splice(0, this.undoStack.length - this.limit);
    this.redoStack = [];
    this.doc = doc;
    this.changed();
  }

  protected walk(kind: "undo" | "redo"): boolean {
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

  private current(): JourneyDoc {
    if (!this.doc) throw new JourneyFileError(this.error ?? "no journey map loaded");
    return this.doc;
  }
}
