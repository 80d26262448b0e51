import { afterEach, describe, expect, it } from "vitest";
import widget from "../src/compare";
import { changeLabel, marksFor, normalizeChanges, signed } from "../src/compare/changes";
import { sideModel, type TraitSource } from "../src/compare/model";
import { CompareView } from "../src/compare/view";
import { immediately } from "../src/view/schedule";
import { card, makeStructure } from "./fake";
import { click, mount } from "./helpers";

afterEach(() => {
  document.body.textContent = "";
});

const EVIL = `<img src=x onerror="window.__pwned=1">`;

type Handler = () => void;

/** The CompareView traits as Python publishes them, and a way to replace some at once. */
function traits(state: Record<string, unknown>) {
  const handlers = new Map<string, Set<Handler>>();
  const model: TraitSource = {
    get: (k) => state[k],
    on: (ev, cb) => void (handlers.get(ev) ?? handlers.set(ev, new Set()).get(ev)!).add(cb),
    off: (ev, cb) => void handlers.get(ev)?.delete(cb),
  };
  const set = (patch: Record<string, unknown>) => {
    Object.assign(state, patch, { revision: Number(state.revision) + 1 });
    for (const k of [...Object.keys(patch), "revision"]) handlers.get(`change:${k}`)?.forEach((cb) => cb());
  };
  const listeners = () => [...handlers.values()].reduce((n, s) => n + s.size, 0);
  return { model, set, listeners };
}

// Rows as compare_payload publishes them: jw.diff's columns plus the label words Python chose.
const WORDS: Record<string, [string, string]> = {
  mv: ["Moved to Browse / Compare, Actions", "Moved from Pay, Actions"],
  ed: ["Edited: text", "Edited: text"], e1: ["Edited: score", "Edited: score"],
  new: ["Added", "Added"], gone: ["Removed", "Removed"],
};
const row = (id: string, change: string, before: unknown[] | null, after: unknown[] | null, fields = "", words = WORDS[id]) => ({
  id, change, fields, label_before: words?.[0] ?? null, label_after: words?.[1] ?? null,
  stage_before: before?.[0] ?? null, step_before: before?.[1] ?? null, lane_before: before?.[2] ?? null, text_before: before?.[3] ?? null,
  stage_after: after?.[0] ?? null, step_after: after?.[1] ?? null, lane_after: after?.[2] ?? null, text_after: after?.[3] ?? null,
});

const beforeCards = [
  card("same", { text: "Searches" }),
  card("gone", { text: "Filters reset" }),
  card("mv", { stage: "Pay", step: null, text: "Enters card" }),
  card("ed", { step: "Compare", text: EVIL }),
  card("e1", { lane: "Emotions", text: "Unsure", score: -1 }),
];
const afterCards = [
  card("same", { text: "Searches" }),
  card("mv", { step: "Compare", text: "Enters card" }),
  card("ed", { step: "Compare", text: "Reads reviews" }),
  card("e1", { lane: "Emotions", text: "Unsure", score: 1 }),
  card("new", { stage: "Pay", step: null, text: "Pays with a wallet" }),
];
const changes = [
  row("mv", "moved", ["Pay", null, "Actions", "Enters card"], ["Browse", "Compare", "Actions", "Enters card"]),
  row("ed", "edited", ["Browse", "Compare", "Actions", EVIL], ["Browse", "Compare", "Actions", "Reads reviews"], "text"),
  row("e1", "edited", ["Browse", "Search", "Emotions", "Unsure"], ["Browse", "Search", "Emotions", "Unsure"], "score"),
  row("new", "added", null, ["Pay", null, "Actions", "Pays with a wallet"]),
  row("gone", "removed", ["Browse", "Search", "Actions", "Filters reset"], null),
];
const emotion = [
  { stage: "Browse", before: -1, after: 1, change: 2 },
  { stage: "Pay", before: null, after: null, change: null },
];

function state() {
  return {
    before: { label: "Current", structure: makeStructure(), cards: beforeCards },
    after: { label: "Future", structure: makeStructure({ state: "future", title: "Online checkout (future)" }), cards: afterCards },
    changes, emotion, revision: 1,
  };
}

