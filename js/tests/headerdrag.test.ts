// Dragging stage, step and lane headers with the pointer (headerdrag.ts). happy-dom lays nothing
// out, so each test gives the headers the boxes a browser would: stages and steps side by side,
// lanes one under another.
import { afterEach, describe, expect, it } from "vitest";
import { card, makeStructure } from "./fake";
import { click, key, mount, pointer } from "./helpers";

afterEach(async () => {
  // A drag swallows the click that ends it, for one task: let that task pass.
  await new Promise((r) => setTimeout(r, 0));
  document.body.textContent = "";
});

const structure = () => makeStructure({
  stages: [
    { name: "Browse", steps: ["Search", "Compare", "Decide"], description: "" },
    { name: "Cart", steps: [], description: "" },
    { name: "Pay", steps: [], description: "" },
  ],
  lanes: [
    { name: "Actions", kind: "text" },
    { name: "Emotions", kind: "emotion" },
    { name: "Pain points", kind: "text" },
  ],
});

const cards = () => [
  card("a1", { text: "search" }),
  card("c1", { stage: "Cart", step: null, text: "cart" }),
  card("p1", { stage: "Pay", step: null, lane: "Pain points", text: "declined" }),
];

function box(el: Element, left: number, top: number, width: number, height: number): void {
  const r = { left, top, width, height, right: left + width, bottom: top + height, x: left, y: top };
  (el as HTMLElement).getBoundingClientRect = () => ({ ...r, toJSON: () => r });
}

/** Stage headers 100 px wide from x = 0, step headers 100 px wide, lanes 50 px high from y = 100. */
function layOut(root: HTMLElement): void {
  root.querySelectorAll("[data-jw-stage]").forEach((el, i) => box(el, i * 100, 0, 100, 30));
  root.querySelectorAll("[data-jw-step]").forEach((el, i) => box(el, i * 100, 30, 100, 30));
  root.querySelectorAll("[data-jw-lane]").forEach((el, i) => box(el, 0, 100 + i * 50, 148, 50));
}

const names = (root: HTMLElement, attr: string) =>
  Array.from(root.querySelectorAll(`[${attr}]`)).map((e) => e.getAttribute(attr));
const label = (root: HTMLElement, sel: string) => root.querySelector(`${sel} .jw-head-label`)!;
const indicator = (root: HTMLElement) => root.querySelector<HTMLElement>("[data-jw-header-drop-indicator]");

