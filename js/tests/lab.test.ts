// The JupyterLab glue that can run without JupyterLab: the binding of a document's text model
// and the output renderer. JupyterLab itself is represented by the few parts these use
// (a text model that marks itself dirty on change, a session, a renderer registry); the
// document widget, launcher and file type are tested in a real JupyterLab (tests/e2e).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Signal } from "@lumino/signaling";
import { Widget } from "@lumino/widgets";
import { afterEach, describe, expect, it } from "vitest";
import { bindContext, type TextContext } from "../src/lab/binding";
import { type LiveHost, WIDGET_MIME } from "../src/lab/live";
import { JourneyMimeRenderer } from "../src/lab/mime";
import { newMapText } from "../src/lab/template";
import { parseJourneyText } from "../src/model/docread";
import { MIME_TYPE } from "../src/model/journeyfile";
import { Store } from "../src/store";

const TEXT = readFileSync(resolve(process.cwd(), "../examples/checkout.journey.json"), "utf8");
const B2C = readFileSync(resolve(process.cwd(), "../src/journey_widget/templates/b2c.journey.json"), "utf8");
const tick = () => new Promise<void>((r) => setTimeout(r, 0));

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A text document as JupyterLab's DocumentModel and Context behave for the binding. */
class FakeDocument implements TextContext {
  readonly fileChanged = new Signal<this, void>(this);
  readonly disposed = new Signal<this, void>(this);
  readonly model;
  saved: string;

  constructor(text: string) {
    this.saved = text;
    const doc = this;
    this.model = {
      text,
      dirty: false,
      contentChanged: new Signal<object, void>(doc),
      toString() {
        return this.text;
      },
      fromString(t: string) {
        this.text = t;
        this.contentChanged.emit();
        this.dirty = true;
      },
    };
  }

  save(): void {
    this.saved = this.model.toString();
    this.model.dirty = false;
    this.fileChanged.emit();
  }
}

afterEach(() => {
  document.body.textContent = "";
});

describe("a .journey.json document bound to the map", () => {
  it("writes each edit into the text, marks it dirty, and is clean again at the saved text", async () => {
    const doc = new FakeDocument(TEXT);
    const model = bindContext(doc);
    const store = new Store(model, "vl");
    const first = store.cards()[0]!;
    store.propose({ kind: "edit", id: first.id, field: "text", value: "Sees a poster", old: first.text });
    await tick();
    expect(doc.model.dirty).toBe(true);
    expect(parseJourneyText(doc.model.toString()).cards[0]!.text).toBe("Sees a poster");
    doc.save();
    store.propose({ kind: "undo" });
    await tick();
    expect(doc.model.toString()).toBe(TEXT);
    expect(doc.model.dirty).toBe(true); // differs from what was saved
    store.propose({ kind: "redo" });
    await tick();
    expect(doc.model.toString()).toBe(doc.saved);
    expect(doc.model.dirty).toBe(false);
    expect(bindContext(doc)).toBe(model); // a second view of the file shares the same map
  });

  it("starts an empty file from the launcher's template", () => {
    const doc = new FakeDocument("");
    const model = bindContext(doc);
    expect(doc.model.toString()).toBe(newMapText());
    expect(newMapText()).toBe(B2C.replace(/\n$/, ""));
    expect(doc.model.dirty).toBe(true);
    expect(model.getStructure().stages.map((s) => s.name)).toEqual(["Awareness", "Consideration", "Decision", "Retention", "Advocacy"]);
  });

  it("reads text changed elsewhere, and stays read-only while it is not a journey map", () => {
    const doc = new FakeDocument(TEXT);
    const model = bindContext(doc);
    const revision = model.getRevision();
    doc.model.fromString(B2C); // a revert, or a text editor open on the same file
    expect(model.getRevision()).toBe(revision + 1);
    expect(model.getCards()).toHaveLength(0);
    doc.model.fromString("{ half typed");
    expect(model.error).toBe("$: not valid JSON: Expecting property name enclosed in double quotes at line 1 column 3");
    expect(model.isReadOnly()).toBe(true);
    expect(model.getCards()).toHaveLength(0); // the map read before stays
    doc.disposed.emit();
    doc.model.fromString(TEXT); // unbound: nothing is read any more
    expect(model.error).toMatch(/^\$: not valid JSON/);
  });
});

class FakeWidgetRenderer extends Widget implements IRenderMime.IRenderer {
  constructor(private draws: boolean) {
    super();
  }

