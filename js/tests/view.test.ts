import { afterEach, describe, expect, it } from "vitest";
import { card, makeStructure } from "./fake";
import { click, key, mount, openWithEnter } from "./helpers";

afterEach(() => {
  document.body.textContent = "";
});

const cards = () => [
  card("a", { text: "Search for shoes" }),
  card("b", { text: "Read reviews", step: "Compare" }),
  card("e1", { lane: "Emotions", text: "Curious", score: 1 }),
  card("e2", { lane: "Emotions", step: "Compare", text: "Confused", score: -2 }),
  card("p", { stage: "Pay", step: null, text: "Enter card" }),
];

describe("rendering", () => {
  it("draws headers, cells and cards with the protocol's hooks", () => {
    const { root, q, qa } = mount(cards());
    expect(root.hasAttribute("data-jw-root")).toBe(true);
    expect(root.getAttribute("data-jw-revision")).toBe("3");
    expect(root.getAttribute("role")).toBe("region");
    expect(root.getAttribute("aria-label")).toBe("Online checkout");
    expect(q(".jw-board")!.getAttribute("role")).toBe("table");
    expect(qa("[data-jw-stage]").map((e) => e.getAttribute("data-jw-stage"))).toEqual(["Browse", "Pay"]);
    expect(q('[data-jw-stage="Browse"]')!.style.gridColumn).toBe("2 / span 2");
    expect(qa("[data-jw-step]").map((e) => `${e.dataset.stage}/${e.dataset.jwStep}`)).toEqual(["Browse/Search", "Browse/Compare"]);
    expect(qa("[data-jw-lane]").map((e) => `${e.dataset.jwLane}:${e.dataset.jwLaneKind}`)).toEqual(["Actions:text", "Emotions:emotion"]);
    // 3 columns x 2 lanes.
    const cells = qa("[data-jw-cell]");
    expect(cells).toHaveLength(6);
    const pay = q('[data-jw-cell][data-stage="Pay"][data-lane="Actions"]')!;
    expect(pay.dataset.step).toBe("");
    expect(pay.querySelector('[data-jw-card="p"] [data-jw-card-text]')!.textContent).toBe("Enter card");
    const search = q('[data-jw-cell][data-stage="Browse"][data-step="Search"][data-lane="Actions"]')!;
    expect(search.querySelectorAll("[data-jw-card]")).toHaveLength(1);
    for (const c of cells) expect(c.querySelectorAll("button[data-jw-add]")).toHaveLength(1);
    expect(pay.querySelector("[data-jw-add]")!.getAttribute("aria-label")).toBe("Add card to Pay/Actions");
    expect(search.querySelector("[data-jw-add]")!.getAttribute("aria-label")).toBe("Add card to Browse/Actions (Search)");
  });

  it("cards are focusable, labelled, and show a score only when they have one", () => {
    const { cardEl } = mount(cards());
    const a = cardEl("a");
    expect(a.getAttribute("tabindex")).toBe("0");
    expect(a.getAttribute("aria-label")).toContain("Search for shoes");
    expect(a.querySelector("[data-jw-card-score]")).toBeNull();
    expect(a.querySelector("button[data-jw-delete]")).toBeNull(); // one per view, offered on hover or focus
    a.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    expect(a.querySelector("button[data-jw-delete]")!.getAttribute("aria-label")).toBe("Delete card");
    expect(cardEl("e2").querySelector("[data-jw-card-score]")!.textContent).toBe("-2");
    expect(cardEl("e2").getAttribute("aria-label")).toBe("Confused, score -2");
  });

  it("keeps the on-screen order of the rows inside a cell", () => {
    const { q } = mount([card("x", { text: "1" }), card("b", { step: "Compare" }), card("y", { text: "2" })]);
    const cell = q('[data-jw-cell][data-step="Search"][data-lane="Actions"]')!;
    expect(Array.from(cell.querySelectorAll("[data-jw-card]")).map((e) => e.getAttribute("data-jw-card"))).toEqual(["x", "y"]);
  });

  it("adds a step-less column before the steps when a card of that stage has no step", () => {
    const { qa } = mount([card("n", { step: null })]);
    expect(qa("[data-jw-cell][data-lane='Actions']").map((c) => `${c.dataset.stage}/${c.dataset.step}`))
      .toEqual(["Browse/", "Browse/Search", "Browse/Compare", "Pay/"]);
  });

  it("shows hostile text literally and never builds elements from it", () => {
    const evil = `<img src=x onerror="window.__pwned=1"><b>bold</b>`;
    const st = makeStructure({
      title: evil,
      stages: [{ name: evil, steps: [] }],
      lanes: [{ name: evil, kind: "emotion" }],
      persona: { name: evil },
    });
    const { root, cardEl, model } = mount([card("x", { stage: evil, step: null, lane: evil, text: evil, score: 1 })], st);
    expect(cardEl("x").querySelector("[data-jw-card-text]")!.textContent).toBe(evil);
    expect(root.querySelector(`[data-jw-point="x"] title`)!.textContent).toBe(evil);
    expect(root.getAttribute("aria-label")).toBe(evil);
    openWithEnter(cardEl("x"));
    const ta = root.querySelector("textarea")!;
    ta.value = evil + "!";
    key(ta, "Enter");
    model.reject(undefined, evil);
    expect(root.querySelector("[data-jw-error]")!.textContent).toContain(evil + "!");
    expect(root.querySelectorAll("img, b, script")).toHaveLength(0);
    expect(root.textContent).toContain(evil);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe("editing", () => {
  it("Enter opens the editor; Enter commits an edit op with the old value", () => {
    const { cardEl, editor, model, root } = mount(cards());
    openWithEnter(cardEl("a"));
    const ta = editor()!;
    expect(ta.value).toBe("Search for shoes");
    expect(document.activeElement).toBe(ta);
    expect(cardEl("a").querySelector("[data-jw-score-input]")).toBeNull();
    ta.value = "Search for red shoes";
    const e = key(ta, "Enter");
    expect(e.defaultPrevented).toBe(true);
    expect(model.sent.map((m) => m.op)).toEqual([
      { kind: "edit", id: "a", field: "text", value: "Search for red shoes", old: "Search for shoes" },
    ]);
    expect(editor()).toBeNull();
    expect(cardEl("a").querySelector("[data-jw-card-text]")!.textContent).toBe("Search for red shoes");
    expect(cardEl("a").hasAttribute("data-jw-pending")).toBe(true);
    expect(document.activeElement).toBe(cardEl("a"));
    model.accept();
    expect(cardEl("a").hasAttribute("data-jw-pending")).toBe(false);
    expect(root.getAttribute("data-jw-revision")).toBe("4");
  });

  it("Shift+Enter does not commit (the newline is the textarea's)", () => {
    const { cardEl, editor, model } = mount(cards());
    openWithEnter(cardEl("a"));
    const e = key(editor()!, "Enter", { shiftKey: true });
    expect(e.defaultPrevented).toBe(false);
    expect(editor()).not.toBeNull();
    editor()!.value = "line 1\nline 2";
    key(editor()!, "Enter");
    expect(model.last().op).toMatchObject({ field: "text", value: "line 1\nline 2" });
  });

  it("Escape cancels: nothing is sent and the text is unchanged", () => {
    const { cardEl, editor, model } = mount(cards());
    openWithEnter(cardEl("a"));
    editor()!.value = "typed and thrown away";
    key(editor()!, "Escape");
    expect(editor()).toBeNull();
    expect(model.sent).toHaveLength(0);
    expect(cardEl("a").querySelector("[data-jw-card-text]")!.textContent).toBe("Search for shoes");
    expect(document.activeElement).toBe(cardEl("a"));
  });

  it("sends nothing when nothing changed, and commits on blur", () => {
    const { cardEl, editor, model, q } = mount(cards());
    openWithEnter(cardEl("a"));
    key(editor()!, "Enter");
    expect(model.sent).toHaveLength(0);
    click(cardEl("b"), "dblclick");
    editor()!.value = "changed";
    q<HTMLButtonElement>("[data-jw-add]")!.focus(); // focus leaves the editor
    expect(editor()).toBeNull();
    expect(model.last().op).toEqual({ kind: "edit", id: "b", field: "text", value: "changed", old: "Read reviews" });
  });

  it("emotion cards get a score input; only a changed score is sent, empty means null", () => {
    const { cardEl, editor, model } = mount(cards());
    openWithEnter(cardEl("e1"));
    const input = cardEl("e1").querySelector<HTMLInputElement>("input[data-jw-score-input]")!;
    expect(input.type).toBe("number");
    expect(input.step).toBe("1");
    expect(input.value).toBe("1");
    input.value = "-1";
    input.focus(); // moving inside the editor does not commit
    expect(editor()).not.toBeNull();
    key(input, "Enter");
    expect(model.sent.map((m) => m.op)).toEqual([{ kind: "edit", id: "e1", field: "score", value: -1, old: 1 }]);
    model.accept();
    openWithEnter(cardEl("e1"));
    cardEl("e1").querySelector<HTMLInputElement>("input[data-jw-score-input]")!.value = "";
    editor()!.value = "Calm";
    key(editor()!, "Enter");
    // Two fields changed in one commit: one batch, so one step of undo.
    expect(model.sent.slice(1).map((m) => m.op)).toEqual([{ kind: "batch", ops: [
      { kind: "edit", id: "e1", field: "text", value: "Calm", old: "Curious" },
      { kind: "edit", id: "e1", field: "score", value: null, old: -1 },
    ] }]);
  });

  it("an open editor survives updates from elsewhere", () => {
    const { cardEl, editor, model, root } = mount(cards());
    const before = cardEl("b");
    openWithEnter(cardEl("a"));
    const ta = editor()!;
    ta.value = "half typed";
    ta.setSelectionRange(4, 4);
    // Someone else edits another card, adds a card before ours in the same cell and moves one.
    model.update({
      cards: [
        card("new", { text: "from Python" }),
        ...model.cards.map((c) => (c.id === "b" ? { ...c, text: "Read all reviews" } : c)),
      ],
    });
    expect(editor()).toBe(ta);
    expect(ta.isConnected).toBe(true);
    expect(ta.value).toBe("half typed");
    expect(document.activeElement).toBe(ta);
    expect(cardEl("b")).toBe(before); // reused, not rebuilt
    expect(before.textContent).toContain("Read all reviews");
    expect(root.getAttribute("data-jw-revision")).toBe("4");
    const cell = cardEl("a").parentElement!;
    expect(Array.from(cell.children).map((e) => e.getAttribute("data-jw-card"))).toEqual(["new", "a"]);
    // A structure change rebuilds the frame; the editor still stays.
    model.update({ structure: makeStructure({ title: "Renamed" }) });
    expect(editor()).toBe(ta);
    expect(ta.value).toBe("half typed");
    key(ta, "Enter");
    expect(model.last().op).toMatchObject({ id: "a", value: "half typed", old: "Search for shoes" });
    // Based on what the user saw when they started typing, so Python checks `old`.
    expect(model.last().base_revision).toBe(3);
  });

  it("the editor keeps focus and caret when its card is moved, even to another cell", () => {
    const { cardEl, editor, model, q } = mount([card("x"), card("a"), card("b", { step: "Compare" })]);
    openWithEnter(cardEl("a"));
    const ta = editor()!;
    ta.value = "typing here";
    ta.setSelectionRange(3, 5);
    const [x, a, b] = model.cards;
    model.update({ cards: [a!, x!, b!] }); // reordered inside the cell
    expect(cardEl("a").nextElementSibling).toBe(cardEl("x"));
    expect(document.activeElement).toBe(ta);
    model.update({ cards: [x!, b!, { ...a!, step: "Compare" }] }); // moved to the next column
    expect(q('[data-jw-cell][data-step="Compare"][data-lane="Actions"]')!.contains(ta)).toBe(true);
    expect(editor()).toBe(ta);
    expect(document.activeElement).toBe(ta);
    expect([ta.selectionStart, ta.selectionEnd]).toEqual([3, 5]);
    expect(model.sent).toHaveLength(0);
  });

  it("a card deleted while being edited keeps what was typed in the error banner", () => {
    const { cardEl, editor, model, q } = mount(cards());
    openWithEnter(cardEl("a"));
    editor()!.value = "my precious words";
    model.update({ cards: model.cards.filter((c) => c.id !== "a") });
    expect(editor()).toBeNull();
    const banner = q("[data-jw-error]")!;
    expect(banner.getAttribute("role")).toBe("alert");
    expect(banner.textContent).toContain("deleted");
    expect(banner.textContent).toContain("my precious words");
    expect(model.sent).toHaveLength(0);
  });

  it("read-only: no add or delete buttons, no editor", () => {
    const { cardEl, editor, qa, model } = mount(cards(), makeStructure(), true);
    expect(qa("[data-jw-add], [data-jw-delete]")).toHaveLength(0);
    openWithEnter(cardEl("a"));
    cardEl("a").dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    expect(qa("[data-jw-delete]")).toHaveLength(0);
    click(cardEl("a"), "dblclick");
    key(cardEl("a"), "Delete");
    expect(editor()).toBeNull();
    expect(model.sent).toHaveLength(0);
  });

  it("turning read-only closes an open editor and keeps the typed text visible", () => {
    const { cardEl, editor, qa, model, q } = mount(cards());
    openWithEnter(cardEl("a"));
    editor()!.value = "unsaved";
    model.update({ readOnly: true });
    expect(editor()).toBeNull();
    expect(qa("[data-jw-add], [data-jw-delete]")).toHaveLength(0);
    expect(q("[data-jw-error]")!.textContent).toContain("unsaved");
    expect(model.sent).toHaveLength(0);
  });
});

describe("reject", () => {
  it("rolls back, shows the reason and what was typed until dismissed", () => {
    const { cardEl, editor, model, q } = mount(cards());
    openWithEnter(cardEl("e1"));
    cardEl("e1").querySelector<HTMLInputElement>("[data-jw-score-input]")!.value = "7";
    key(editor()!, "Enter");
    expect(cardEl("e1").querySelector("[data-jw-card-score]")!.textContent).toBe("7");
    model.reject(undefined, "score 7 is outside the scale -2..2");
    expect(cardEl("e1").querySelector("[data-jw-card-score]")!.textContent).toBe("1");
    expect(cardEl("e1").hasAttribute("data-jw-pending")).toBe(false);
    const banner = q("[data-jw-error]")!;
    expect(banner.textContent).toContain("score 7 is outside the scale -2..2");
    expect(banner.querySelector("[data-jw-error-typed]")!.textContent).toBe("7");
    click(q("button[data-jw-error-dismiss]"));
    expect(q("[data-jw-error]")).toBeNull();
  });

  it("the banner goes away with the next successful edit", () => {
    const { cardEl, editor, model, q } = mount(cards());
    openWithEnter(cardEl("a"));
    editor()!.value = "x";
    key(editor()!, "Enter");
    model.reject(undefined, "card changed elsewhere");
    expect(q("[data-jw-error]")).not.toBeNull();
    openWithEnter(cardEl("a"));
    editor()!.value = "y";
    key(editor()!, "Enter");
    expect(q("[data-jw-error]")).not.toBeNull();
    model.accept();
    expect(q("[data-jw-error]")).toBeNull();
  });
});

describe("add and delete", () => {
  it("add sends an add op, shows a pending card, then opens the editor on the real card", () => {
    const { q, model, editor, root } = mount(cards());
    const cell = q('[data-jw-cell][data-stage="Pay"][data-lane="Actions"]')!;
    click(cell.querySelector("[data-jw-add]"));
    expect(model.last().op).toEqual({ kind: "add", stage: "Pay", step: null, lane: "Actions", text: "New card", index: null });
    const temp = cell.querySelectorAll<HTMLElement>("[data-jw-card]")[1]!;
    expect(temp.hasAttribute("data-jw-pending")).toBe(true);
    expect(temp.textContent).toContain("New card");
    expect(editor()).toBeNull();
    const id = model.accept()!;
    const real = root.querySelector<HTMLElement>(`[data-jw-card="${id}"]`)!;
    expect(real.hasAttribute("data-jw-pending")).toBe(false);
    expect(cell.querySelectorAll("[data-jw-card]")).toHaveLength(2);
    expect(editor()!.closest("[data-jw-card]")).toBe(real);
    expect(editor()!.value).toBe("New card");
  });

  it("the delete button and the Delete key send delete and drop the card at once", () => {
    const { cardEl, model, root } = mount(cards());
    cardEl("a").dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    click(cardEl("a").querySelector("[data-jw-delete]"));
    expect(model.last().op).toEqual({ kind: "delete", id: "a" });
    expect(root.querySelector('[data-jw-card="a"]')).toBeNull();
    const b = cardEl("b");
    b.focus();
    key(b, "Delete");
    expect(model.last().op).toEqual({ kind: "delete", id: "b" });
    expect(root.querySelector('[data-jw-card="b"]')).toBeNull();
    // Focus lands on something nearby, not on the page body.
    expect(root.contains(document.activeElement)).toBe(true);
    model.reject(model.sent[0], "no");
    expect(cardEl("a").isConnected).toBe(true);
  });
});

describe("emotion curve", () => {
  it("draws one point per scored card, y by the scale, and a neutral line", () => {
    const { q, qa } = mount(cards());
    const svg = q('svg[data-jw-emotion-curve="Emotions"]')!;
    const pts = qa("[data-jw-point]");
    expect(pts.map((p) => [p.getAttribute("data-jw-point"), p.getAttribute("data-score")])).toEqual([["e1", "1"], ["e2", "-2"]]);
    const [p1, p2] = pts.map((p) => Number(p.getAttribute("cy")));
    expect(p1!).toBeLessThan(p2!);
    expect(Number(pts[0]!.getAttribute("cx"))).toBeLessThan(Number(pts[1]!.getAttribute("cx")));
    expect(pts[0]!.querySelector("title")!.textContent).toBe("Curious");
    expect(svg.querySelector("polyline")!.getAttribute("points")!.split(" ")).toHaveLength(2);
    const neutral = svg.querySelector(".jw-neutral")!;
    expect(Number(neutral.getAttribute("y1"))).toBeGreaterThan(p1!);
    expect(Number(neutral.getAttribute("y1"))).toBeLessThan(p2!);
  });

  it("follows edits and has no neutral line when 0 is outside the scale", () => {
    const st = makeStructure({ scale: { min: 1, max: 5, step: 1 } });
    const { q, qa, model } = mount([card("e", { lane: "Emotions", score: 3 })], st);
    expect(q(".jw-neutral")).toBeNull();
    const y3 = Number(q("[data-jw-point]")!.getAttribute("cy"));
    model.update({ cards: [card("e", { lane: "Emotions", score: 5 }), card("f", { lane: "Emotions", score: null })] });
    expect(qa("[data-jw-point]")).toHaveLength(1);
    expect(Number(q("[data-jw-point]")!.getAttribute("cy"))).toBeLessThan(y3);
  });
});
