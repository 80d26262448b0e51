// Reordering stage, step and lane headers with the pointer: press on a header (not on its menu
// button), move past a few pixels along its axis, and a ghost follows the pointer while a line
// shows where the header will land (a vertical line between stage or step headers, a horizontal
// one between lanes). Release proposes one `move_stage`, `move_step` (within its stage) or
// `move_lane`; dropping it where it was sends nothing; Escape cancels. The keyboard does the same
// with Alt+Arrows on the header's menu button (headers.ts), which also announces the result.
import type { Store } from "../store";
import { type Frame, headerKey, type HeaderTarget } from "./board";
import { type Gesture, PointerDrag, pressed } from "./gesture";
import { h } from "./h";

const THRESHOLD = 5;

export interface HeaderDragContext {
  root: HTMLElement;
  scroll: HTMLElement;
  store: Store;
  frame(): Frame | null;
  /** Propose moving the header to `index` among its siblings (counted without it) and say so. */
  move(t: HeaderTarget, index: number): void;
}

interface HeaderGesture extends Gesture {
  t: HeaderTarget;
  /** Index among the siblings without the dragged header, or null over nowhere useful. */
  index: number | null;
}

/** The header target of a stage, step or lane header element (null for anything else). */
export function headerTargetOf(el: Element): HeaderTarget | null {
  const stage = el.getAttribute("data-jw-stage");
  if (stage != null) return { axis: "stage", name: stage, stage: null };
  const step = el.getAttribute("data-jw-step");
  if (step != null) return { axis: "step", name: step, stage: el.getAttribute("data-stage") };
  const lane = el.getAttribute("data-jw-lane");
  if (lane != null) return { axis: "lane", name: lane, stage: null };
  return null;
}

/** The names a header is ordered among: all stages, the steps of its stage, or all lanes. */
export function siblingNames(store: Store, t: HeaderTarget): string[] {
  const st = store.structure();
  if (t.axis === "stage") return st.stages.map((s) => s.name);
  if (t.axis === "lane") return st.lanes.map((l) => l.name);
  return st.stages.find((s) => s.name === t.stage)?.steps ?? [];
}

export interface HeaderSlot {
  /** Where the header lands, counted among its siblings without it. */
  index: number;
  /** The sibling header it lands before, or null at the end. */
  before: HTMLElement | null;
  /** The last sibling header other than the dragged one (the line's place at the end). */
  last: HTMLElement | null;
}

/**
 * Where a header dragged to `pos` (x for stages and steps, y for lanes, in client pixels) lands:
 * before the first other sibling whose middle lies past `pos`, else at the end.
 */
export function headerSlot(frame: Frame, names: readonly string[], t: HeaderTarget, pos: number): HeaderSlot {
  const others = names.filter((n) => n !== t.name);
  let last: HTMLElement | null = null;
  for (let i = 0; i < others.length; i++) {
    const el = frame.headers.get(headerKey({ ...t, name: others[i]! }));
    if (!el) continue;
    const r = el.getBoundingClientRect();
    const mid = t.axis === "lane" ? r.top + r.height / 2 : r.left + r.width / 2;
    if (pos < mid) return { index: i, before: el, last };
    last = el;
  }
  return { index: others.length, before: null, last };
}

export class HeaderDrag extends PointerDrag<HeaderGesture> {
  private indicator = h("div", { class: "jw-head-drop-indicator", "data-jw-header-drop-indicator": true, "aria-hidden": "true" });

  constructor(private ctx: HeaderDragContext) {
    super(ctx.root, ctx.scroll, ctx.store);
  }

  protected grab(t0: Element, e: PointerEvent): HeaderGesture | null {
    const el = t0.closest<HTMLElement>("[data-jw-stage], [data-jw-step], [data-jw-lane]");
    if (!el || !this.ctx.root.contains(el) || el.classList.contains("jw-renaming")) return null;
    if (t0.closest("button, input, select, textarea, a")) return null;
    const t = headerTargetOf(el);
    if (!t || !siblingNames(this.ctx.store, t).includes(t.name)) return null;
    return { ...pressed(el, e), t, index: null };
  }

