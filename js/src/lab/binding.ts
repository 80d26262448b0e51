// A `.journey.json` document's text model bound to a DocumentMapModel: the file's text is read
// into the map, every applied operation (undo and redo too) writes the new text back, which
// marks the document dirty, and the dirty flag clears when undo returns to the saved text.
// Text changed outside the map (revert, a text editor on the same file) is read again.
import { DocumentMapModel } from "../model/document";
import { newMapText } from "./template";

/** The parts of a JupyterLab document context the binding uses (DocumentRegistry.IContext). */
export interface TextContext {
  readonly model: {
    toString(): string;
    fromString(text: string): void;
    dirty: boolean;
    readonly contentChanged: Signal;
  };
  readonly fileChanged: Signal;
  readonly disposed: Signal;
}

interface Signal {
  connect(fn: () => void, thisArg?: unknown): boolean;
  disconnect(fn: () => void, thisArg?: unknown): boolean;
}

const bindings = new WeakMap<TextContext, DocumentMapModel>();

/**
 * The map model of a document context, created on first use and shared by every view of the
 * same file (JupyterLab's "New View"), so their operations and undo history are one.
 * Call after `context.ready`.
 */
export function bindContext(context: TextContext): DocumentMapModel {
  const known = bindings.get(context);
  if (known) return known;
  const model = new DocumentMapModel();
  bindings.set(context, model);
  let saved = context.model.toString();
  let writing = false;

  const write = (text: string) => {
    writing = true;
    try {
      context.model.fromString(text);
    } finally {
      writing = false;
    }
    context.model.dirty = text !== saved;
  };
  const read = () => {
    if (writing) return;
    const text = context.model.toString();
    if (model.error == null && text === model.text()) return;
    model.load(text);
  };
  const onSaved = () => {
    saved = context.model.toString();
  };

  if (saved.trim() === "") {
    // An empty file (a new file renamed to .journey.json): start from the launcher's template.
    model.load(newMapText());
    write(model.text());
  } else {
    model.load(saved);
  }
  const offText = model.onText(write);
  context.model.contentChanged.connect(read);
  context.fileChanged.connect(onSaved);
  const dispose = () => {
    offText();
    context.model.contentChanged.disconnect(read);
    context.fileChanged.disconnect(onSaved);
    context.disposed.disconnect(dispose);
  };
  context.disposed.connect(dispose);
  return model;
}
