import { describe, expect, it } from "vitest";
import { Store, typedValue } from "../src/store";
import type { StoreEvent } from "../src/store";
import { card, FakeModel } from "./fake";

function setup(cards = [card("a"), card("b"), card("c", { lane: "Emotions", score: 1 })]) {
  const model = new FakeModel(undefined, cards, 5);
  const store = new Store(model, "vt");
  const events: StoreEvent[] = [];
  store.subscribe((e) => events.push(e));
  return { model, store, events };
}

const edit = (id: string, value: unknown, old: unknown, field = "text") =>
  ({ kind: "edit", id, field, value, old }) as const;

describe("Store", () => {
  it("sends an op message with a unique op id and the base revision", () => {
    const { model, store } = setup();
    const id1 = store.propose(edit("a", "A!", "text a"));
    const id2 = store.propose({ kind: "delete", id: "b" });
    expect(id1).toBe("vt-1");
    expect(id2).toBe("vt-2");
    expect(model.sent[0]).toEqual({ type: "op", op_id: "vt-1", base_revision: 5, op: edit("a", "A!", "text a") });
    store.propose(edit("c", "x", "text c"), 4);
    expect(model.last().base_revision).toBe(4);
  });

  it("shows pending operations on top of the source's state", () => {
    const { model, store } = setup();
    store.propose(edit("a", "A!", "text a"));
    store.propose({ kind: "delete", id: "b" });
    expect(store.cards().map((c) => [c.id, c.text])).toEqual([["a", "A!"], ["c", "text c"]]);
    expect(model.cards.map((c) => c.text)).toEqual(["text a", "text b", "text c"]);
    expect([...store.pendingIds()].sort()).toEqual(["a", "b"]);
  });

  it("keeps pending operations applied across a change from elsewhere", () => {
    const { model, store } = setup();
    store.propose(edit("a", "A!", "text a"));
    model.update({ cards: model.cards.map((c) => (c.id === "b" ? { ...c, text: "remote" } : c)) });
    expect(store.cards().map((c) => c.text)).toEqual(["A!", "remote", "text c"]);
  });

  it("on ack drops the op: the source's state already holds the result", () => {
    const { model, store, events } = setup();
    store.propose(edit("a", "A!", "text a"));
    model.accept();
    expect(store.pendingIds().size).toBe(0);
    expect(store.hasPending()).toBe(false);
    expect(store.cards()).toBe(model.cards);
    expect(events.filter((e) => e.type === "ack")).toHaveLength(1);
  });

  it("on reject rolls back and remembers the reason and what was typed", () => {
    const { model, store, events } = setup();
    store.propose(edit("c", 7, 1, "score"));
    expect(store.cards()[2]!.score).toBe(7);
    model.reject(undefined, "score 7 is outside the scale -2..2");
    expect(store.cards()[2]!.score).toBe(1);
    expect(store.cards()).toBe(model.cards);
    expect(store.error).toEqual({ reason: "score 7 is outside the scale -2..2", typed: "7" });
    expect(events[events.length - 1]).toMatchObject({ type: "reject", opId: "vt-1" });
  });

  it("a reject rolls back only its own op", () => {
    const { model, store } = setup();
    store.propose(edit("a", "first", "text a"));
    const second = store.propose(edit("b", "second", "text b"));
    model.reject(model.sent[0]);
    expect(store.cards().map((c) => c.text)).toEqual(["text a", "second", "text c"]);
    expect([...store.pendingIds()]).toEqual(["b"]);
    expect(second).toBe("vt-2");
  });

  it("the error stays until dismissed or until a later operation succeeds", () => {
    const { model, store } = setup();
    store.propose(edit("a", "x", "text a"));
    store.propose(edit("b", "typed text", "text b"));
    const [first, second] = model.sent;
    model.reject(second, "no");
    model.accept(first); // proposed before the error: does not clear it
    expect(store.error?.typed).toBe("typed text");
    store.propose(edit("a", "y", "x"));
    model.accept();
    expect(store.error).toBeNull();
    store.reportError("local problem", null);
    expect(store.error).toEqual({ reason: "local problem", typed: null });
    store.dismissError();
    expect(store.error).toBeNull();
  });

  it("an add shows a temporary card in its cell, then maps it to the id the ack gives", () => {
    const { model, store, events } = setup();
    const opId = store.propose({ kind: "add", stage: "Browse", step: "Search", lane: "Actions", text: "New card", index: 1 });
    const temp = `tmp-${opId}`;
    expect(store.cards().map((c) => c.id)).toEqual(["a", temp, "b", "c"]);
    expect(store.isTemporary(temp)).toBe(true);
    expect(store.pendingIds().has(temp)).toBe(true);
    // Nothing may target a card that does not exist yet on the other side.
    expect(store.propose({ kind: "delete", id: temp })).toBeNull();
    const real = model.accept();
    expect(events[events.length - 1]).toEqual({ type: "ack", opId, op: model.sent[0]!.op, id: real, tempId: temp, changed: true });
    expect(store.resolve(temp)).toBe(real);
    expect(store.cards().map((c) => c.id)).toEqual(["a", real, "b", "c"]);
    // An op naming the temporary id after the ack goes out with the real one.
    store.propose({ kind: "delete", id: temp });
    expect(model.last().op).toEqual({ kind: "delete", id: real });
  });

  it("ignores replies to other views' operations and repeated replies", () => {
    const { model, store, events } = setup();
    store.propose(edit("a", "A!", "text a"));
    model.reply({ type: "reject", op_id: "other-1", revision: 5, reason: "not mine" });
    expect(store.error).toBeNull();
    expect(store.hasPending()).toBe(true);
    model.accept();
    const n = events.length;
    model.reply({ type: "reject", op_id: "vt-1", revision: 6, reason: "late" });
    expect(events.length).toBe(n);
    expect(store.error).toBeNull();
  });

  it("proposes nothing while read-only", () => {
    const { model, store } = setup();
    model.update({ readOnly: true });
    expect(store.propose(edit("a", "x", "text a"))).toBeNull();
    expect(model.sent).toHaveLength(0);
    expect(store.cards()).toBe(model.cards);
  });

  it("emits change on source changes and stops after destroy", () => {
    const { model, store, events } = setup();
    model.update({});
    expect(events).toEqual([{ type: "change" }]);
    store.destroy();
    model.update({});
    expect(events).toHaveLength(1);
  });
});

