// The editing experience without a browser: toolbar, header menus, keyboard moves, drag and
// drop, the emotion slider, the attribute editor, read-only and the DOM budget.
import { afterEach, describe, expect, it } from "vitest";
import { countElements } from "../src/view/budget";
import { card, makeStructure } from "./fake";
import { click, key, mount, openWithEnter, pointer } from "./helpers";

afterEach(() => {
  document.body.textContent = "";
});

const cards = () => [
  card("a1", { stage: "Pay", step: null, text: "one" }),
  card("a2", { stage: "Pay", step: null, text: "two" }),
  card("a3", { stage: "Pay", step: null, text: "three" }),
  card("s", { text: "search" }),
  card("e1", { lane: "Emotions", text: "Curious", score: 1 }),
];

const ids = (cell: Element | null) => Array.from(cell!.querySelectorAll("[data-jw-card]")).map((e) => e.getAttribute("data-jw-card"));

describe("undo and redo", () => {
  it("buttons and Ctrl/Cmd+Z send undo and redo; typing fields keep their own undo", () => {
    const { q, cardEl, model, editor } = mount(cards());
    click(q("[data-jw-undo]"));
    click(q("[data-jw-redo]"));
    key(cardEl("a1"), "z", { ctrlKey: true });
    key(cardEl("a1"), "Z", { metaKey: true, shiftKey: true });
    key(cardEl("a1"), "y", { ctrlKey: true });
    expect(model.sent.map((m) => m.op.kind)).toEqual(["undo", "redo", "undo", "redo", "redo"]);
    openWithEnter(cardEl("a1"));
    const e = key(editor()!, "z", { ctrlKey: true });
    expect(e.defaultPrevented).toBe(false);
    expect(model.sent).toHaveLength(5);
  });

  it("says when there is nothing to undo", () => {
    const { q, model } = mount(cards());
    click(q("[data-jw-undo]"));
    expect(q("[data-jw-undo]")!.hasAttribute("aria-busy")).toBe(true);
    model.accept();
    expect(q("[data-jw-status]")!.textContent).toBe("Nothing to undo");
    expect(q("[data-jw-undo]")!.hasAttribute("aria-busy")).toBe(false);
  });
});

describe("keyboard", () => {
  it("arrows move focus between cards and cells", () => {
    const { cardEl, q } = mount(cards());
    cardEl("a1").focus();
    key(cardEl("a1"), "ArrowDown");
    expect(document.activeElement).toBe(cardEl("a2"));
    key(cardEl("a2"), "End");
    expect(document.activeElement).toBe(cardEl("a3"));
    key(cardEl("a3"), "ArrowDown"); // past the last card: the cell's add button
    expect(document.activeElement).toBe(q('[data-jw-cell][data-stage="Pay"][data-lane="Actions"] [data-jw-add]'));
    cardEl("s").focus();
    key(cardEl("s"), "ArrowRight"); // next column (Compare) is empty: its add button
    expect(document.activeElement!.getAttribute("data-jw-add")).toBe("");
    key(document.activeElement!, "ArrowRight");
    expect(document.activeElement).toBe(cardEl("a1"));
  });

  it("Alt+Arrows move the focused card and keep focus on it", () => {
    const { cardEl, model, q } = mount(cards());
    const payActions = () => q('[data-jw-cell][data-stage="Pay"][data-lane="Actions"]');
    cardEl("a1").focus();
    key(cardEl("a1"), "ArrowDown", { altKey: true });
    expect(model.last().op).toEqual({ kind: "move", id: "a1", stage: "Pay", step: null, lane: "Actions", index: 1 });
    expect(ids(payActions())).toEqual(["a2", "a1", "a3"]);
    expect(document.activeElement).toBe(cardEl("a1"));
    model.accept();
    key(cardEl("a1"), "ArrowLeft", { altKey: true }); // previous column: Browse / Compare
    expect(model.last().op).toMatchObject({ stage: "Browse", step: "Compare", lane: "Actions", index: 0 });
    model.accept();
    key(cardEl("a1"), "ArrowDown", { altKey: true }); // bottom of its cell: into the lane below
    expect(model.last().op).toMatchObject({ stage: "Browse", step: "Compare", lane: "Emotions", index: 0 });
    expect(q("[data-jw-status]")!.textContent).toContain("Browse / Compare, Emotions, position 1 of 1");
    key(cardEl("a1"), "ArrowUp", { altKey: true });
    expect(model.last().op).toMatchObject({ lane: "Actions", index: 0 });
    const n = model.sent.length;
    key(cardEl("a1"), "ArrowUp", { altKey: true }); // top lane, top place: nowhere to go
    expect(model.sent).toHaveLength(n);
  });
});