function open(s: Record<string, unknown> = state()) {
  const t = traits(s);
  const host = document.createElement("div");
  document.body.appendChild(host);
  const view = new CompareView(host, t.model, { schedule: immediately });
  const side = (name: "before" | "after") => view.root.querySelector<HTMLElement>(`[data-jw-compare-side="${name}"]`)!;
  const cardIn = (name: "before" | "after", id: string) => side(name).querySelector<HTMLElement>(`[data-jw-card="${id}"]`);
  const marked = (name: "before" | "after") => Object.fromEntries(
    Array.from(side(name).querySelectorAll<HTMLElement>("[data-jw-card][data-jw-change]"), (e) => [e.dataset.jwCard, e.dataset.jwChange]));
  return { ...t, host, view, side, cardIn, marked };
}

describe("compare view: marked cards", () => {
  it("marks removed cards before, added cards after, moved and edited cards in both", () => {
    const { marked, side } = open();
    expect(marked("before")).toEqual({ gone: "removed", mv: "moved", ed: "edited", e1: "edited" });
    expect(marked("after")).toEqual({ new: "added", mv: "moved", ed: "edited", e1: "edited" });
    // The unchanged card is drawn in both maps, unmarked.
    for (const s of ["before", "after"] as const) expect(side(s).querySelector('[data-jw-card="same"]')!.hasAttribute("data-jw-change")).toBe(false);
    expect(side("before").querySelector("[data-jw-compare-label]")!.textContent).toBe("Current");
    expect(side("after").querySelector("[data-jw-compare-label]")!.textContent).toBe("Future");
  });

  it("says what happened in a visible label and in the card's accessible name", () => {
    const { cardIn } = open();
    const label = (s: "before" | "after", id: string) => cardIn(s, id)!.querySelector("[data-jw-change-label]")!.textContent;
    expect(label("after", "mv")).toBe("\u2192Moved from Pay, Actions");
    expect(label("before", "mv")).toBe("\u2192Moved to Browse / Compare, Actions");
    expect(label("after", "ed")).toBe("\u270eEdited: text");
    expect(label("after", "new")).toBe("+Added");
    expect(label("before", "gone")).toBe("\u00d7Removed");
    expect(cardIn("after", "mv")!.getAttribute("aria-label")).toBe("Enters card. Moved from Pay, Actions");
    expect(cardIn("after", "e1")!.getAttribute("aria-label")).toBe("Unsure, score 1. Edited: score");
    // The icon is decoration; the words carry the meaning.
    expect(cardIn("after", "mv")!.querySelector(".jw-change-icon")!.getAttribute("aria-hidden")).toBe("true");
  });

  it("shows hostile text literally", () => {
    const { cardIn, view } = open();
    const text = cardIn("before", "ed")!.querySelector("[data-jw-card-text]")!;
    expect(text.textContent).toBe(EVIL);
    expect(view.root.querySelector("img")).toBeNull();
    const item = view.summary.querySelector('[data-jw-change-item="ed"]')!;
    expect(item.textContent).toContain("Reads reviews");
  });

  it("follows new traits: marks move, labels are never doubled, unmarked cards lose theirs", () => {
    const { set, marked, cardIn, view } = open();
    const edited = row("mv", "edited", ["Browse", "Compare", "Actions", "Enters card"], ["Browse", "Compare", "Actions", "Enters card!"], "text", ["Edited: text", "Edited: text"]);
    set({ changes: [edited], after: { ...state().after, cards: afterCards.map((c) => (c.id === "mv" ? { ...c, text: "Enters card!" } : c)) } });
    expect(marked("after")).toEqual({ mv: "edited" });
    expect(marked("before")).toEqual({ mv: "edited" });
    const mv = cardIn("after", "mv")!;
    expect(mv.querySelectorAll("[data-jw-change-label]")).toHaveLength(1);
    expect(mv.getAttribute("aria-label")).toBe("Enters card!. Edited: text");
    expect(cardIn("after", "new")!.querySelector("[data-jw-change-label]")).toBeNull();
    expect(cardIn("after", "new")!.getAttribute("aria-label")).toBe("Pays with a wallet");
    view.refresh(); // idempotent
    expect(mv.querySelectorAll("[data-jw-change-label]")).toHaveLength(1);
    expect(mv.getAttribute("aria-label")).toBe("Enters card!. Edited: text");
    expect(view.root.getAttribute("data-jw-compare-revision")).toBe("2");
  });

  it("is read-only: no toolbar, no add buttons, no editor", () => {
    const { view, cardIn } = open();
    expect(view.root.querySelectorAll("[data-jw-root]")).toHaveLength(2);
    expect(view.root.querySelector("[data-jw-add]")).toBeNull();
    expect(view.root.querySelector("[data-jw-menu]")).toBeNull();
    const mv = cardIn("after", "mv")!;
    mv.focus();
    mv.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    expect(view.root.querySelector("[data-jw-editor]")).toBeNull();
  });
});

