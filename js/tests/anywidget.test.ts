import { describe, expect, it } from "vitest";
import widget from "../src/index";
import { anywidgetModel } from "../src/model/anywidget";
import { card, makeStructure } from "./fake";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors AnyModel's handler type
type Handler = (...args: any[]) => void;

/** Just enough of an anywidget model: get/on/off/send and a way to play the kernel. */
function fakeAnyModel(state: Record<string, unknown>) {
  const handlers = new Map<string, Set<Handler>>();
  const sent: unknown[] = [];
  const model = {
    get: (k: string) => state[k],
    set: (k: string, v: unknown) => void (state[k] = v),
    on: (ev: string, cb: Handler) => void (handlers.get(ev) ?? handlers.set(ev, new Set()).get(ev)!).add(cb),
    off: (ev?: string | null, cb?: Handler | null) => void (ev && cb && handlers.get(ev)?.delete(cb)),
    send: (m: unknown) => void sent.push(m),
    save_changes: () => {},
    widget_manager: { get_model: () => Promise.reject(new Error("unused")) },
  };
  const fire = (ev: string, ...args: unknown[]) => handlers.get(ev)?.forEach((cb) => cb(...args));
  const listeners = () => [...handlers.values()].reduce((n, s) => n + s.size, 0);
  return { model, sent, fire, listeners, state };
}

describe("anywidget binding", () => {
  it("reads traits, reports changes of each trait, sends ops, filters replies", () => {
    const f = fakeAnyModel({ structure: makeStructure(), cards: [card("a")], revision: 2, read_only: false });
    const m = anywidgetModel(f.model);
    expect(m.getCards().map((c) => c.id)).toEqual(["a"]);
    expect(m.getCards()).toBe(m.getCards()); // same trait value, same array
    expect(m.getRevision()).toBe(2);
    let changes = 0;
    const replies: unknown[] = [];
    const off1 = m.onChange(() => changes++);
    const off2 = m.onReply((r) => replies.push(r));
    for (const t of ["structure", "cards", "revision", "read_only"]) f.fire(`change:${t}`);
    expect(changes).toBe(4);
    f.fire("msg:custom", { type: "ack", op_id: "v-1", revision: 3 });
    f.fire("msg:custom", { type: "something-else" });
    expect(replies).toEqual([{ type: "ack", op_id: "v-1", revision: 3 }]);
    m.propose({ type: "op", op_id: "v-2", base_revision: 3, op: { kind: "delete", id: "a" } });
    expect(f.sent).toHaveLength(1);
    off1();
    off2();
    expect(f.listeners()).toBe(0);
  });

  it("tolerates missing or partial traits", () => {
    const f = fakeAnyModel({ structure: { title: "T", lanes: [{ name: "L", kind: "weird" }] }, cards: null });
    const m = anywidgetModel(f.model);
    expect(m.getStructure()).toMatchObject({ title: "T", stages: [], lanes: [{ name: "L", kind: "text" }], persona: null });
    expect(m.getCards()).toEqual([]);
    expect(m.getRevision()).toBe(0);
    expect(m.isReadOnly()).toBe(false);
  });

  it("render() draws into el, proposes through model.send, and cleans up", () => {
    const f = fakeAnyModel({ structure: makeStructure(), cards: [card("a")], revision: 7, read_only: false });
    const el = document.createElement("div");
    const cleanup = widget.render({ model: f.model, el });
    expect(el.querySelector("[data-jw-root]")!.getAttribute("data-jw-revision")).toBe("7");
    el.querySelector('[data-jw-card="a"]')!.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    el.querySelector<HTMLElement>('[data-jw-card="a"] [data-jw-delete]')!.click();
    expect(f.sent).toEqual([{ type: "shown" }, { type: "op", op_id: expect.stringMatching(/^v\w+-1$/), base_revision: 7, op: { kind: "delete", id: "a" }, view: expect.stringMatching(/^v\w+$/) }]);
    cleanup();
    expect(el.children).toHaveLength(0);
    expect(f.listeners()).toBe(0);
  });
});
