// The shared document's layout (docs/collaboration.md): reading gives the file's document,
// writing writes differences only, and two replicas' concurrent edits merge.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { isEmptyDocument, journeyRoots, readDocument, writeDocument } from "../src/collab/yshape";
import { orderEdits } from "../src/collab/yorder";
import { readJourneyDoc } from "../src/model/docread";
import { journeyDocValue, writeJourneyDoc } from "../src/model/journeyfile";
import { cardOf, cardsOf, edited, exampleValue, sync, TEXT, twoReplicas } from "./collabshared";

const ids = (doc: Y.Doc) => cardsOf(doc).map((c) => c.id as string);

/** Updates a transaction sends, to count what a write changed. */
function updatesOf(ydoc: Y.Doc, fn: () => void): Uint8Array[] {
  const out: Uint8Array[] = [];
  const on = (u: Uint8Array) => out.push(u);
  ydoc.on("update", on);
  fn();
  ydoc.off("update", on);
  return out;
}

describe("reading and writing the shared document", () => {
  it("reads back the file's document, key order and bytes included", () => {
    const ydoc = new Y.Doc();
    expect(isEmptyDocument(ydoc)).toBe(true);
    expect(writeDocument(ydoc, exampleValue(), "me")).toBe(true);
    const doc = readDocument(ydoc);
    expect(Object.keys(doc)).toEqual(["$schema", "format", "version", "title", "persona", "state", "scale", "stages", "lanes", "columns", "cards"]);
    expect(writeJourneyDoc(readJourneyDoc(doc))).toBe(TEXT);
    const roots = journeyRoots(ydoc);
    expect(roots.meta.get("title")).toBe(JSON.stringify(exampleValue().title));
    expect(roots.cards.get("c-a8aa3ac27f")!.get("score")).toBe("1");
    expect(roots.order.length).toBe(22);
    expect(roots.meta.has("format")).toBe(false);
  });

  it("writes nothing when nothing changed, and one field when one changed", () => {
    const [a] = twoReplicas();
    expect(updatesOf(a, () => writeDocument(a, exampleValue(), "me"))).toHaveLength(0);
    const doc = edited(a, (d) => (d.cards[2]!.text = "Curious, a little wary"));
    const before = Y.encodeStateVector(a);
    expect(writeDocument(a, doc, "me")).toBe(true);
    const diff = Y.decodeUpdate(Y.encodeStateAsUpdate(a, before));
    expect(diff.structs).toHaveLength(1); // one new item: the text; the old one is deleted
    expect(cardOf(a, "c-a8aa3ac27f").text).toBe("Curious, a little wary");
  });

  it("moves a card with one delete and one insert in order", () => {
    expect(orderEdits(["a", "b", "c", "d"], ["b", "c", "a", "d"])).toEqual({ deletes: [[0, 1]], inserts: [[2, ["a"]]] });
    expect(orderEdits(["a", "x", "b", "a"], ["a", "b", "n"])).toEqual({ deletes: [[3, 1], [1, 1]], inserts: [[2, ["n"]]] });
    expect(orderEdits(["x", "y", "a"], ["a", "n", "m"])).toEqual({ deletes: [[0, 2]], inserts: [[1, ["n", "m"]]] });
    expect(orderEdits([], ["a", "b"])).toEqual({ deletes: [], inserts: [[0, ["a", "b"]]] });
    const [a] = twoReplicas();
    const order = ids(a);
    const doc = edited(a, (d) => d.cards.push(d.cards.shift()!));
    writeDocument(a, doc, "me");
    expect(ids(a)).toEqual([...order.slice(1), order[0]]);
  });

  it("skips what is not a card or not JSON, and orders cards missing from order by id", () => {
    const ydoc = new Y.Doc();
    writeDocument(ydoc, exampleValue(), "me");
    const { meta, cards, order } = journeyRoots(ydoc);
    const first = order.get(0);
    ydoc.transact(() => {
      order.insert(0, ["ghost", first]); // not a card; a repeated id counts once
      order.delete(order.length - 2, 2); // the last two cards lose their place
      meta.set("title", "{not json");
      cards.get(first)!.set("text", "nope");
    });
    const doc = readDocument(ydoc);
    expect(doc.title).toBeUndefined();
    const got = (doc.cards as Array<Record<string, unknown>>).map((c) => c.id);
    const all = exampleValue().cards as Array<{ id: string }>;
    const lost = all.slice(-2).map((c) => c.id).sort();
    expect(got).toEqual([...all.slice(0, -2).map((c) => c.id), ...lost]);
    expect((doc.cards as Array<Record<string, unknown>>)[0]!.text).toBeNull(); // unreadable: missing
  });

  it("repairs a card whose stage, step, lane or column the structure lost (Python's rules)", () => {
    const ydoc = new Y.Doc();
    const value = exampleValue();
    value.stages = [{ name: "Discover", steps: ["Ad"], description: "" }];
    value.lanes = [{ name: "Actions", kind: "text" }, { name: "Feelings", kind: "emotion" }];
    value.columns = (value.columns as Array<{ name: string }>).filter((c) => c.name !== "source");
    value.metrics = [{ stage: "Measured", metric: "visits", value: 3, target: null, unit: null, n: null }];
    value.cards = [
      { id: "c-1", stage: "Discover", step: "Search", lane: "Actions", text: "a", score: null, source: "x", rank: 2 },
      { id: "c-2", stage: "Gone", step: " ", lane: "Lost", text: "b", score: null },
      { id: "c-3", stage: "Discover", step: null, lane: "Feelings", text: "c", score: 7 },
      { id: "c-4", stage: "Discover", step: null, lane: " ", text: "no lane" },
    ];
    writeDocument(ydoc, value, "me");
    const doc = readDocument(ydoc);
    expect(doc.stages).toEqual([
      { name: "Discover", steps: ["Ad", "Search"], description: "" },
      { name: "Gone", steps: [], description: "" },
      { name: "Measured", steps: [], description: "" },
    ]);
    expect(doc.lanes).toEqual([{ name: "Actions", kind: "text" }, { name: "Feelings", kind: "emotion" }, { name: "Lost", kind: "text" }]);
    expect((doc.columns as Array<{ name: string; dtype: string }>).slice(-2)).toEqual([
      { name: "rank", dtype: "object" }, { name: "source", dtype: "str" },
    ]);
    const cards = doc.cards as Array<Record<string, unknown>>;
    expect(cards.map((c) => c.id)).toEqual(["c-1", "c-2", "c-3"]); // c-4 has no lane: left out
    expect(cards[1]).toMatchObject({ step: null, source: null, rank: null });
    expect(cards[2]!.score).toBe(2); // inside the emotion scale
    expect(readJourneyDoc(doc).cards.map((c) => c.id)).toEqual(["c-1", "c-2", "c-3"]);
  });
});

