// Reordering stage, step and lane headers with the pointer: press on a header (not on its menu
// button), move past a few pixels along its axis, and a ghost follows the pointer while a line
// shows where the header will land (a vertical line between stage or step headers, a horizontal
// one between lanes). Release proposes one `move_stage`, `move_step` (within its stage) or
// `move_lane`; dropping it where it was sends nothing; Escape cancels. The keyboard does the same
// with Alt+Arrows on the header's menu button (headers.ts), which also announces the result.
import type { Store } from "../store";
import { type Frame, headerKey, type HeaderTarget } from "./board";
import { h } from "./h";

const THRESHOLD = 5;
const EDGE = 40;

export interface HeaderDragContext {
  root: HTMLElement;
  scroll: HTMLElement;
  store: Store;
  frame(): Frame | null;
  /** Propose moving the header to `index` among its siblings (counted without it) and say so. */
  move(t: HeaderTarget, index: number): void;
}

interface Gesture {
  t: HeaderTarget;
  el: HTMLElement;
  pointerId: number;
  x: number;
  y: number;
  dx: number;
  dy: number;
  started: boolean;
  ghost: HTMLElement | null;
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

export class HeaderDrag {
  private g: Gesture | null = null;
  private indicator = h("div", { class: "jw-head-drop-indicator", "data-jw-header-drop-indicator": true, "aria-hidden": "true" });
  private onDocKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && this.g?.started) {
      e.preventDefault();
      e.stopPropagation();
      this.end(false);
    }
  };

  constructor(private ctx: HeaderDragContext) {
    ctx.root.addEventListener("pointerdown", (e) => this.down(e));
    ctx.root.addEventListener("selectstart", (e) => {
      if (this.g) e.preventDefault();
    });
  }

  get active(): boolean {
    return this.g?.started ?? false;
  }

  private down(e: PointerEvent): void {
    if (e.button !== 0 || !e.isPrimary || this.g || this.ctx.store.readOnly()) return;
    const t0 = e.target as Element;
    const el = t0.closest<HTMLElement>("[data-jw-stage], [data-jw-step], [data-jw-lane]");
    if (!el || !this.ctx.root.contains(el) || el.classList.contains("jw-renaming")) return;
    if (t0.closest("button, input, select, textarea, a")) return;
    const t = headerTargetOf(el);
    if (!t || !siblingNames(this.ctx.store, t).includes(t.name)) return;
    const r = el.getBoundingClientRect();
    this.g = {
      t, el, pointerId: e.pointerId, x: e.clientX, y: e.clientY, dx: e.clientX - r.left, dy: e.clientY - r.top,
      started: false, ghost: null, index: null,
    };
    const doc = this.ctx.root.ownerDocument;
    doc.addEventListener("pointermove", this.onMove, true);
    doc.addEventListener("pointerup", this.onUp, true);
    doc.addEventListener("pointercancel", this.onCancel, true);
    doc.addEventListener("keydown", this.onDocKey, true);
  }

  private onMove = (e: PointerEvent) => {
    const g = this.g;
    if (!g || e.pointerId !== g.pointerId) return;
    if (!g.started) {
      const along = g.t.axis === "lane" ? e.clientY - g.y : e.clientX - g.x;
      if (Math.abs(along) < THRESHOLD) return;
      if (this.ctx.store.readOnly()) return this.end(false); // became read-only (presenting, Python)
      this.start(g);
    }
    e.preventDefault();
    if (g.t.axis !== "lane") this.autoScroll(e.clientX);
    this.track(g, e.clientX, e.clientY);
  };

  private onUp = (e: PointerEvent) => {
    if (this.g && e.pointerId === this.g.pointerId) {
      if (this.g.started) this.track(this.g, e.clientX, e.clientY);
      this.end(true);
    }
  };

  private onCancel = (e: PointerEvent) => {
    if (this.g && e.pointerId === this.g.pointerId) this.end(false);
  };

  private start(g: Gesture): void {
    g.started = true;
    this.ctx.root.ownerDocument.getSelection?.()?.removeAllRanges();
    g.el.classList.add("jw-head-dragging");
    this.ctx.root.classList.add("jw-drag-active");
    const ghost = h("div", {
      class: `jw-ghost jw-head-ghost jw-head-ghost-${g.t.axis}`, "aria-hidden": "true",
    }, g.t.name);
    const r = g.el.getBoundingClientRect();
    ghost.style.width = `${r.width}px`;
    ghost.style.height = `${Math.min(r.height, 48)}px`;
    this.ctx.root.appendChild(ghost);
    g.ghost = ghost;
  }

  private track(g: Gesture, x: number, y: number): void {
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

  private autoScroll(x: number): void {
    const s = this.ctx.scroll;
    const r = s.getBoundingClientRect();
    if (r.width <= 0) return;
    if (x < r.left + EDGE) s.scrollLeft -= 24;
    else if (x > r.right - EDGE) s.scrollLeft += 24;
  }

  private end(commit: boolean): void {
    const g = this.g;
    if (!g) return;
    this.g = null;
    const doc = this.ctx.root.ownerDocument;
    doc.removeEventListener("pointermove", this.onMove, true);
    doc.removeEventListener("pointerup", this.onUp, true);
    doc.removeEventListener("pointercancel", this.onCancel, true);
    doc.removeEventListener("keydown", this.onDocKey, true);
    if (!g.started) return;
    g.ghost?.remove();
    g.el.classList.remove("jw-head-dragging");
    this.ctx.root.classList.remove("jw-drag-active");
    this.indicator.remove();
    // The click that ends a drag is not a click on what lies under the pointer.
    doc.addEventListener("click", stop, true);
    setTimeout(() => doc.removeEventListener("click", stop, true), 0);
    if (!commit || g.index == null || this.ctx.store.readOnly()) return;
    const at = siblingNames(this.ctx.store, g.t).indexOf(g.t.name);
    if (at >= 0 && at !== g.index) this.ctx.move(g.t, g.index);
  }
}

function stop(e: Event): void {
  e.stopPropagation();
}
