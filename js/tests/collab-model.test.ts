// SharedMapModel: the view's operations over a shared journey document (two browsers, two
// YJourney replicas exchanging updates as the server relays them), presence from the awareness.
import { afterEach, describe, expect, it } from "vitest";
import { applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";
import { SharedMapModel } from "../src/collab/shared";
import { YJourney } from "../src/collab/ydoc";
import { readDocument } from "../src/collab/yshape";
import { DocumentMapModel } from "../src/model/document";
import type { Op, Reply } from "../src/model/types";
import { exampleValue, sync, TEXT } from "./collabshared";

const open: YJourney[] = [];

afterEach(() => {
  for (const y of open.splice(0)) y.dispose();
});

/** One person's browser: a replica, its model, the replies it got, and `send` to propose. */
function browser(name: string, ids = 0) {
  const y = new YJourney();
  open.push(y);
  y.awareness.setLocalStateField("user", { name, display_name: `${name} Person`, color: "var(--jp-collaborator-color1)", initials: name[0], username: name });
  const model = new SharedMapModel(y, { defer: (fn) => fn(), newId: () => `c-${name}${++ids}` });
  const replies: Reply[] = [];
  model.onReply((r) => replies.push(r));
  let n = 0;
  const send = (op: Op, base = model.getRevision()): Reply => {
    model.propose({ type: "op", op_id: `${name}${++n}`, base_revision: base, op });
    return replies[replies.length - 1]!;
  };
  return { y, model, replies, send };
}

type Browser = ReturnType<typeof browser>;

/** Two people on the example map: A loaded it, B joined. */
function pair(): [Browser, Browser] {
  const a = browser("A");
  const b = browser("B");
  a.y.write(exampleValue());
  a.y.undoManager.clear(); // loading is nobody's edit
  sync(a.y.ydoc, b.y.ydoc);
  return [a, b];
}

const link = () => sync(...open.map((y) => y.ydoc));
const card = (who: Browser, id: string) => who.model.getCards().find((c) => c.id === id)!;
const edit = (id: string, value: unknown, old: unknown, field = "text"): Op => ({ kind: "edit", id, field, value, old });
const [C1, C2, C3] = ["c-7341ff6377", "c-1317b5ec6b", "c-a8aa3ac27f"];

describe("SharedMapModel", () => {
  it("applies an edit, writes it into the shared document, acknowledges; the other sees it", () => {
    const [a, b] = pair();
    let changes = 0;
    b.model.onChange(() => changes++);
    const reply = a.send(edit(C1, "Sees the ad twice", "Sees a running-shoe ad on social media"));
    expect(reply).toMatchObject({ type: "ack", revision: a.model.getRevision() });
    expect(card(a, C1).text).toBe("Sees the ad twice");
    link();
    expect(card(b, C1).text).toBe("Sees the ad twice");
    expect(changes).toBe(1);
    expect(b.model.text()).toBe(a.model.text());
  });

  it("refuses what DocumentMapModel refuses, with the same reason, and writes nothing", () => {
    const [a] = pair();
    const local = new DocumentMapModel({ defer: (fn) => fn() });
    local.load(TEXT);
    const replies: Reply[] = [];
    local.onReply((r) => replies.push(r));
    for (const op of [edit("c-none", "x", ""), edit(C3, 9, 1, "score"), { kind: "rename_stage", old: "Cart", new: "Browse" } as Op]) {
      local.propose({ type: "op", op_id: "x", base_revision: local.getRevision(), op });
      const before = readDocument(a.y.ydoc);
      const reply = a.send(op);
      expect(reply.type).toBe("reject");
      expect(reply).toMatchObject({ reason: (replies[replies.length - 1] as { reason: string }).reason });
      expect(readDocument(a.y.ydoc)).toEqual(before);
    }
  });

  it("adds a card with an id the ack carries, and refuses an edit based on a value changed meanwhile", () => {
    const [a, b] = pair();
    const added = a.send({ kind: "add", stage: "Cart", step: null, lane: "Thoughts", text: "Too many fields", index: null });
    expect(added).toMatchObject({ type: "ack", id: "c-A1" });
    const base = b.model.getRevision();
    b.send(edit(C1, "B was first", "Sees a running-shoe ad on social media"));
    link();
    expect(b.model.getCards().some((c) => c.id === "c-A1")).toBe(true);
    const late = a.send(edit(C1, "A was late", "Sees a running-shoe ad on social media"), base);
    expect(late.type).toBe("reject");
    expect(card(a, C1).text).toBe("B was first");
  });

  it("undoes this person's last edit only, not the neighbour's", () => {
    const [a, b] = pair();
    a.send(edit(C1, "A's edit", "Sees a running-shoe ad on social media"));
    b.send(edit(C2, "B's edit", "Instagram ad"));
    link();
    expect(a.send({ kind: "undo" })).toMatchObject({ type: "ack", changed: true });
    link();
    for (const who of [a, b]) {
      expect(card(who, C1).text).toBe("Sees a running-shoe ad on social media");
      expect(card(who, C2).text).toBe("B's edit");
    }
    expect(a.send({ kind: "undo" })).toMatchObject({ type: "ack", changed: false });
    expect(a.send({ kind: "redo" })).toMatchObject({ type: "ack", changed: true });
    link();
    expect(card(b, C1).text).toBe("A's edit");
  });

  it("undo restores the fields it changed under a neighbour's edit of the same card's other fields", () => {
    const [a, b] = pair();
    a.send(edit(C1, "A's edit", "Sees a running-shoe ad on social media"));
    link();
    b.send(edit(C1, "B's source", "interview 2", "source"));
    link();
    a.send({ kind: "undo" });
    link();
    expect(card(b, C1).text).toBe("Sees a running-shoe ad on social media");
    expect(readDocument(b.y.ydoc).cards).toContainEqual(expect.objectContaining({ id: C1, source: "B's source" }));
  });

  it("undo never overwrites a neighbour's later change of the same field; that step is dropped", () => {
    const [a, b] = pair();
    a.send(edit(C3, "Curious, wary", "Curious"));
    a.send(edit(C1, "A's edit", "Sees a running-shoe ad on social media"));
    link();
    b.send(edit(C1, "B's edit over A's", "A's edit"));
    link();
    // A's last step (C1) conflicts with B's later edit: Yjs skips it and undoes A's step before.
    expect(a.send({ kind: "undo" })).toMatchObject({ type: "ack", changed: true });
    link();
    for (const who of [a, b]) {
      expect(card(who, C1).text).toBe("B's edit over A's");
      expect(card(who, C3).text).toBe("Curious");
    }
    expect(a.send({ kind: "undo" })).toMatchObject({ changed: false });
  });

  it("undoes an add, a delete and a move of this person", () => {
    const [a, b] = pair();
    const order = () => b.model.getCards().map((c) => c.id);
    const start = order();
    a.send({ kind: "add", stage: "Cart", step: null, lane: "Thoughts", text: "new", index: 0 });
    a.send({ kind: "delete", id: C2 });
    a.send({ kind: "move", id: C1, stage: "Delivery", step: null, lane: "Actions", index: null });
    link();
    expect(card(b, C1).stage).toBe("Delivery");
    for (let i = 0; i < 3; i++) a.send({ kind: "undo" });
    link();
    expect(order()).toEqual(start);
    expect(card(b, C1).stage).toBe("Discover");
    expect(card(b, C2).text).toBe("Instagram ad");
  });

  it("is read-only with a reason until the shared map arrives", () => {
    const lone = browser("L");
    expect(lone.model.isReadOnly()).toBe(true);
    expect(lone.send(edit(C1, "x", ""))).toMatchObject({ type: "reject", reason: expect.stringContaining("not arrived") });
    lone.y.write(exampleValue());
    expect(lone.model.isReadOnly()).toBe(false);
    expect(lone.model.getCards()).toHaveLength(22);
  });
});

describe("presence", () => {
  /** Relay awareness between browsers as the server does. */
  function relay(...all: Browser[]) {
    for (const from of all) {
      from.y.awareness.on("update", ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
        if (origin === "remote") return;
        const update = encodeAwarenessUpdate(from.y.awareness, [...added!, ...updated!, ...removed!]);
        for (const to of all) if (to !== from) applyAwarenessUpdate(to.y.awareness, update, "remote");
      });
      const update = encodeAwarenessUpdate(from.y.awareness, [from.y.awareness.clientID]);
      for (const to of all) if (to !== from) applyAwarenessUpdate(to.y.awareness, update, "remote");
    }
  }

  it("lists the others, one entry per person, with the card they edit", () => {
    const [a, b] = pair();
    const a2 = browser("A"); // A in a second tab
    const c = browser("C");
    relay(a, b, a2, c);
    let changes = 0;
    b.model.onChange(() => changes++);
    expect(b.model.getPresence()).toEqual([
      { name: "A", display_name: "A Person", color: "var(--jp-collaborator-color1)", card: null },
      { name: "C", display_name: "C Person", color: "var(--jp-collaborator-color1)", card: null },
    ]);
    a2.model.setEditing(C1);
    expect(b.model.getPresence()[0]).toMatchObject({ name: "A", card: C1 });
    expect(changes).toBe(1);
    expect(a.model.getPresence().map((p) => p.name)).toEqual(["B", "C"]); // A's other tab is A
    a2.model.setEditing(null);
    expect(b.model.getPresence()[0]!.card).toBeNull();
    c.y.awareness.setLocalStateField("user", { name: 42 }); // not an identity: left out
    expect(b.model.getPresence().map((p) => p.name)).toEqual(["A"]);
  });
});
