// The JupyterLab side of a shared map that runs without JupyterLab: when documents are shared,
// the document model over a YJourney, its factory and registration, and the binding of a
// shared document context (the document widget itself is tested in a real JupyterLab,
// tests/e2e/test_collab_file_browser.py).
import { PageConfig } from "@jupyterlab/coreutils";
import { Signal } from "@lumino/signaling";
import { afterEach, describe, expect, it } from "vitest";
import { YJourney } from "../src/collab/ydoc";
import { readDocument } from "../src/collab/yshape";
import { isCollaborative, JOURNEY_MODEL, JourneyDocModel, JourneyModelFactory, registerShared } from "../src/lab/rtcmodel";
import { bindShared, notLoaded, sharedJourney } from "../src/lab/sharedbinding";
import { newMapText } from "../src/lab/template";
import { parseJourneyText } from "../src/model/docread";
import { writeJourneyDoc } from "../src/model/journeyfile";
import { TEXT } from "./collabshared";

afterEach(() => PageConfig.setOption("disableRTC", ""));

/** A document context as JupyterLab's holds a shared model, for bindShared. */
function context(model: JourneyDocModel, size: number) {
  return { model, contentsModel: { size }, disposed: new Signal<unknown, void>({}) };
}

describe("the shared document in JupyterLab", () => {
  it("is used only with jupyter-collaboration's drive and RTC on", () => {
    const drive = {} as Parameters<typeof isCollaborative>[0];
    expect(isCollaborative(null)).toBe(false);
    expect(isCollaborative(drive)).toBe(true);
    PageConfig.setOption("disableRTC", "true");
    expect(isCollaborative(drive)).toBe(false);
  });

  it("registers the document type and the model factory", () => {
    const types: string[] = [];
    const models: string[] = [];
    const drive = { sharedModelFactory: { registerDocumentFactory: (t: string, f: () => unknown) => types.push(t) && f() instanceof YJourney } };
    registerShared(drive as never, { addModelFactory: (f: JourneyModelFactory) => models.push(f.name) } as never);
    expect(types).toEqual(["journey"]);
    expect(models).toEqual([JOURNEY_MODEL]);
    const factory = new JourneyModelFactory();
    expect([factory.contentType, factory.fileFormat, factory.collaborative]).toEqual(["journey", "text", true]);
  });

  it("gives the file's text of the shared map and loads text when no room did", () => {
    const model = new JourneyDocModel();
    let changes = 0;
    model.contentChanged.connect(() => changes++);
    model.fromString(TEXT);
    expect(changes).toBe(1);
    expect(model.toString()).toBe(TEXT);
    expect(model.sharedModel.canUndo()).toBe(false); // loading is nobody's edit
    const dirty: unknown[] = [];
    model.stateChanged.connect((_, args) => dirty.push([args.name, args.newValue]));
    model.dirty = true;
    expect(dirty).toEqual([["dirty", true]]);
    model.dispose();
    model.sharedModel.dispose();
  });

  it("binds one map model per context; an empty file becomes the template", () => {
    const empty = new JourneyDocModel();
    const ctx = context(empty, 0);
    const journey = sharedJourney(ctx)!;
    const model = bindShared(ctx, journey);
    expect(bindShared(ctx, journey)).toBe(model);
    expect(writeJourneyDoc(parseJourneyText(model.text()))).toBe(newMapText());
    expect(notLoaded(model)).toBeNull();
    expect(journey.canUndo()).toBe(false);
    ctx.disposed.emit();
    empty.sharedModel.dispose();
  });

  it("says so when the server did not load a file that is not empty", () => {
    const refused = new JourneyDocModel();
    const model = bindShared(context(refused, 120), refused.sharedModel);
    expect(readDocument(refused.sharedModel.ydoc).cards).toEqual([]);
    expect(model.isReadOnly()).toBe(true);
    expect(notLoaded(model)).toContain("did not load");
    expect(sharedJourney({ model: { sharedModel: {} }, contentsModel: null, disposed: new Signal({}) })).toBeNull();
    refused.sharedModel.dispose();
  });
});
