// Comments and dot voting in the view (view/participation.ts, marks.ts, comments.ts, voting.ts)
// and over a kernel (model/participation.ts): badges, the thread panel as text only, the voting
// bar and its countdown, votes proposed, and dots addressed to other views left unread.
import { afterEach, describe, expect, it, vi } from "vitest";
import { anywidgetModel } from "../src/model/anywidget";
import { readDots, readParticipation } from "../src/model/participation";
import type { OwnDots, Participation } from "../src/model/types";
import { Store } from "../src/store";
import { immediately } from "../src/view/schedule";
import { MapView } from "../src/view/view";
import { countdown } from "../src/view/voting";
import { card, FakeModel, makeStructure } from "./fake";

const HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>";

/** A source that keeps comments and votes, like the notebook widget. */
class VotingModel extends FakeModel {
  p: Participation = { comments: [], rounds: [], totals: [] };
  dots: OwnDots | null = null;
  voters: (string | null)[] = [];
  getParticipation = () => this.p;
  getDots = () => this.dots;
  setVoter(voter: string | null) {
    this.voters.push(voter);
  }
  set(p: Partial<Participation>, dots: OwnDots | null = this.dots) {
    this.p = { ...this.p, ...p };
    this.dots = dots;
    this.update({});
  }
}

const ROUND = { round: 1, lanes: ["Actions"], budget: 3, anonymous: true, started: "2026-01-01T10:00:00Z", ends: null, ended: null };

function mount() {
  const model = new VotingModel(makeStructure(), [card("a"), card("b"), card("e", { lane: "Emotions" })], 3);
  const host = document.createElement("div");
  document.body.appendChild(host);
  const view = new MapView(host, new Store(model, "vt"), { schedule: immediately });
  const q = <T extends Element = HTMLElement>(sel: string) => view.root.querySelector<T>(sel);
  return { model, view, root: view.root, q };
}

function comment(id: string, over: Partial<Participation["comments"][number]> = {}) {
  return { id, card: "a", parent: null, author: "Ana", created: "2026-01-01T10:00:00Z", text: `text ${id}`, resolved: false, ...over };
}

