// Presence on the board (view/presence.ts) and over a kernel (model/presence.ts): marks on the
// cards others edit, the editor's warning, setEditing on open and close, the own user left out.
import { afterEach, describe, expect, it, vi } from "vitest";
import { publishIdentity } from "../src/identity";
import { anywidgetModel } from "../src/model/anywidget";
import { othersOf, PRESENCE_REFRESH_MS, readEntries } from "../src/model/presence";
import type { Presence } from "../src/model/types";
import { Store } from "../src/store";
import { immediately } from "../src/view/schedule";
import { MapView } from "../src/view/view";
import { card, FakeModel, makeStructure } from "./fake";
import { key, openWithEnter } from "./helpers";

const ME = { username: "u-me", name: "me", display_name: "Me", initials: "M", color: "#123456" };
const BO: Presence = { name: "bo", display_name: "Bo <b>B</b>", color: "rgb(200, 0, 0)", card: "a" };

/** A source that keeps presence, like the notebook widget or the shared file document. */
class PresenceModel extends FakeModel {
  presence: Presence[] = [];
  editing: (string | null)[] = [];
  getPresence = () => this.presence;
  setEditing(card: string | null) {
    this.editing.push(card);
  }
  others(presence: Presence[]) {
    this.presence = presence;
    this.update({});
  }
}

function mountPresence() {
  const model = new PresenceModel(makeStructure(), [card("a"), card("b")], 3);
  const host = document.createElement("div");
  document.body.appendChild(host);
  const view = new MapView(host, new Store(model, "vt"), { schedule: immediately });
  const cardEl = (id: string) => view.root.querySelector<HTMLElement>(`[data-jw-card="${id}"]`)!;
  return { model, view, root: view.root, cardEl };
}

afterEach(() => {
  document.body.textContent = "";
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("journey-widget.identity")];
  vi.useRealTimers();
});