describe("drag and drop", () => {
  function dropAt(target: Element) {
    const orig = document.elementFromPoint;
    document.elementFromPoint = () => target;
    return () => void (document.elementFromPoint = orig);
  }

  // A drag swallows the click that ends it, for one task: let that task pass after each test.
  afterEach(() => new Promise((r) => setTimeout(r, 0)));

  it("drags a card to another cell with a drop indicator, and sends one move", () => {
    const { cardEl, q, model, root } = mount(cards());
    const target = q('[data-jw-cell][data-stage="Browse"][data-step="Search"][data-lane="Emotions"]')!;
    const restore = dropAt(target);
    try {
      pointer(cardEl("a2"), "pointerdown", 10, 10);
      pointer(document, "pointermove", 14, 11); // under the threshold: nothing yet
      expect(root.querySelector("[data-jw-drop-indicator]")).toBeNull();
      pointer(document, "pointermove", 80, 90);
      expect(root.querySelector("[data-jw-drop-indicator]")).not.toBeNull();
      expect(target.classList.contains("jw-drop-target")).toBe(true);
      expect(root.querySelectorAll('[data-jw-card="a2"]')).toHaveLength(1); // the ghost has no hooks
      pointer(document, "pointerup", 80, 90);
    } finally {
      restore();
    }
    expect(model.sent.map((m) => m.op)).toEqual([{ kind: "move", id: "a2", stage: "Browse", step: "Search", lane: "Emotions", index: 1 }]);
    expect(root.querySelector("[data-jw-drop-indicator], .jw-ghost")).toBeNull();
    expect(ids(target)).toEqual(["e1", "a2"]);
  });

  it("Escape cancels a drag; a press without a move is a click, not a drag", () => {
    const { cardEl, q, model } = mount(cards());
    const restore = dropAt(q('[data-jw-cell][data-stage="Browse"][data-step="Compare"][data-lane="Actions"]')!);
    try {
      pointer(cardEl("a1"), "pointerdown", 10, 10);
      pointer(document, "pointermove", 90, 90);
      key(document.body, "Escape");
      pointer(document, "pointerup", 90, 90);
      pointer(cardEl("a1"), "pointerdown", 10, 10);
      pointer(document, "pointerup", 10, 10);
    } finally {
      restore();
    }
    expect(model.sent).toHaveLength(0);
    expect(cardEl("a1").classList.contains("jw-dragging")).toBe(false);
  });
});