describe("dragging headers", () => {
  it("drags a stage after another: ghost, a vertical line, one move_stage, and says so", () => {
    const { root, model, q } = mount(cards(), structure());
    layOut(root);
    pointer(label(root, '[data-jw-stage="Browse"]'), "pointerdown", 50, 10);
    pointer(document, "pointermove", 53, 10); // under the threshold: nothing yet
    expect(indicator(root)).toBeNull();
    pointer(document, "pointermove", 160, 40);
    const line = indicator(root)!;
    expect(line.getAttribute("data-axis")).toBe("stage");
    expect(line.classList.contains("jw-head-drop-v")).toBe(true);
    expect(line.style.left).toBe("199px"); // before Pay (Cart's middle is passed, Pay's is not)
    expect(root.querySelector(".jw-head-ghost")!.textContent).toBe("Browse");
    expect(q('[data-jw-stage="Browse"]')!.classList.contains("jw-head-dragging")).toBe(true);
    expect(root.querySelectorAll('[data-jw-stage="Browse"]')).toHaveLength(1); // the ghost has no hooks
    pointer(document, "pointermove", 260, 40); // past Pay's middle: the end
    expect(line.style.left).toBe("299px");
    pointer(document, "pointerup", 260, 40);
    expect(model.sent.map((m) => m.op)).toEqual([{ kind: "move_stage", name: "Browse", index: 2 }]);
    expect(names(root, "data-jw-stage")).toEqual(["Cart", "Pay", "Browse"]); // drawn at once
    expect(q("[data-jw-status]")!.textContent).toBe("Moved stage Browse to position 3 of 3");
    expect(root.querySelector("[data-jw-header-drop-indicator], .jw-head-ghost, .jw-head-dragging")).toBeNull();
    expect(root.classList.contains("jw-drag-active")).toBe(false);
  });

  it("drags a stage to the front", () => {
    const { root, model } = mount(cards(), structure());
    layOut(root);
    pointer(label(root, '[data-jw-stage="Pay"]'), "pointerdown", 250, 10);
    pointer(document, "pointermove", 20, 12);
    expect(indicator(root)!.style.left).toBe("-1px");
    pointer(document, "pointerup", 20, 12);
    expect(model.sent.map((m) => m.op)).toEqual([{ kind: "move_stage", name: "Pay", index: 0 }]);
  });

  it("moves a step within its own stage only", () => {
    const { root, model, q } = mount(cards(), structure());
    layOut(root);
    pointer(label(root, '[data-jw-step="Decide"]'), "pointerdown", 250, 40);
    pointer(document, "pointermove", 30, 40); // before Search
    expect(indicator(root)!.getAttribute("data-axis")).toBe("step");
    pointer(document, "pointerup", 30, 40);
    expect(model.sent.map((m) => m.op)).toEqual([{ kind: "move_step", stage: "Browse", name: "Decide", index: 0 }]);
    expect(q("[data-jw-status]")!.textContent).toBe("Moved step Decide to position 1 of 3");
    model.accept();
    layOut(root);
    // Far right, over other stages' columns: still the end of its own stage.
    pointer(label(root, '[data-jw-step="Search"]'), "pointerdown", 150, 40);
    pointer(document, "pointermove", 900, 40);
    pointer(document, "pointerup", 900, 40);
    expect(model.last().op).toEqual({ kind: "move_step", stage: "Browse", name: "Search", index: 2 });
    expect(names(root, "data-jw-step")).toEqual(["Decide", "Compare", "Search"]);
  });

  it("drags a lane vertically with a horizontal line; sideways moves do not start a drag", () => {
    const { root, model, q } = mount(cards(), structure());
    layOut(root);
    const lane = root.querySelector('[data-jw-lane="Pain points"] .jw-lane-name')!;
    pointer(lane, "pointerdown", 20, 220);
    pointer(document, "pointermove", 90, 222); // sideways: not a lane drag
    expect(indicator(root)).toBeNull();
    pointer(document, "pointermove", 20, 110); // above Actions' middle
    const line = indicator(root)!;
    expect(line.getAttribute("data-axis")).toBe("lane");
    expect(line.classList.contains("jw-head-drop-h")).toBe(true);
    expect(line.style.top).toBe("99px");
    pointer(document, "pointerup", 20, 110);
    expect(model.sent.map((m) => m.op)).toEqual([{ kind: "move_lane", name: "Pain points", index: 0 }]);
    expect(names(root, "data-jw-lane")).toEqual(["Pain points", "Actions", "Emotions"]);
    expect(q("[data-jw-status]")!.textContent).toBe("Moved lane Pain points to position 1 of 3");
  });

  it("dropping a header where it was sends nothing", () => {
    const { root, model } = mount(cards(), structure());
    layOut(root);
    pointer(label(root, '[data-jw-stage="Cart"]'), "pointerdown", 130, 10);
    pointer(document, "pointermove", 170, 10); // still before Pay's middle
    expect(indicator(root)).not.toBeNull();
    pointer(document, "pointerup", 170, 10);
    pointer(root.querySelector('[data-jw-lane="Actions"] .jw-lane-name')!, "pointerdown", 20, 110);
    pointer(document, "pointermove", 20, 135); // over itself
    pointer(document, "pointerup", 20, 135);
    expect(model.sent).toHaveLength(0);
    expect(indicator(root)).toBeNull();
    expect(names(root, "data-jw-stage")).toEqual(["Browse", "Cart", "Pay"]);
  });

  it("Escape cancels; a press without a move, or on the menu button, is no drag", async () => {
    const { root, model, q } = mount(cards(), structure());
    layOut(root);
    pointer(label(root, '[data-jw-stage="Browse"]'), "pointerdown", 50, 10);
    pointer(document, "pointermove", 260, 10);
    expect(indicator(root)).not.toBeNull();
    const esc = key(document.body, "Escape");
    expect(esc.defaultPrevented).toBe(true);
    expect(indicator(root)).toBeNull();
    expect(root.querySelector(".jw-head-ghost, .jw-head-dragging")).toBeNull();
    pointer(document, "pointerup", 260, 10);
    await new Promise((r) => setTimeout(r, 0)); // the click that ends a drag is swallowed for one task
    // A plain click on a header still does nothing new: no drag, no menu.
    const head = label(root, '[data-jw-stage="Cart"]');
    pointer(head, "pointerdown", 150, 10);
    pointer(head, "pointerup", 150, 10);
    click(head);
    expect(q("[data-jw-menu-list]")).toBeNull();
    // Pressing on the menu button and moving is not a drag; its click still opens the menu.
    const btn = q('[data-jw-stage="Cart"] [data-jw-menu]')!;
    pointer(btn, "pointerdown", 190, 10);
    pointer(document, "pointermove", 290, 10);
    expect(indicator(root)).toBeNull();
    pointer(document, "pointerup", 290, 10);
    click(btn);
    expect(q("[data-jw-menu-list]")).not.toBeNull();
    expect(model.sent).toHaveLength(0);
  });

  it("read-only maps and presentation mode start no drag", () => {
    const ro = mount(cards(), structure(), true);
    layOut(ro.root);
    pointer(label(ro.root, '[data-jw-stage="Browse"]'), "pointerdown", 50, 10);
    pointer(document, "pointermove", 260, 10);
    expect(indicator(ro.root)).toBeNull();
    pointer(document, "pointerup", 260, 10);
    pointer(ro.root.querySelector('[data-jw-lane="Actions"] .jw-lane-name')!, "pointerdown", 20, 110);
    pointer(document, "pointermove", 20, 240);
    pointer(document, "pointerup", 20, 240);
    expect(ro.model.sent).toHaveLength(0);

    const m = mount(cards(), structure());
    click(m.q("[data-jw-present]"));
    expect(m.root.hasAttribute("data-jw-presenting")).toBe(true);
    layOut(m.root);
    pointer(label(m.root, '[data-jw-stage="Browse"]'), "pointerdown", 50, 10);
    pointer(document, "pointermove", 260, 10);
    expect(indicator(m.root)).toBeNull();
    pointer(document, "pointerup", 260, 10);
    expect(m.model.sent).toHaveLength(0);
    expect(names(m.root, "data-jw-stage")).toEqual(["Browse", "Cart", "Pay"]);
  });

  it("a drag that becomes read-only midway sends nothing", () => {
    const { root, model } = mount(cards(), structure());
    layOut(root);
    pointer(label(root, '[data-jw-stage="Browse"]'), "pointerdown", 50, 10);
    pointer(document, "pointermove", 260, 10);
    model.update({ readOnly: true });
    pointer(document, "pointerup", 260, 10);
    expect(model.sent).toHaveLength(0);
    expect(root.querySelector("[data-jw-header-drop-indicator], .jw-head-ghost")).toBeNull();
  });
});