  async renderModel(): Promise<void> {
    this.node.textContent = "Loading widget...";
    await tick();
    if (!this.draws) return;
    this.node.textContent = "";
    const root = document.createElement("div");
    root.setAttribute("data-jw-root", "");
    root.className = "live";
    this.node.append(root);
  }
}

function notebook(opts: { kernel: boolean; draws?: boolean }) {
  const initial = { safe: false, mimeTypes: [WIDGET_MIME], createRenderer: () => new FakeWidgetRenderer(false) };
  const own = { ...initial };
  let factory: IRenderMime.IRendererFactory = initial;
  const created: FakeWidgetRenderer[] = [];
  const session = { kernel: opts.kernel ? {} : null };
  const host: LiveHost = {
    rendermime: {
      getFactory: () => factory,
      createRenderer: () => {
        const r = new FakeWidgetRenderer(factory === own && opts.draws !== false);
        created.push(r);
        return r;
      },
    },
    sessionContext: { ready: Promise.resolve(), session, kernelChanged: new Signal({}), isDisposed: false },
    initialFactory: () => initial,
  };
  // What jupyterlab_widgets does once the notebook's kernel is connected.
  const connectKernel = () => {
    session.kernel = {};
    factory = own;
    (host.sessionContext.kernelChanged as Signal<object, void>).emit();
  };
  if (opts.kernel) factory = own;
  return { host, created, connectKernel };
}

function output(data: Record<string, unknown>, trusted = true) {
  return { data, metadata: {}, trusted, setData: () => undefined } as unknown as IRenderMime.IMimeModel;
}

const bundle = () => ({ [MIME_TYPE]: JSON.parse(TEXT), [WIDGET_MIME]: { model_id: "m1", version_major: 2, version_minor: 1 } });

async function render(live: LiveHost | null, data: Record<string, unknown>, trusted = true) {
  const r = new JourneyMimeRenderer(live, { poll: 5 });
  Widget.attach(r, document.body);
  await r.renderModel(output(data, trusted));
  return r;
}

const staticCards = (r: Widget) => r.node.querySelectorAll(".jw-lab-static-map [data-jw-card]").length;

describe("map outputs in a notebook", () => {
  it("draw the read-only map from the versioned JSON, with no kernel and no widget state", async () => {
    const r = await render(null, { [MIME_TYPE]: JSON.parse(TEXT) });
    await until(() => staticCards(r) === 22);
    expect(r.node.querySelectorAll("[data-jw-add]")).toHaveLength(0);
    expect(r.node.querySelector("[data-jw-editor]")).toBeNull();
  });

  it("say so, as text, when the data is not a journey map", async () => {
    const r = await render(null, { [MIME_TYPE]: { format: "<b>x</b>" } });
    expect(r.node.querySelector("[data-jw-mime-error]")!.textContent).toBe(
      `This output is not a journey map: format: not a journey map document: expected "journey-map", got '<b>x</b>' (a string)`);
    expect(r.node.querySelector("b")).toBeNull();
  });

  it("hand over to the live widget when the notebook's kernel draws it", async () => {
    const nb = notebook({ kernel: true });
    const r = await render(nb.host, bundle());
    await until(() => r.hasClass("jw-lab-live"));
    expect(nb.created).toHaveLength(1);
    expect(r.node.querySelector(".live")).not.toBeNull();
    expect(nb.created[0]!.hasClass("jw-lab-live-pending")).toBe(false);
    expect(r.node.querySelector(".jw-lab-static-map")).toBeNull(); // never drawn: no flash
  });

  it("keep the read-only map without a kernel, and hand over once a kernel connects", async () => {
    const nb = notebook({ kernel: false });
    const r = await render(nb.host, bundle());
    await until(() => staticCards(r) === 22);
    await new Promise((res) => setTimeout(res, 30));
    expect(nb.created).toHaveLength(0); // no "Loading widget..." in its place
    nb.connectKernel();
    await until(() => r.hasClass("jw-lab-live"));
    expect(staticCards(r)).toBe(0);
  });

  it("keep the read-only map when the widget cannot be drawn (its state is gone)", async () => {
    const nb = notebook({ kernel: true, draws: false });
    const r = await render(nb.host, bundle());
    await until(() => staticCards(r) === 22, 4000);
    expect(nb.created).toHaveLength(1);
    expect(nb.created[0]!.hasClass("jw-lab-live-pending")).toBe(true);
    expect(r.hasClass("jw-lab-live")).toBe(false);
  });

  it("never run the widget of an untrusted notebook", async () => {
    const nb = notebook({ kernel: true });
    const r = await render(nb.host, bundle(), false);
    await until(() => staticCards(r) === 22);
    expect(nb.created).toHaveLength(0);
  });
});