describe("two people editing one shared document", () => {
  it("merges edits of different cards and of different fields of one card", () => {
    const [a, b] = twoReplicas();
    writeDocument(a, edited(a, (d) => (d.cards[0]!.text = "A's text")), "a");
    writeDocument(b, edited(b, (d) => (d.cards[1]!.text = "B's text")), "b");
    writeDocument(b, edited(b, (d) => (d.cards[0]!.source = "B's source")), "b");
    sync(a, b);
    for (const doc of [a, b]) {
      expect(cardsOf(doc)[0]).toMatchObject({ text: "A's text", source: "B's source" });
      expect(cardsOf(doc)[1]!.text).toBe("B's text");
    }
    expect(readDocument(a)).toEqual(readDocument(b));
  });

  it("keeps the cards both added", () => {
    const [a, b] = twoReplicas();
    const card = (id: string) => ({ id, stage: "Cart", step: null, lane: "Thoughts", text: id, score: null, source: null });
    writeDocument(a, edited(a, (d) => d.cards.push(card("c-from-a"))), "a");
    writeDocument(b, edited(b, (d) => d.cards.splice(3, 0, card("c-from-b"))), "b");
    sync(a, b);
    expect(ids(a)).toEqual(ids(b));
    expect(ids(a)).toContain("c-from-a");
    expect(ids(a)).toContain("c-from-b");
    expect(ids(a)).toHaveLength(24);
  });

  it("merges a move with an edit of the moved card", () => {
    const [a, b] = twoReplicas();
    const id = ids(a)[0]!;
    writeDocument(a, edited(a, (d) => {
      const [c] = d.cards.splice(0, 1);
      Object.assign(c!, { stage: "Checkout", lane: "Thoughts" });
      d.cards.push(c!);
    }), "a");
    writeDocument(b, edited(b, (d) => (d.cards[0]!.text = "edited while moved")), "b");
    sync(a, b);
    for (const doc of [a, b]) {
      expect(ids(doc).slice(-1)[0]).toBe(id);
      expect(cardOf(doc, id)).toMatchObject({ stage: "Checkout", lane: "Thoughts", text: "edited while moved" });
    }
  });

  it("keeps a new card in a stage renamed meanwhile (read repairs the stage)", () => {
    const [a, b] = twoReplicas();
    const renamed = edited(a, (d) => {
      (d.stages as Array<{ name: string }>)[2]!.name = "Basket";
      for (const c of d.cards) if (c.stage === "Cart") c.stage = "Basket";
    });
    writeDocument(a, renamed, "a");
    writeDocument(b, edited(b, (d) => d.cards.push({ ...d.cards[0], id: "c-new", stage: "Cart", text: "new in Cart" })), "b");
    sync(a, b);
    const doc = readJourneyDoc(readDocument(b));
    expect(doc.stages.map((s) => s.name)).toEqual(["Discover", "Browse", "Basket", "Checkout", "Delivery", "Cart"]);
    expect(doc.cards.find((c) => c.id === "c-new")).toMatchObject({ stage: "Cart", text: "new in Cart" });
    expect(doc.cards.filter((c) => c.stage === "Basket").length).toBeGreaterThan(0);
    expect(readDocument(a)).toEqual(readDocument(b));
  });

  it("shows a card both moved once, and the next write drops the second place", () => {
    const [a, b] = twoReplicas();
    const id = ids(a)[0]!;
    const move = (doc: Y.Doc, to: number, stage: string) => edited(doc, (d) => {
      const [c] = d.cards.splice(0, 1);
      c!.stage = stage;
      d.cards.splice(to, 0, c!);
    });
    writeDocument(a, move(a, 5, "Browse"), "a");
    writeDocument(b, move(b, 15, "Checkout"), "b");
    sync(a, b);
    expect(ids(a)).toEqual(ids(b));
    expect(ids(a)).toHaveLength(22);
    expect(ids(a).filter((x) => x === id)).toHaveLength(1);
    expect(journeyRoots(a).order.toArray().filter((x) => x === id)).toHaveLength(2);
    expect(cardOf(a, id).stage).toBe(cardOf(b, id).stage); // one of the two moves, the same everywhere
    writeDocument(a, edited(a, (d) => (d.cards[1]!.text = "later edit")), "a");
    expect(journeyRoots(a).order.toArray().filter((x) => x === id)).toHaveLength(1);
  });

  it("deletes a card everywhere, and writes the file's value unchanged", () => {
    const [a, b] = twoReplicas();
    const id = ids(a)[4]!;
    writeDocument(a, edited(a, (d) => d.cards.splice(4, 1)), "a");
    sync(a, b);
    expect(ids(b)).not.toContain(id);
    expect(journeyRoots(b).order.toArray()).not.toContain(id);
    const doc = readJourneyDoc(readDocument(b));
    expect(writeDocument(b, journeyDocValue(doc), "b")).toBe(false);
  });
});