describe("stages, steps and lanes", () => {
  it("renames a stage in place from its menu", () => {
    const { q, model } = mount(cards());
    click(q('[data-jw-stage="Pay"] [data-jw-menu]'));
    const items = Array.from(q("[data-jw-menu-list]")!.querySelectorAll("[data-jw-action]"));
    expect(items.map((i) => i.getAttribute("data-jw-action"))).toEqual(["rename", "move-left", "move-right", "add-stage", "add-step", "delete"]);
    expect(q('[data-jw-action="move-right"]')!.getAttribute("aria-disabled")).toBe("true");
    click(q('[data-jw-action="rename"]'));
    const input = q<HTMLInputElement>("input[data-jw-rename]")!;
    expect(document.activeElement).toBe(input);
    input.value = "Checkout";
    key(input, "Enter");
    expect(model.last().op).toEqual({ kind: "rename_stage", old: "Pay", new: "Checkout" });
    expect(q('[data-jw-stage="Checkout"]')).not.toBeNull(); // shown before Python answers
    expect(document.activeElement).toBe(q('[data-jw-stage="Checkout"] [data-jw-menu]'));
  });

  it("a rename to a name in use is refused in the view and keeps what was typed", () => {
    const { q, model } = mount(cards());
    q<HTMLElement>('[data-jw-lane="Actions"] [data-jw-menu]')!.focus();
    key(q('[data-jw-lane="Actions"] [data-jw-menu]')!, "F2");
    const input = q<HTMLInputElement>("input[data-jw-rename]")!;
    input.value = "Emotions";
    key(input, "Enter");
    expect(model.sent).toHaveLength(0);
    expect(q("[data-jw-error]")!.textContent).toContain("already a lane");
    expect(q("[data-jw-error-typed]")!.textContent).toBe("Emotions");
  });

  it("deleting one that holds cards asks in the widget first; an empty one goes at once", () => {
    const { q, model } = mount(cards(), makeStructure({ stages: [...makeStructure().stages, { name: "Empty", steps: [] }] }));
    const btn = q<HTMLElement>('[data-jw-stage="Pay"] [data-jw-menu]')!;
    btn.focus();
    key(btn, "Delete");
    const dialog = q("[data-jw-confirm]")!;
    expect(dialog.getAttribute("role")).toBe("alertdialog");
    expect(dialog.textContent).toContain("3 cards");
    expect(document.activeElement).toBe(q("[data-jw-confirm-cancel]"));
    expect(model.sent).toHaveLength(0);
    click(q("[data-jw-confirm-cancel]"));
    expect(q("[data-jw-confirm]")).toBeNull();
    expect(model.sent).toHaveLength(0);
    key(btn, "Delete");
    click(q("[data-jw-confirm-ok]"));
    expect(model.last().op).toEqual({ kind: "remove_stage", name: "Pay", drop_cards: true });
    expect(q('[data-jw-stage="Pay"]')).toBeNull();
    click(q('[data-jw-stage="Empty"] [data-jw-menu]'));
    click(q('[data-jw-action="delete"]'));
    expect(model.last().op).toEqual({ kind: "remove_stage", name: "Empty", drop_cards: false });
  });

  it("adds stages, lanes and steps through a small form that checks the name", () => {
    const { q, model } = mount(cards());
    click(q("[data-jw-add-lane]"));
    const input = q<HTMLInputElement>("input[data-jw-name-input]")!;
    input.value = "Actions";
    q<HTMLSelectElement>("select[data-jw-kind-input]")!.value = "metric";
    click(q("[data-jw-name-ok]"), "click");
    q("[data-jw-name-form]")!.dispatchEvent(new Event("submit", { cancelable: true }));
    expect(model.sent).toHaveLength(0);
    expect(q("[data-jw-name-form]")!.textContent).toContain("already a lane");
    input.value = "NPS";
    q("[data-jw-name-form]")!.dispatchEvent(new Event("submit", { cancelable: true }));
    expect(model.last().op).toEqual({ kind: "add_lane", name: "NPS", lane_kind: "metric", index: null });
    expect(q('[data-jw-lane="NPS"]')!.getAttribute("data-jw-lane-kind")).toBe("metric");
    click(q('[data-jw-step="Search"] [data-jw-menu]'));
    click(q('[data-jw-action="add-step"]'));
    q<HTMLInputElement>("input[data-jw-name-input]")!.value = "Filter";
    q("[data-jw-name-form]")!.dispatchEvent(new Event("submit", { cancelable: true }));
    expect(model.last().op).toEqual({ kind: "add_step", stage: "Browse", name: "Filter", index: 1 });
    const btn = q<HTMLElement>('[data-jw-step="Filter"] [data-jw-menu]')!;
    key(btn, "ArrowRight", { altKey: true });
    expect(model.last().op).toEqual({ kind: "move_step", stage: "Browse", name: "Filter", index: 2 });
  });
});

describe("emotion curve", () => {
  it("points are sliders: arrows change the score by the scale's step", () => {
    const { q, model } = mount(cards());
    const point = q('[data-jw-point="e1"]')!;
    expect(point.getAttribute("role")).toBe("slider");
    expect(point.getAttribute("aria-valuenow")).toBe("1");
    point.focus();
    key(point, "ArrowUp");
    expect(model.last().op).toEqual({ kind: "edit", id: "e1", field: "score", value: 2, old: 1 });
    model.accept();
    expect(document.activeElement!.getAttribute("data-jw-point")).toBe("e1"); // focus survives the redraw
    key(document.activeElement!, "ArrowUp");
    expect(model.sent).toHaveLength(1); // already at the top
    key(document.activeElement!, "Home");
    expect(model.last().op).toMatchObject({ value: -2, old: 2 });
  });

  it("dragging a point snaps to the scale, shows the value and commits on release", () => {
    const st = makeStructure({ scale: { min: 1, max: 5, step: 0.5 } });
    const { q, model } = mount([card("e", { lane: "Emotions", score: 3 })], st);
    const point = q('[data-jw-point="e"]')!;
    pointer(point, "pointerdown", 0, 56);
    // The svg is 112 high with 14 of padding: y = 30 is (30 - 14) / 84 of the way down from 5.
    pointer(point, "pointermove", 0, 30);
    const label = q("[data-jw-point-value]")!;
    expect(label.textContent).toBe("+4");
    expect(point.getAttribute("aria-valuenow")).toBe("4");
    expect(model.sent).toHaveLength(0);
    pointer(point, "pointermove", 0, -50); // beyond the top: the scale's max
    expect(label.textContent).toBe("+5");
    pointer(point, "pointerup", 0, -50);
    expect(model.sent.map((m) => m.op)).toEqual([{ kind: "edit", id: "e", field: "score", value: 5, old: 3 }]);
    expect(q("[data-jw-point-value]")).toBeNull();
  });

  it("one line per persona, with a legend", () => {
    const { q, qa } = mount([
      card("x", { lane: "Emotions", score: 1, persona: "Buyer" }),
      card("y", { lane: "Emotions", score: -1, persona: "Gift giver" }),
    ]);
    expect(qa("polyline").map((p) => p.getAttribute("data-persona"))).toEqual(["Buyer", "Gift giver"]);
    expect(q(".jw-legend")!.textContent).toBe("BuyerGift giver");
  });
});