describe("typedValue", () => {
  it("describes what the user typed", () => {
    expect(typedValue(edit("a", "hi\nthere", ""))).toBe("hi\nthere");
    expect(typedValue(edit("a", null, 1, "score"))).toBe("(empty)");
    expect(typedValue(edit("a", 1.5, 1, "score"))).toBe("1.5");
    expect(typedValue({ kind: "add", stage: "s", step: null, lane: "l", text: "New card", index: null })).toBe("New card");
    expect(typedValue({ kind: "delete", id: "a" })).toBeNull();
  });
});

describe("Store: revisions, structure and history", () => {
  it("keeps an acknowledged op applied until the state it follows arrives", () => {
    // ipywidgets deserializes trait updates asynchronously: the ack can arrive first.
    const { model, store, events } = setup();
    store.propose(edit("a", "A!", "text a"));
    model.reply({ type: "ack", op_id: "vt-1", revision: 6 }); // state of revision 6 not here yet
    expect(store.cards()[0]!.text).toBe("A!");
    expect(events.some((e) => e.type === "ack")).toBe(true);
    expect(store.hasPending()).toBe(true);
    expect(store.pendingIds().size).toBe(0); // done, as far as the user is concerned
    model.update({ cards: model.cards.map((c) => (c.id === "a" ? { ...c, text: "A!" } : c)) });
    expect(model.revision).toBe(6);
    expect(store.hasPending()).toBe(false);
    expect(store.cards()).toBe(model.cards);
  });

  it("an early ack of an add shows the card under its real id at once", () => {
    const { model, store } = setup();
    const opId = store.propose({ kind: "add", stage: "Pay", step: null, lane: "Actions", text: "New", index: null })!;
    model.reply({ type: "ack", op_id: opId, revision: 6, id: "c-real" });
    expect(store.cards().map((c) => c.id)).toContain("c-real");
    expect(store.isTemporary(`tmp-${opId}`)).toBe(false);
    expect(store.resolve(`tmp-${opId}`)).toBe("c-real");
    model.update({ cards: [...model.cards, card("c-real", { stage: "Pay", step: null, text: "New" })] });
    expect(store.cards().filter((c) => c.id === "c-real")).toHaveLength(1);
    expect(store.hasPending()).toBe(false);
  });

  it("applies structure ops optimistically and rolls them back on reject", () => {
    const { model, store } = setup();
    store.propose({ kind: "rename_stage", old: "Browse", new: "Search" });
    expect(store.structure().stages.map((s) => s.name)).toEqual(["Search", "Pay"]);
    expect(new Set(store.cards().map((c) => c.stage))).toEqual(new Set(["Search"]));
    expect(model.structure.stages[0]!.name).toBe("Browse");
    model.reject(undefined, "there is already a stage 'Search'");
    expect(store.structure()).toBe(model.structure);
    expect(store.cards()).toBe(model.cards);
    expect(store.error).toEqual({ reason: "there is already a stage 'Search'", typed: "Search" });
  });

  it("removing a lane with its cards shows at once and comes back on reject", () => {
    const { model, store } = setup();
    store.propose({ kind: "remove_lane", name: "Emotions", drop_cards: true });
    expect(store.structure().lanes.map((l) => l.name)).toEqual(["Actions"]);
    expect(store.cards().map((c) => c.id)).toEqual(["a", "b"]);
    model.reject();
    expect(store.cards().map((c) => c.id)).toEqual(["a", "b", "c"]);
  });

  it("undo and redo wait for Python, which alone knows the history", () => {
    const { model, store, events } = setup();
    store.propose(edit("a", "A!", "text a"));
    model.accept();
    store.propose({ kind: "undo" });
    expect(store.walking()).toBe(true);
    expect(store.cards()[0]!.text).toBe("A!"); // nothing optimistic
    model.accept();
    expect(store.walking()).toBe(false);
    expect(store.cards()[0]!.text).toBe("text a");
    expect(events[events.length - 1]).toMatchObject({ type: "ack", changed: true });
    store.propose({ kind: "undo" });
    model.accept();
    expect(events[events.length - 1]).toMatchObject({ type: "ack", changed: false });
    store.propose({ kind: "redo" });
    model.accept();
    expect(store.cards()[0]!.text).toBe("A!");
  });

  it("a batch is one op: applied together, rolled back together, typed values kept", () => {
    const { model, store } = setup();
    store.propose({ kind: "batch", ops: [edit("a", "A!", "text a"), edit("a", "Email", null, "channel")] });
    expect(store.cards()[0]).toMatchObject({ text: "A!", channel: "Email" });
    expect([...store.pendingIds()]).toEqual(["a"]);
    model.reject(undefined, "no");
    expect(store.cards()[0]!.channel).toBeUndefined();
    expect(store.error!.typed).toBe("A!\nchannel: Email");
  });

  it("a batch naming a card not yet created is not sent", () => {
    const { model, store } = setup();
    const opId = store.propose({ kind: "add", stage: "Pay", step: null, lane: "Actions", text: "n", index: null })!;
    expect(store.propose({ kind: "batch", ops: [edit(`tmp-${opId}`, "x", "n")] })).toBeNull();
    expect(model.sent).toHaveLength(1);
  });

  it("sends the older of the given and the current revision as the base", () => {
    const { model, store } = setup();
    store.propose({ kind: "move", id: "a", stage: "Pay", step: null, lane: "Actions", index: 0 }, 99);
    expect(model.last().base_revision).toBe(5);
    model.accept();
    store.propose({ kind: "add_stage", name: "Review", index: null }, 2);
    expect(model.last().base_revision).toBe(2);
  });
});
