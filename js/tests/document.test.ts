// The document binding of the map: DocumentMapModel under the same Store and MapView the widget
// uses (no view code of its own). Parity with Python's operations, reason for reason and byte for
// byte, is tested from Python (tests/unit/test_lab_document_parity.py).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DocumentMapModel } from "../src/model/document";
import { parseJourneyText } from "../src/model/docread";
import type { Reply } from "../src/model/types";
import { Store } from "../src/store";
import { immediately } from "../src/view/schedule";
import { MapView } from "../src/view/view";

const TEXT = readFileSync(resolve(process.cwd(), "../examples/checkout.journey.json"), "utf8");
const flush = () => new Promise<void>((r) => setTimeout(r, 0));

function open(text = TEXT, opts: ConstructorParameters<typeof DocumentMapModel>[0] = {}) {
  let n = 0;
  const model = new DocumentMapModel({ newId: () => `c-new${++n}`, ...opts });
  model.load(text);
  const texts: string[] = [];
  const replies: Reply[] = [];
  model.onText((t) => texts.push(t));
  model.onReply((r) => replies.push(r));
  const store = new Store(model, "vd");
  return { model, store, texts, replies };
}

afterEach(() => {
  document.body.textContent = "";
});

describe("DocumentMapModel under the Store", () => {
  it("applies an edit, publishes it, then acknowledges; the file text holds it", async () => {
    const { model, store, texts, replies } = open();
    const first = store.cards()[0]!;
    store.propose({ kind: "edit", id: first.id, field: "text", value: "Sees an ad <b>twice</b>", old: first.text });
    expect(store.hasPending()).toBe(true); // optimistic until the answer, as with a kernel
    expect(store.cards()[0]!.text).toBe("Sees an ad <b>twice</b>");
    await flush();
    expect(replies).toEqual([{ type: "ack", op_id: "vd-1", revision: 2 }]);
    expect(store.hasPending()).toBe(false);
    expect(model.getRevision()).toBe(2);
    expect(texts).toHaveLength(1);
    expect(parseJourneyText(texts[0]!).cards[0]!.text).toBe("Sees an ad <b>twice</b>");
    expect(parseJourneyText(texts[0]!).cards[0]!.source).toBe("interview 2"); // the analyst's column stays
  });

  it("names an added card in the ack and creates it where Python would", async () => {
    const { store, replies, model } = open();
    store.propose({ kind: "add", stage: "Cart", step: null, lane: "Actions", text: "Reads reviews", index: 0 });
    await flush();
    expect(replies[0]).toMatchObject({ type: "ack", id: "c-new1" });
    const cart = model.getCards().filter((c) => c.stage === "Cart" && c.lane === "Actions");
    expect(cart[0]).toMatchObject({ id: "c-new1", text: "Reads reviews", score: null, step: null });
  });

  it("refuses what the kernel refuses, with its reason, and changes nothing", async () => {
    const { store, model, texts } = open();
    const emotion = store.cards().find((c) => c.lane === "Emotions")!;
    store.propose({ kind: "edit", id: emotion.id, field: "score", value: 7, old: emotion.score });
    await flush();
    expect(store.error).toEqual({
      reason: "column 'score' has value 7 at row 0 on emotion lane 'Emotions', outside the map's scale -2..2",
      typed: "7",
    });
    expect(model.getRevision()).toBe(1);
    expect(texts).toEqual([]);
    expect(store.cards().find((c) => c.id === emotion.id)!.score).toBe(emotion.score);
  });

  it("refuses an edit based on a value changed meanwhile", async () => {
    const { store } = open();
    const c = store.cards()[0]!;
    store.propose({ kind: "edit", id: c.id, field: "text", value: "one", old: c.text });
    const base = 1; // the revision the second editor opened on
    store.propose({ kind: "edit", id: c.id, field: "text", value: "two", old: c.text }, base);
    await flush();
    expect(store.error?.reason).toBe(`this card was changed elsewhere meanwhile (text is now 'one'); your edit 'two' was not applied`);
  });

  it("undoes and redoes its own operations, and says when there is nothing to walk", async () => {
    const { store, model, texts, replies } = open();
    const c = store.cards()[0]!;
    store.propose({ kind: "delete", id: c.id });
    await flush();
    store.propose({ kind: "undo" });
    await flush();
    expect(model.getCards()[0]!.id).toBe(c.id);
    expect(texts[texts.length - 1]).toBe(TEXT);
    store.propose({ kind: "redo" });
    await flush();
    expect(model.getCards().some((x) => x.id === c.id)).toBe(false);
    store.propose({ kind: "redo" });
    await flush();
    expect(replies.map((r) => r.type === "ack" && r.changed)).toEqual([undefined, true, true, false]);
    expect(model.canUndo() && !model.canRedo()).toBe(true);
  });

  it("remembers at most historyLimit operations", async () => {
    const { store, model } = open(TEXT, { historyLimit: 2 });
    for (const text of ["a", "b", "c"]) {
      const c = store.cards()[0]!;
      store.propose({ kind: "edit", id: c.id, field: "text", value: text, old: c.text });
      await flush();
    }
    for (let i = 0; i < 3; i++) {
      store.propose({ kind: "undo" });
      await flush();
    }
    expect(model.getCards()[0]!.text).toBe("a");
  });

  it("keeps the last readable map, read-only, while the text is not a journey map", async () => {
    const { model, store } = open();
    expect(model.load('{"format": "journey-map", "version": 1, "stages": ["A", "A"]}')).toBe(false);
    expect(model.error).toBe("stages[1].name: stage name 'A' appears twice; expected unique stage names");
    expect(model.isReadOnly()).toBe(true);
    expect(model.getCards().length).toBeGreaterThan(0);
    expect(store.propose({ kind: "undo" })).toBeNull(); // the store sends nothing on a read-only map
    expect(model.load(TEXT)).toBe(true);
    expect(model.isReadOnly()).toBe(false);
  });

  it("leaves a loaded map, its text and its history untouched when a text is refused", async () => {
    const { model, store } = open();
    const first = store.cards()[0]!;
    store.propose({ kind: "edit", id: first.id, field: "text", value: "Edited", old: first.text });
    await flush();
    const [text, cards, structure] = [model.text(), model.getCards(), model.getStructure()];
    for (const bad of ["", "{", TEXT.replace('"version": 1', '"version": 3'), TEXT.replace('"score": -1.0', '"score": NaN')]) {
      expect(model.load(bad)).toBe(false);
      expect(model.error).toMatch(/^(\$|version|cards\[\d+\]\.score): /);
      expect([model.text(), model.getCards(), model.getStructure()]).toEqual([text, cards, structure]);
      expect(model.canUndo()).toBe(true);
    }
    expect(model.load(Uint8Array.of(0x7b, 0xff, 0x7d))).toBe(false);
    expect(model.error).toBe("$: not UTF-8 text: byte 0xff at offset 1; expected a journey map document (UTF-8 JSON)");
    expect(model.load(text)).toBe(true); // the text of the map shown: its history comes back
    expect(model.error).toBeNull();
    expect(model.canUndo()).toBe(true);
    store.propose({ kind: "undo" });
    await flush();
    expect(model.text()).toBe(TEXT);
  });

  it("as a read-only output, refuses with the widget's reason", async () => {
    const { model, replies } = open(TEXT, { readOnly: true });
    model.propose({ type: "op", op_id: "x-1", base_revision: 1, op: { kind: "delete", id: "c-7341ff6377" } });
    await flush();
    expect(replies).toEqual([{ type: "reject", op_id: "x-1", revision: 1, reason: "this map is read-only; set read_only=False to edit it" }]);
  });
});

describe("the widget's MapView on a document", () => {
  it("draws the file's map with the protocol's hooks, text as text, and edits it from the keyboard", async () => {
    const doc = JSON.parse(TEXT);
    doc.cards[0].text = "<img src=x onerror=alert(1)>";
    const { store, model } = open(JSON.stringify(doc));
    const host = document.createElement("div");
    document.body.append(host);
    const view = new MapView(host, store, { schedule: immediately });
    const root = view.root;
    expect(root.querySelectorAll("[data-jw-card]")).toHaveLength(doc.cards.length);
    const first = root.querySelector<HTMLElement>(`[data-jw-card="${doc.cards[0].id}"]`)!;
    expect(first.querySelector("[data-jw-card-text]")!.textContent).toBe("<img src=x onerror=alert(1)>");
    expect(root.querySelector("img")).toBeNull();
    first.focus();
    first.dispatchEvent(new KeyboardEvent("keydown", { key: "Delete", bubbles: true, cancelable: true }));
    await flush();
    expect(model.getCards()).toHaveLength(doc.cards.length - 1);
    expect(root.querySelectorAll("[data-jw-card]")).toHaveLength(doc.cards.length - 1);
    view.destroy();
    store.destroy();
  });
});