describe("compare view: summary", () => {
  it("counts the changes per kind and the emotion change per stage, not by colour alone", () => {
    const { view } = open();
    const s = view.summary;
    expect(s.querySelector(".jw-compare-title")!.textContent).toBe("5 changes from Current to Future");
    const counts = Array.from(s.querySelectorAll<HTMLElement>("[data-jw-count]"), (e) => `${e.dataset.jwCount}=${e.textContent}`);
    expect(counts).toEqual(["added=+1 added", "removed=\u00d71 removed", "moved=\u21921 moved", "edited=\u270e2 edited"]);
    const rows = Array.from(s.querySelectorAll("[data-jw-emotion-stage]"), (r) => Array.from(r.children, (c) => c.textContent));
    expect(rows).toEqual([["Browse", "-1.0", "+1.0", "\u25b2 +2.0"], ["Pay", "\u2013", "\u2013", "\u2013"]]);
    expect(Array.from(s.querySelectorAll("thead th"), (e) => e.textContent)).toEqual(["Stage", "Current", "Future", "Change"]);
  });

  it("lists every change; clicking one focuses its card (the before map for a removed card)", () => {
    const { view, cardIn } = open();
    const items = Array.from(view.summary.querySelectorAll<HTMLElement>("[data-jw-change-item]"));
    expect(items.map((e) => `${e.dataset.jwChangeItem}:${e.dataset.jwChange}`)).toEqual(["mv:moved", "ed:edited", "e1:edited", "new:added", "gone:removed"]);
    expect(items[0]!.textContent).toBe("\u2192Moved:Enters card(Moved from Pay, Actions)");
    click(items[0]!);
    expect(document.activeElement).toBe(cardIn("after", "mv"));
    click(items[4]!);
    expect(document.activeElement).toBe(cardIn("before", "gone"));
  });

  it("says so when nothing changed", () => {
    const { view } = open({ ...state(), changes: [], emotion: [] });
    expect(view.summary.querySelector(".jw-compare-title")!.textContent).toBe("No changes from Current to Future");
    expect(view.summary.querySelector("[data-jw-change-list]")).toBeNull();
    expect(view.root.querySelectorAll("[data-jw-card][data-jw-change]")).toHaveLength(0);
  });
});