describe("presence on the board", () => {
  it("marks the card someone else edits with their name, as text, in their colour", () => {
    const { model, root, cardEl } = mountPresence();
    model.others([BO]);
    const a = cardEl("a");
    expect(a.getAttribute("data-jw-presence")).toBe("bo");
    const mark = a.querySelector<HTMLElement>("[data-jw-presence-mark]")!;
    expect(mark.textContent).toBe("Bo <b>B</b>");
    expect(mark.querySelector("b")).toBeNull();
    expect(mark.querySelector<HTMLElement>(".jw-presence-name")!.style.getPropertyValue("--jw-presence-color"))
      .toBe("rgb(200, 0, 0)");
    expect(cardEl("b").hasAttribute("data-jw-presence")).toBe(false);
    model.others([{ ...BO, card: "b" }]); // they moved on
    expect(a.hasAttribute("data-jw-presence")).toBe(false);
    expect(a.querySelector("[data-jw-presence-mark]")).toBeNull();
    expect(cardEl("b").getAttribute("data-jw-presence")).toBe("bo");
    model.others([]);
    expect(root.querySelectorAll("[data-jw-presence], [data-jw-presence-mark]")).toHaveLength(0);
  });

  it("never shows the own user's entries", () => {
    publishIdentity(ME);
    const { model, root } = mountPresence();
    model.others([{ name: "me", display_name: "Me", color: null, card: "a" }]);
    expect(root.querySelectorAll("[data-jw-presence]")).toHaveLength(0);
  });

  it("calls setEditing when the editor opens and closes", () => {
    const { model, cardEl, root } = mountPresence();
    openWithEnter(cardEl("b"));
    expect(model.editing).toEqual(["b"]);
    key(root.querySelector("textarea[data-jw-editor]")!, "Escape");
    expect(model.editing).toEqual(["b", null]);
  });

  it("warns in the editor of a card someone else edits, naming them", () => {
    const { model, cardEl, root } = mountPresence();
    model.others([BO]);
    openWithEnter(cardEl("a"));
    const warning = root.querySelector<HTMLElement>("[data-jw-presence-warning]")!;
    expect(warning.getAttribute("role")).toBe("status");
    expect(warning.textContent).toContain("Bo <b>B</b> is editing this card too");
    expect(warning.querySelector("b")).toBeNull();
    model.others([]); // they closed theirs: the warning goes, the editor stays
    expect(root.querySelector("[data-jw-presence-warning]")).toBeNull();
    expect(root.querySelector("textarea[data-jw-editor]")).not.toBeNull();
    model.others([BO, { name: "cy", display_name: "Cy", color: null, card: "a" }]); // and come back
    expect(root.querySelector("[data-jw-presence-warning]")!.textContent).toContain("Bo <b>B</b> and Cy are editing");
  });

  it("opens without a warning on a card nobody else edits, and draws nothing without presence", () => {
    const { model, cardEl, root } = mountPresence();
    model.others([BO]);
    openWithEnter(cardEl("b"));
    expect(root.querySelector("[data-jw-presence-warning]")).toBeNull();
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors AnyModel's handler type
type Handler = (...args: any[]) => void;

function fakeKernel() {
  const handlers = new Map<string, Set<Handler>>();
  const sent: Record<string, unknown>[] = [];
  const state: Record<string, unknown> = { structure: makeStructure(), cards: [card("a")], revision: 1, read_only: false };
  const model = {
    get: (k: string) => state[k],
    set: () => {},
    on: (ev: string, cb: Handler) => void (handlers.get(ev) ?? handlers.set(ev, new Set()).get(ev)!).add(cb),
    off: (ev?: string | null, cb?: Handler | null) => void (ev && cb && handlers.get(ev)?.delete(cb)),
    send: (m: Record<string, unknown>) => void sent.push(m),
    save_changes: () => {},
    widget_manager: { get_model: () => Promise.reject(new Error("unused")) },
  };
  const fire = (ev: string, ...args: unknown[]) => handlers.get(ev)?.forEach((cb) => cb(...args));
  const listeners = () => [...handlers.values()].reduce((n, s) => n + s.size, 0);
  return { model, sent, fire, listeners };
}

describe("presence over a kernel", () => {
  it("sends the user with every operation, and presence when editing, refreshed until closed", () => {
    vi.useFakeTimers();
    publishIdentity(ME);
    const k = fakeKernel();
    const m = anywidgetModel(k.model);
    let changes = 0;
    const off = m.onChange(() => changes++);
    const user = { name: "me", display_name: "Me", color: "#123456" };
    expect(k.sent).toEqual([{ type: "presence", view: expect.stringMatching(/^v\w+$/), card: null, user }]);
    m.propose({ type: "op", op_id: "v-1", base_revision: 1, op: { kind: "undo" } });
    expect(k.sent[1]).toEqual({ type: "op", op_id: "v-1", base_revision: 1, op: { kind: "undo" }, user: "me", view: expect.stringMatching(/^v\w+$/) });
    m.setEditing!("a");
    expect(k.sent[2]).toMatchObject({ type: "presence", card: "a", user });
    vi.advanceTimersByTime(PRESENCE_REFRESH_MS * 2);
    expect(k.sent.slice(3).map((s) => s.card)).toEqual(["a", "a"]);
    k.fire("msg:custom", { type: "presence", entries: [{ ...BO }, { name: "me", display_name: "Me", color: null, card: "b" }] });
    expect(changes).toBe(1);
    expect(m.getPresence!()).toEqual([BO]);
    m.setEditing!(null);
    vi.advanceTimersByTime(PRESENCE_REFRESH_MS * 2);
    expect(k.sent.slice(5).map((s) => s.card)).toEqual([null]);
    m.setEditing!("a");
    globalThis.dispatchEvent(new Event("pagehide")); // the tab goes: the kernel hears at once
    expect(k.sent[k.sent.length - 1]).toMatchObject({ type: "presence", card: null });
    off();
    expect(k.listeners()).toBe(0);
  });

  it("takes no part without a user, and says nothing about one", () => {
    const k = fakeKernel();
    const m = anywidgetModel(k.model);
    const off = m.onChange(() => {});
    m.setEditing!("a");
    m.propose({ type: "op", op_id: "v-1", base_revision: 1, op: { kind: "undo" } });
    expect(k.sent).toEqual([{ type: "op", op_id: "v-1", base_revision: 1, op: { kind: "undo" }, view: expect.stringMatching(/^v\w+$/) }]);
    off();
  });

  it("reads broadcasts defensively and keeps one entry per other person", () => {
    expect(readEntries([{ name: "bo", card: "a" }, { name: "", card: "a" }, { name: 3 }, null, { name: "cy", card: null }]))
      .toEqual([{ name: "bo", display_name: "bo", color: null, card: "a" }]);
    expect(readEntries("nope")).toEqual([]);
    const two = [{ ...BO }, { ...BO, card: "b" }, { name: "me", display_name: "Me", color: null, card: "c" }];
    expect(othersOf(two, "me")).toEqual([{ ...BO, card: "b" }]);
  });
});