  /** A header drags along its own axis only: sideways for stages and steps, up or down for lanes. */
  protected override passed(g: HeaderGesture, e: PointerEvent): boolean {
    const along = g.t.axis === "lane" ? e.clientY - g.y : e.clientX - g.x;
    return Math.abs(along) >= THRESHOLD;
  }

  protected override scrolls(g: HeaderGesture): boolean {
    return g.t.axis !== "lane";
  }

  protected begin(g: HeaderGesture): void {
    g.el.classList.add("jw-head-dragging");
    const ghost = h("div", {
      class: `jw-ghost jw-head-ghost jw-head-ghost-${g.t.axis}`, "aria-hidden": "true",
    }, g.t.name);
    const r = g.el.getBoundingClientRect();
    ghost.style.width = `${r.width}px`;
    ghost.style.height = `${Math.min(r.height, 48)}px`;
    this.ctx.root.appendChild(ghost);
    g.ghost = ghost;
  }

  protected track(g: HeaderGesture, x: number, y: number): void {
    const root = this.ctx.root.getBoundingClientRect();
    const frame = this.ctx.frame();
    const names = siblingNames(this.ctx.store, g.t);
    if (!frame || !names.includes(g.t.name)) return this.end(false); // removed or renamed elsewhere
    const el = frame.headers.get(headerKey(g.t));
    if (el && el !== g.el) {
      // The frame was rebuilt under the drag: follow the header's new element.
      g.el.classList.remove("jw-head-dragging");
      el.classList.add("jw-head-dragging");
      g.el = el;
    }
    const own = g.el.getBoundingClientRect();
    if (g.ghost) {
      // The ghost slides along the header's axis only.
      const lane = g.t.axis === "lane";
      g.ghost.style.left = `${(lane ? own.left : x - g.dx) - root.left}px`;
      g.ghost.style.top = `${(lane ? y - g.dy : own.top) - root.top}px`;
    }
    const slot = headerSlot(frame, names, g.t, g.t.axis === "lane" ? y : x);
    g.index = slot.index;
    const board = frame.el.getBoundingClientRect();
    const view = this.ctx.scroll.getBoundingClientRect();
    const s = this.indicator.style;
    this.indicator.setAttribute("data-axis", g.t.axis);
    if (g.t.axis === "lane") {
      const at = slot.before ? slot.before.getBoundingClientRect().top : (slot.last ?? g.el).getBoundingClientRect().bottom;
      const right = view.width > 0 ? Math.min(board.right, view.right) : board.right;
      this.indicator.className = "jw-head-drop-indicator jw-head-drop-h";
      Object.assign(s, { left: `${own.left - root.left}px`, top: `${at - 1 - root.top}px`, width: `${Math.max(0, right - own.left)}px`, height: "" });
    } else {
      const at = slot.before ? slot.before.getBoundingClientRect().left : (slot.last ?? g.el).getBoundingClientRect().right;
      const bottom = view.height > 0 ? Math.min(board.bottom, view.bottom) : board.bottom;
      this.indicator.className = "jw-head-drop-indicator jw-head-drop-v";
      Object.assign(s, { left: `${at - 1 - root.left}px`, top: `${own.top - root.top}px`, height: `${Math.max(0, bottom - own.top)}px`, width: "" });
    }
    if (!this.indicator.isConnected) this.ctx.root.appendChild(this.indicator);
  }

  protected finish(g: HeaderGesture, commit: boolean): void {
    g.el.classList.remove("jw-head-dragging");
    this.indicator.remove();
    if (!commit || g.index == null || this.ctx.store.readOnly()) return;
    const at = siblingNames(this.ctx.store, g.t).indexOf(g.t.name);
    if (at >= 0 && at !== g.index) this.ctx.move(g.t, g.index);
  }
}