describe("comments and voting in the shared document (docs/participation.md)", () => {
  const comments = [{ id: "k1", card: "c11", parent: null, author: "Ana", created: "2026-12-01T10:00:00Z", text: "Why?", resolved: false }];
  const voting = {
    rounds: [{ round: 1, lanes: ["Pain points"], budget: 3, anonymous: true, started: "2026-12-01T10:00:00Z", ends: null, ended: null }],
    votes: [{ round: 1, card: "c11", voter: "voter-1a2b3c4d", count: 2 }],
  };

  it("are two more meta keys, and the version is 2 exactly when one is held", () => {
    const ydoc = new Y.Doc();
    const plain = exampleValue();
    writeDocument(ydoc, plain, "me");
    expect(readDocument(ydoc).version).toBe(1);
    expect(readDocument(ydoc).$schema).toBe("urn:journey-widget:schema:journey-map:1");
    writeDocument(ydoc, { ...plain, version: 2, comments }, "me");
    expect(JSON.parse(journeyRoots(ydoc).meta.get("comments")!)).toEqual(comments);
    let doc = readDocument(ydoc);
    expect([doc.version, doc.$schema]).toEqual([2, "urn:journey-widget:schema:journey-map:2"]);
    expect(Object.keys(doc).slice(-2)).toEqual(["cards", "comments"]);
    writeDocument(ydoc, { ...plain, version: 2, voting, zeta: 1 }, "me");
    doc = readDocument(ydoc);
    expect(Object.keys(doc).slice(-3)).toEqual(["cards", "voting", "zeta"]);
    expect(doc.version).toBe(2);
    writeDocument(ydoc, plain, "me");
    expect(readDocument(ydoc).version).toBe(1);
  });

  it("round-trip through the file document and write Python's bytes", () => {
    const ydoc = new Y.Doc();
    writeDocument(ydoc, { ...exampleValue(), version: 2, comments, voting }, "me");
    const text = writeJourneyDoc(readJourneyDoc(readDocument(ydoc)));
    const back = JSON.parse(text) as Record<string, unknown>;
    expect(back.version).toBe(2);
    expect(back.comments).toEqual(comments);
    expect(back.voting).toEqual(voting);
    expect(Object.keys(back).slice(-3)).toEqual(["cards", "comments", "voting"]);
    const b = new Y.Doc();
    writeDocument(b, journeyDocValue(readJourneyDoc(readDocument(ydoc))), "b");
    expect(readDocument(b)).toEqual(readDocument(ydoc));
  });
});
