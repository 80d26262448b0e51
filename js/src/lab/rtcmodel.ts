// The document model of a `.journey.json` in real-time collaboration: JupyterLab's document
// context holds it, its shared model is the YJourney that jupyter-collaboration's drive makes
// for the content type "journey" and keeps in sync with the server's room. Used only when the
// drive is there and RTC is on (isCollaborative); otherwise documents keep the text model.
import type { ICollaborativeContentProvider } from "@jupyter/collaborative-drive";
import type { StateChange } from "@jupyter/ydoc";
import { type IChangedArgs, PageConfig } from "@jupyterlab/coreutils";
import type { DocumentRegistry } from "@jupyterlab/docregistry";
import type { Contents } from "@jupyterlab/services";
import type { PartialJSONValue, ReadonlyPartialJSONValue } from "@lumino/coreutils";
import { Signal } from "@lumino/signaling";
import { JOURNEY_TYPE, type JourneyChange, YJourney } from "../collab/ydoc";
import { type FileDoc, readDocument, writeDocument } from "../collab/yshape";
import { parseJourneyText, readJourneyDoc } from "../model/docread";
import { journeyDocValue, writeJourneyDoc } from "../model/journeyfile";

/** The model factory's name (a widget factory's `modelName`). */
export const JOURNEY_MODEL = "journey";
/** The content provider jupyter-collaboration registers. */
export const RTC_PROVIDER = "rtc";

/**
 * Whether `.journey.json` documents are shared this session: jupyter-collaboration's drive is
 * there and the server did not turn RTC off (jupyter_server_ydoc's `disable_rtc`, published as
 * PageConfig `disableRTC`, which the drive itself reads).
 */
export function isCollaborative(drive: ICollaborativeContentProvider | null): drive is ICollaborativeContentProvider {
  return drive != null && PageConfig.getOption("disableRTC") !== "true";
}

/** The text of a file's document (`JourneyMap.save`'s bytes), or its plain JSON if not valid. */
function fileText(doc: FileDoc): string {
  try {
    return writeJourneyDoc(readJourneyDoc(doc));
  } catch {
    return JSON.stringify(doc, null, 1);
  }
}

export class JourneyDocModel implements DocumentRegistry.IModel {
  readonly sharedModel: YJourney;
  readonly collaborative = true;
  readonly defaultKernelName = "";
  readonly defaultKernelLanguage = "";
  readOnly = false;
  private _contentChanged = new Signal<this, void>(this);
  private _stateChanged = new Signal<this, IChangedArgs<unknown>>(this);
  private _disposed = false;

  constructor(options: DocumentRegistry.IModelOptions<YJourney> = {}) {
    this.sharedModel = options.sharedModel ?? YJourney.create();
    this.sharedModel.changed.connect(this.onShared);
  }

  get contentChanged(): Signal<this, void> {
    return this._contentChanged;
  }

  get stateChanged(): Signal<this, IChangedArgs<unknown>> {
    return this._stateChanged;
  }

  get dirty(): boolean {
    return this.sharedModel.dirty;
  }

  set dirty(value: boolean) {
    if (value !== this.dirty) this.sharedModel.dirty = value;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** The file text of the shared map (the server saves it itself; this is for save-as, copy). */
  toString(): string {
    return fileText(readDocument(this.sharedModel.ydoc));
  }

  /** Load file text: used only when the drive did not connect the document to a room. */
  fromString(value: string): void {
    this.fromJSON(journeyDocValue(parseJourneyText(value)) as ReadonlyPartialJSONValue);
  }

  toJSON(): PartialJSONValue {
    return readDocument(this.sharedModel.ydoc) as PartialJSONValue;
  }

  fromJSON(value: ReadonlyPartialJSONValue): void {
    // Loading is nobody's edit: not this browser's origin, so undo does not undo it.
    writeDocument(this.sharedModel.ydoc, value as FileDoc, "load");
  }

  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    this.sharedModel.changed.disconnect(this.onShared);
    Signal.clearData(this);
  }

  private onShared = (_: YJourney, change: JourneyChange): void => {
    if (change.journeyChange) this._contentChanged.emit();
    for (const state of change.stateChange ?? ([] as StateChange<unknown>[])) {
      if (state.oldValue !== state.newValue) {
        this._stateChanged.emit({ name: state.name, oldValue: state.oldValue, newValue: state.newValue });
      }
    }
  };
}

export class JourneyModelFactory implements DocumentRegistry.IModelFactory<JourneyDocModel, YJourney> {
  readonly name = JOURNEY_MODEL;
  readonly contentType: Contents.ContentType = JOURNEY_TYPE;
  readonly fileFormat: Contents.FileFormat = "text";
  readonly collaborative = true;
  private _disposed = false;

  get isDisposed(): boolean {
    return this._disposed;
  }

  dispose(): void {
    this._disposed = true;
  }

  preferredLanguage(_path: string): string {
    return "";
  }

  createNew(options: DocumentRegistry.IModelOptions<YJourney> = {}): JourneyDocModel {
    return new JourneyDocModel(options);
  }
}

/** Register the shared document type with the drive and the model factory with JupyterLab. */
export function registerShared(drive: ICollaborativeContentProvider, registry: DocumentRegistry): void {
  drive.sharedModelFactory.registerDocumentFactory(JOURNEY_TYPE, () => YJourney.create());
  registry.addModelFactory(new JourneyModelFactory());
}