describe("compare view: pieces", () => {
  it("reads change rows defensively and words the labels per side", () => {
    const rows = normalizeChanges([...changes, { id: "x", change: "exploded" }, null, "junk"]);
    expect(rows.map((r) => r.id)).toEqual(["mv", "ed", "e1", "new", "gone"]);
    expect(normalizeChanges({ not: "a list" })).toEqual([]);
    const mv = rows[0]!;
    expect(changeLabel(mv, "after")).toBe("Moved from Pay, Actions");
    expect(changeLabel(mv, "before")).toBe("Moved to Browse / Compare, Actions");
    // Rows without Python's words (an older payload) still say what happened.
    const [bare] = normalizeChanges([{ id: "z", change: "moved" }]);
    expect([changeLabel(bare!, "before"), changeLabel(bare!, "after")]).toEqual(["Moved", "Moved"]);
    expect([...marksFor(rows, "before").keys()]).toEqual(["mv", "ed", "e1", "gone"]);
    expect([...marksFor(rows, "after").keys()]).toEqual(["mv", "ed", "e1", "new"]);
    expect([signed(0), signed(-0.04), signed(1.25), signed(null)]).toEqual(["0.0", "0.0", "+1.3", "\u2013"]);
  });

  it("a side model is read-only and never sends", () => {
    const t = traits(state());
    const m = sideModel(t.model, "after");
    expect(m.isReadOnly()).toBe(true);
    expect(m.getCards().map((c) => c.id)).toEqual(["same", "mv", "ed", "e1", "new"]);
    expect(m.getCards()).toBe(m.getCards());
    expect(m.getStructure().state).toBe("future");
    let n = 0;
    const off = m.onChange(() => n++);
    t.set({ before: { ...state().before } });
    expect(n).toBe(0); // only its own map
    t.set({ after: { ...state().after } });
    expect(n).toBe(1);
    off();
    expect(t.listeners()).toBe(0);
  });

  it("MapView calls decorate for every card shown, after it is drawn", () => {
    const seen: string[] = [];
    const { cardEl } = mount([card("a"), card("b", { stage: "Pay", step: null })], makeStructure(), true, {
      decorate: (c, el) => {
        seen.push(`${c.id}:${el.getAttribute("data-jw-card")}`);
        el.setAttribute("data-test", c.text);
      },
    });
    expect(seen).toEqual(["a:a", "b:b"]);
    expect(cardEl("b").getAttribute("data-test")).toBe("text b");
  });

  it("the anywidget entry renders and cleans up its listeners", () => {
    const t = traits(state());
    const el = document.createElement("div");
    const cleanup = widget.render({ model: t.model as never, el });
    expect(el.querySelectorAll("[data-jw-root]")).toHaveLength(2);
    expect(t.listeners()).toBeGreaterThan(0);
    cleanup();
    expect(t.listeners()).toBe(0);
    expect(el.children).toHaveLength(0);
  });
});

describe("compare view: one zoom for both maps (issue 19)", () => {
  it("zooming either map zooms both, and Fit fits them together", () => {
    const { side, view } = open();
    const zoomOf = (name: "before" | "after") => side(name).querySelector("[data-jw-root]")!.getAttribute("data-jw-zoom");
    click(side("after").querySelector("[data-jw-zoom-in]"));
    expect([zoomOf("before"), zoomOf("after")]).toEqual(["1.1", "1.1"]);
    click(side("before").querySelector("[data-jw-zoom-reset]"));
    expect([zoomOf("before"), zoomOf("after")]).toEqual(["1", "1"]);
    click(side("before").querySelector("[data-jw-zoom-fit]"));
    expect(view.views.after.zoom.mode).toBe("fit");
    expect(view.views.before.zoom.scale).toBe(view.views.after.zoom.scale);
  });

  it("shows each side's comment counts and revealed votes, never an open round's", () => {
    const s = state();
    const comment = { id: "k1", card: "same", parent: null, author: "<b>Ana</b>", created: "2026-12-01T10:00:00Z", text: "<img src=x>", resolved: false };
    const round = (n: number, ended: string | null) => ({ round: n, lanes: ["Actions"], budget: 3, anonymous: true, started: "2026-12-01T10:00:00Z", ends: null, ended });
    (s.before as Record<string, unknown>).participation = {
      comments: [comment], rounds: [round(1, "2026-12-01T10:05:00Z")], totals: [{ round: 1, card: "same", votes: 4 }],
    };
    (s.after as Record<string, unknown>).participation = { comments: [], rounds: [round(1, null)], totals: [] };
    const { cardIn } = open(s);
    const before = cardIn("before", "same")!;
    expect(before.querySelector("[data-jw-comments]")!.getAttribute("data-jw-comments")).toBe("1");
    expect(before.querySelector("[data-jw-votes]")!.getAttribute("data-jw-votes")).toBe("4");
    const after = cardIn("after", "same")!;
    expect(after.querySelector("[data-jw-comments], [data-jw-votes], [data-jw-vote]")).toBeNull();
  });
});
