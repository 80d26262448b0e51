// Drag and drop of cards with pointer events: press on a card, move past a few pixels, and a
// line shows where the card will land (another cell, or another place in its own cell); release
// sends one `move`. Escape cancels. The keyboard does the same with Alt+Arrows (cardkeys.ts).
import type { Store } from "../store";
import type { CellView, Frame } from "./board";
import { h } from "./h";

const THRESHOLD = 5;
const EDGE = 40;

export interface DragContext {
  root: HTMLElement;
  scroll: HTMLElement;
  store: Store;
  frame(): Frame | null;
  /** Propose a move of card `id` to `cell` at `index` (counted without the card). */
  move(id: string, cell: CellView, index: number): void;
  flush(): void;
}

interface Gesture {
  id: string;
  el: HTMLElement;
  pointerId: number;
  x: number;
  y: number;
  dx: number;
  dy: number;
  started: boolean;
  ghost: HTMLElement | null;
  drop: { cell: CellView; index: number } | null;
}

/** Where a card dropped at (x, y) lands: a cell of this view and an index in it, or null. */
export function dropTarget(frame: Frame, dragged: Element, x: number, y: number): { cell: CellView; index: number; before: Element | null } | null {
  const doc = dragged.ownerDocument;
  const cellEl = doc.elementFromPoint(x, y)?.closest("[data-jw-cell]");
  const cell = cellEl ? frame.byEl.get(cellEl) : undefined;
  if (!cell) return null;
  const others = Array.from(cell.list.children).filter((c) => c !== dragged && c.hasAttribute("data-jw-card"));
  for (let i = 0; i < others.length; i++) {
    const r = others[i]!.getBoundingClientRect();
    if (y < r.top + r.height / 2) return { cell, index: i, before: others[i]! };
  }
  return { cell, index: others.length, before: null };
}

export class CardDrag {
  private g: Gesture | null = null;
  private indicator = h("div", { class: "jw-drop-indicator", "data-jw-drop-indicator": true, "aria-hidden": "true" });
  private target: HTMLElement | null = null;
  private onDocKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && this.g?.started) {
      e.preventDefault();
      e.stopPropagation();
      this.end(false);
    }
  };

  constructor(private ctx: DragContext) {
    const { root } = ctx;
    root.addEventListener("pointerdown", (e) => this.down(e));
    root.addEventListener("selectstart", (e) => {
      if (this.g) e.preventDefault();
    });
  }

  get active(): boolean {
    return this.g?.started ?? false;
  }

  private down(e: PointerEvent): void {
    if (e.button !== 0 || !e.isPrimary || this.g || this.ctx.store.readOnly()) return;
    const t = e.target as Element;
    const el = t.closest<HTMLElement>("[data-jw-card]");
    if (!el || t.closest("button, textarea, input, select, .jw-editor") || el.classList.contains("jw-editing")) return;
    const id = el.getAttribute("data-jw-card")!;
    if (this.ctx.store.isTemporary(id)) return;
    const r = el.getBoundingClientRect();
    this.g = { id, el, pointerId: e.pointerId, x: e.clientX, y: e.clientY, dx: e.clientX - r.left, dy: e.clientY - r.top, started: false, ghost: null, drop: null };
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
      if (Math.hypot(e.clientX - g.x, e.clientY - g.y) < THRESHOLD) return;
      this.start(g);
    }
    e.preventDefault();
    this.autoScroll(e.clientX);
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
    g.el.classList.add("jw-dragging");
    this.ctx.root.classList.add("jw-drag-active");
    const ghost = g.el.cloneNode(true) as HTMLElement;
    for (const n of [ghost, ...Array.from(ghost.querySelectorAll("*"))]) {
      for (const a of Array.from(n.attributes)) if (a.name.startsWith("data-jw") || a.name === "tabindex" || a.name === "id") n.removeAttribute(a.name);
    }
    ghost.className = "jw-card jw-ghost";
    ghost.setAttribute("aria-hidden", "true");
    ghost.style.width = `${g.el.getBoundingClientRect().width}px`;
    this.ctx.root.appendChild(ghost);
    g.ghost = ghost;
  }

  private track(g: Gesture, x: number, y: number): void {
    const root = this.ctx.root.getBoundingClientRect();
    if (g.ghost) {
      g.ghost.style.left = `${x - g.dx - root.left}px`;
      g.ghost.style.top = `${y - g.dy - root.top}px`;
    }
    const frame = this.ctx.frame();
    const drop = frame ? dropTarget(frame, g.el, x, y) : null;
    g.drop = drop && { cell: drop.cell, index: drop.index };
    this.target?.classList.remove("jw-drop-target");
    this.target = drop?.cell.el ?? null;
    this.target?.classList.add("jw-drop-target");
    if (!drop) return this.indicator.remove();
    const list = drop.cell.list.getBoundingClientRect();
    let top: number;
    if (drop.before) top = drop.before.getBoundingClientRect().top - 4;
    else {
      const cards = Array.from(drop.cell.list.children).filter((c) => c !== g.el && c.hasAttribute("data-jw-card"));
      const last = cards[cards.length - 1];
      top = last ? last.getBoundingClientRect().bottom + 2 : list.top;
    }
    Object.assign(this.indicator.style, {
      left: `${list.left - root.left}px`, top: `${top - root.top}px`, width: `${list.width}px`,
    });
    if (!this.indicator.isConnected) this.ctx.root.appendChild(this.indicator);
  }

  private autoScroll(x: number): void {
    const s = this.ctx.scroll;
    const r = s.getBoundingClientRect();
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
    g.el.classList.remove("jw-dragging");
    this.ctx.root.classList.remove("jw-drag-active");
    this.indicator.remove();
    this.target?.classList.remove("jw-drop-target");
    this.target = null;
    // The click that ends a drag is not a click on what lies under the pointer.
    doc.addEventListener("click", stop, true);
    setTimeout(() => doc.removeEventListener("click", stop, true), 0);
    if (commit && g.drop) this.ctx.move(g.id, g.drop.cell, g.drop.index);
    else this.ctx.flush();
  }
}

function stop(e: Event): void {
  e.stopPropagation();
}