afterEach(() => {
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe("comments", () => {
  it("badges a card with its count, unresolved threads apart from resolved ones", () => {
    const { model, q } = mount();
    model.set({ comments: [comment("k1"), comment("k2", { parent: "k1" }), comment("k3", { card: "b", resolved: true })] });
    const a = q('[data-jw-card="a"] [data-jw-comments]')!;
    expect(a.getAttribute("data-jw-comments")).toBe("2");
    expect(a.getAttribute("data-jw-unresolved")).toBe("2");
    expect(a.classList.contains("jw-unresolved")).toBe(true);
    const b = q('[data-jw-card="b"] [data-jw-comments]')!;
    expect(b.classList.contains("jw-resolved")).toBe(true);
    expect(b.hasAttribute("data-jw-unresolved")).toBe(false);
    expect(q('[data-jw-card="e"] [data-jw-comments]')).toBeNull();
  });

  it("shows hostile text as text in the panel, never as markup", () => {
    const { model, q, root } = mount();
    model.set({ comments: [comment("k1", { text: HOSTILE, author: "<b>Bo</b>" })] });
    q<HTMLButtonElement>('[data-jw-card="a"] [data-jw-comments]')!.click();
    const panel = q("[data-jw-comment-panel]")!;
    expect(panel.hidden).toBe(false);
    expect(q("[data-jw-comment-body]")!.textContent).toBe(HOSTILE);
    expect(q("[data-jw-comment-author]")!.textContent).toBe("<b>Bo</b>");
    expect(root.querySelectorAll("img, script, b").length).toBe(0);
  });

  it("asks a name once, sends a comment and a reply, keeps the text of a rejected one", () => {
    const { model, q, view } = mount();
    model.set({ comments: [comment("k1")] });
    view.participation.comments.open("a");
    const name = q<HTMLInputElement>("[data-jw-author-name]")!;
    expect(name.closest("label")!.hidden).toBe(false);
    name.value = "Cy";
    q<HTMLTextAreaElement>("[data-jw-comment-text]")!.value = "Too slow";
    q<HTMLButtonElement>("[data-jw-comment-add]")!.click();
    expect(model.last().op).toEqual({ kind: "add_comment", card: "a", text: "Too slow", author: "Cy", reply_to: null });
    model.reject(model.last(), "card 'a' was deleted");
    expect(q<HTMLTextAreaElement>("[data-jw-comment-text]")!.value).toBe("Too slow");
    const error = q("[data-jw-comment-add]")!.parentElement!.querySelector("[data-jw-comment-error]")!;
    expect(error.textContent).toBe("card 'a' was deleted");
    q<HTMLTextAreaElement>('[data-jw-reply-text="k1"]')!.value = "Which ones?";
    q<HTMLButtonElement>('[data-jw-reply="k1"]')!.click();
    expect(model.last().op).toMatchObject({ kind: "add_comment", author: "Cy", reply_to: "k1" });
    expect(name.closest("label")!.hidden).toBe(true); // asked once per view
    model.reply({ type: "ack", op_id: model.last().op_id, revision: model.revision });
    expect(q<HTMLTextAreaElement>('[data-jw-reply-text="k1"]')!.value).toBe("");
    q<HTMLButtonElement>('[data-jw-resolve="k1"]')!.click();
    expect(model.last().op).toEqual({ kind: "resolve_comment", comment: "k1", resolved: true });
  });

  it("opens from the keyboard (C on a card) and Escape gives focus back", () => {
    const { q } = mount();
    const a = q('[data-jw-card="a"]')!;
    a.focus();
    a.dispatchEvent(new KeyboardEvent("keydown", { key: "c", bubbles: true }));
    expect(q("[data-jw-comment-panel]")!.getAttribute("data-jw-comment-card")).toBe("a");
    q("[data-jw-comment-text]")!.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(q("[data-jw-comment-panel]")!.hidden).toBe(true);
    expect(document.activeElement).toBe(a);
  });
});

describe("dot voting", () => {
  it("starts a round from the toolbar form", () => {
    const { model, q } = mount();
    q<HTMLButtonElement>("[data-jw-start-voting]")!.click();
    q<HTMLInputElement>("[data-jw-voting-budget]")!.value = "4";
    q<HTMLInputElement>('[data-jw-voting-lane="Actions"]')!.checked = true;
    q<HTMLInputElement>("[data-jw-voting-minutes]")!.value = "5";
    q<HTMLFormElement>("[data-jw-voting-form]")!.requestSubmit();
    expect(model.last().op).toEqual({ kind: "start_voting", budget: 4, lanes: ["Actions"], anonymous: true, minutes: 5 });
    expect(q("[data-jw-voting-form]")).toBeNull();
  });

  it("shows the bar, vote buttons on the round's lanes only, own dots and the budget left", () => {
    const { model, q, root } = mount();
    model.set({ rounds: [ROUND] });
    expect(q("[data-jw-voting]")!.hidden).toBe(false);
    expect(q("[data-jw-end-voting]")!.hidden).toBe(false);
    expect(q("[data-jw-start-voting]")!.hidden).toBe(true);
    expect(q('[data-jw-vote="e"]')).toBeNull();
    const voter = q<HTMLInputElement>("[data-jw-voter]")!;
    voter.value = "Ana";
    voter.dispatchEvent(new Event("change"));
    expect(model.voters[model.voters.length - 1]).toBe("Ana");
    model.set({}, { voter: "Ana", round: 1, cards: {}, used: 0 });
    q<HTMLButtonElement>('[data-jw-vote="a"]')!.click();
    expect(model.last().op).toEqual({ kind: "vote", card: "a", voter: "Ana", count: 1 });
    expect(q('[data-jw-card="a"] [data-jw-dots]')!.getAttribute("data-jw-dots")).toBe("1"); // pending
    model.reply({ type: "ack", op_id: model.last().op_id, revision: model.revision + 1 });
    model.set({}, { voter: "Ana", round: 1, cards: { a: 2 }, used: 2 }); // the kernel's dots follow the ack
    expect(q('[data-jw-card="a"] [data-jw-dots]')!.getAttribute("data-jw-dots")).toBe("2");
    expect(q("[data-jw-budget-left]")!.getAttribute("data-jw-budget-left")).toBe("1");
    q<HTMLButtonElement>('[data-jw-vote="a"]')!.dispatchEvent(new MouseEvent("click", { bubbles: true, shiftKey: true }));
    expect(model.last().op).toMatchObject({ kind: "vote", count: -1 });
    q<HTMLButtonElement>('[data-jw-unvote="a"]')!.click();
    expect(model.last().op).toMatchObject({ kind: "vote", count: -1 });
    model.reject(model.last(), "Ana has no dots left in round 1 (budget 3)");
    expect(q("[data-jw-error]")!.textContent).toContain("budget 3");
    expect(root.querySelectorAll("[data-jw-votes]").length).toBe(0);
  });

  it("shows the revealed totals once the round has ended", () => {
    const { model, q } = mount();
    model.set({ rounds: [{ ...ROUND, ended: "2026-01-01T10:05:00Z" }], totals: [{ round: 1, card: "b", votes: 4 }] }, null);
    expect(q('[data-jw-card="b"] [data-jw-votes]')!.getAttribute("data-jw-votes")).toBe("4");
    expect(q("[data-jw-voting]")!.hidden).toBe(true);
    expect(q("[data-jw-vote]")).toBeNull();
  });

  it("counts down from ends and says when time is up", () => {
    const start = Date.parse("2026-01-01T10:00:00Z");
    expect(countdown("2026-01-01T10:05:00Z", start)).toBe("5:00");
    expect(countdown("2026-01-01T10:05:00Z", start + 299_500)).toBe("0:01");
    expect(countdown("2026-01-01T10:05:00Z", start + 300_000)).toBeNull();
    vi.useFakeTimers();
    vi.setSystemTime(start + 298_000);
    const { model, q } = mount();
    model.set({ rounds: [{ ...ROUND, ends: "2026-01-01T10:05:00Z" }] });
    expect(q("[data-jw-countdown]")!.textContent).toBe("0:02");
    vi.advanceTimersByTime(2_000);
    expect(q("[data-jw-countdown]")!.textContent).toBe("Time is up");
    expect(q("[data-jw-countdown]")!.hasAttribute("data-jw-time-up")).toBe(true);
  });
});

describe("presentation after a reveal", () => {
  it("steps through the top-voted cards with V and the arrows", () => {
    const { model, q, view, root } = mount();
    model.set({
      rounds: [{ ...ROUND, ended: "2026-01-01T10:05:00Z" }],
      totals: [{ round: 1, card: "b", votes: 4 }, { round: 1, card: "a", votes: 1 }],
    });
    view.presenter.enter();
    const key = (k: string) => root.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
    expect(q("[data-jw-present-votes]")!.hidden).toBe(false);
    key("v");
    expect(root.hasAttribute("data-jw-present-votes")).toBe(true);
    expect(q("[data-jw-spotlight]")!.getAttribute("data-jw-card")).toBe("b");
    expect(q("[data-jw-present-label]")!.textContent).toBe("Top 1 of 2: 4 votes");
    key("ArrowRight");
    expect(q("[data-jw-spotlight]")!.getAttribute("data-jw-card")).toBe("a");
    key("V");
    expect(q("[data-jw-spotlight]")).toBeNull();
    view.presenter.exit();
  });
});

describe("over a kernel", () => {
  it("reads the trait defensively and keeps only the dots addressed to this view", () => {
    expect(readParticipation({ comments: [{ id: "k1", text: 5 }], rounds: "x" })).toMatchObject({
      comments: [{ id: "k1", text: "5", parent: null, resolved: false }], rounds: [], totals: [],
    });
    const msg = { type: "dots", view: "v2", voter: "Bo", round: 1, cards: { a: 2 }, used: 2 };
    expect(readDots(msg, "v1")).toBeNull();
    expect(readDots(msg, "v2")).toEqual({ voter: "Bo", round: 1, cards: { a: 2 }, used: 2 });
  });

  it("sends its view id with every op and asks for its voter's dots", () => {
    const handlers = new Map<string, Set<(m: unknown) => void>>();
    const sent: Record<string, unknown>[] = [];
    const state: Record<string, unknown> = { structure: makeStructure(), cards: [], revision: 1, participation: { rounds: [ROUND] } };
    const fake = {
      get: (k: string) => state[k],
      on: (e: string, cb: (m: unknown) => void) => void (handlers.get(e) ?? handlers.set(e, new Set()).get(e)!).add(cb),
      off: (e: string, cb: (m: unknown) => void) => void handlers.get(e)?.delete(cb),
      send: (m: Record<string, unknown>) => void sent.push(m),
    };
    const m = anywidgetModel(fake as never);
    const off = m.onChange(() => {});
    m.setVoter!("Ana");
    const view = sent[0]!.view as string;
    expect(sent[0]).toEqual({ type: "dots", view, voter: "Ana" });
    m.propose({ type: "op", op_id: "x-1", base_revision: 1, op: { kind: "end_voting" } });
    expect(sent[1]!.view).toBe(view);
    for (const cb of handlers.get("msg:custom")!) {
      cb({ type: "dots", view: "someone-else", voter: "Ana", round: 1, cards: { a: 3 }, used: 3 });
    }
    expect(m.getDots!()).toBeNull();
    for (const cb of handlers.get("msg:custom")!) cb({ type: "dots", view, voter: "Ana", round: 1, cards: { a: 1 }, used: 1 });
    expect(m.getDots!()).toEqual({ voter: "Ana", round: 1, cards: { a: 1 }, used: 1 });
    expect(m.getParticipation!().rounds[0]!.budget).toBe(3);
    off();
    expect(sent[sent.length - 1]).toEqual({ type: "dots", view, voter: null });
  });
});