describe("card attributes", () => {
  it("shows channel, confidence and severity as labelled badges, pain points marked", () => {
    const st = makeStructure({ lanes: [{ name: "Pain points", kind: "text" }] });
    const { cardEl } = mount([card("p", { lane: "Pain points", channel: "Email", confidence: "hypothesized", severity: 4 })], st);
    const p = cardEl("p");
    expect(Array.from(p.querySelectorAll(".jw-badge")).map((b) => b.textContent)).toEqual(["Email", "H hypothesized", "Severity 4", "No evidence"]);
    expect(p.querySelector(".jw-ch-email")).not.toBeNull();
    expect(p.classList.contains("jw-hypothesized")).toBe(true);
    expect(p.getAttribute("data-jw-confidence")).toBe("hypothesized");
    expect(p.getAttribute("aria-label")).toBe("Pain point: text p; Channel: Email; Confidence: hypothesized; Severity 4 of 5; No evidence: an assumption");
  });

  it("the editor's details commit as one batch, and only what changed", () => {
    const { cardEl, q, model, editor } = mount([card("a", { owner: "Ana" })]);
    openWithEnter(cardEl("a"));
    expect(q("[data-jw-details]")!.getAttribute("aria-expanded")).toBe("true"); // it has an owner
    q<HTMLInputElement>('[data-jw-field="channel"]')!.value = "Phone";
    q<HTMLSelectElement>('[data-jw-field="severity"]')!.value = "3";
    q<HTMLInputElement>('[data-jw-field="owner"]')!.value = "Ana";
    editor()!.value = "new text";
    key(editor()!, "Enter");
    expect(model.last().op).toEqual({ kind: "batch", ops: [
      { kind: "edit", id: "a", field: "text", value: "new text", old: "text a" },
      { kind: "edit", id: "a", field: "channel", value: "Phone", old: null },
      { kind: "edit", id: "a", field: "severity", value: 3, old: null },
    ] });
    expect(cardEl("a").querySelector(".jw-ch-phone")!.textContent).toBe("Phone");
  });
});

describe("read-only and the DOM budget", () => {
  it("read-only: no tools, no menus, and drags, keys and points send nothing", () => {
    const { q, qa, cardEl, model } = mount(cards(), makeStructure(), true);
    expect(q<HTMLElement>(".jw-tools")!.hidden).toBe(true);
    expect(qa("[data-jw-menu]")).toHaveLength(0);
    key(cardEl("a1"), "ArrowDown", { altKey: true });
    key(cardEl("a1"), "z", { ctrlKey: true });
    key(q('[data-jw-point="e1"]')!, "ArrowUp");
    pointer(cardEl("a1"), "pointerdown", 1, 1);
    pointer(document, "pointermove", 90, 90);
    pointer(document, "pointerup", 90, 90);
    expect(model.sent).toHaveLength(0);
    expect(q('[data-jw-point="e1"]')!.getAttribute("aria-readonly")).toBe("true");
  });

  it("a big map stays under the node budget; a cell expands on demand", () => {
    const many = Array.from({ length: 2000 }, (_, i) => card(`c${i}`, {
      stage: i % 2 ? "Pay" : "Browse", step: i % 2 ? null : "Search",
      lane: i % 3 ? "Actions" : "Emotions", score: i % 3 ? null : (i % 5) - 2, text: `card ${i}`,
    }));
    const { root, q, qa } = mount(many);
    expect(countElements(root)).toBeLessThanOrEqual(3000);
    expect(root.hasAttribute("data-jw-collapsed")).toBe(true);
    const more = q<HTMLButtonElement>('[data-jw-cell][data-stage="Pay"][data-lane="Actions"] [data-jw-more]')!;
    const shown = qa('[data-jw-cell][data-stage="Pay"][data-lane="Actions"] [data-jw-card]').length;
    expect(more.textContent).toBe(`Show ${667 - shown} more`);
    click(more);
    expect(qa('[data-jw-cell][data-stage="Pay"][data-lane="Actions"] [data-jw-card]')).toHaveLength(667);
    click(q('[data-jw-cell][data-stage="Pay"][data-lane="Actions"] [data-jw-less]'));
    expect(qa('[data-jw-cell][data-stage="Pay"][data-lane="Actions"] [data-jw-card]')).toHaveLength(shown);
  });

  it("a small map shows every card", () => {
    const { root, qa } = mount(cards(), makeStructure(), false, { budget: 3000 });
    expect(qa("[data-jw-card]")).toHaveLength(5);
    expect(root.hasAttribute("data-jw-collapsed")).toBe(false);
  });
});
