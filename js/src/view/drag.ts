// Drag and drop of cards with pointer events: press on a card, move past a few pixels, and a
// line shows where the card will land (another cell, or another place in its own cell); release
// sends one `move`. Escape cancels. The keyboard does the same with Alt+Arrows (cardkeys.ts).
import type { Store } from "../store";
import type { CellView, Frame } from "./board";
import { type Gesture, PointerDrag, pressed } from "./gesture";
import { h } from "./h";

export interface DragContext {
  root: HTMLElement;
  scroll: HTMLElement;
  store: Store;
  frame(): Frame | null;
  /** Propose a move of card `id` to `cell` at `index` (counted without the card). */
  move(id: string, cell: CellView, index: number): void;
  flush(): void;
}

interface CardGesture extends Gesture {
  id: string;
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

export class CardDrag extends PointerDrag<CardGesture> {
  private indicator = h("div", { class: "jw-drop-indicator", "data-jw-drop-indicator": true, "aria-hidden": "true" });
  private target: HTMLElement | null = null;

  constructor(private ctx: DragContext) {
    super(ctx.root, ctx.scroll, ctx.store);
  }

  protected grab(t: Element, e: PointerEvent): CardGesture | null {
    const el = t.closest<HTMLElement>("[data-jw-card]");
    if (!el || t.closest("button, textarea, input, select, .jw-editor") || el.classList.contains("jw-editing")) return null;
    const id = el.getAttribute("data-jw-card")!;
    if (this.ctx.store.isTemporary(id)) return null;
    return { ...pressed(el, e), id, drop: null };
  }

  protected begin(g: CardGesture): void {
    g.el.classList.add("jw-dragging");
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

  protected track(g: CardGesture, x: number, y: number): void {
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

  protected finish(g: CardGesture, commit: boolean): void {
    g.el.classList.remove("jw-dragging");
    this.indicator.remove();
    this.target?.classList.remove("jw-drop-target");
    this.target = null;
    if (commit && g.drop) this.ctx.move(g.id, g.drop.cell, g.drop.index);
    else this.ctx.flush();
  }
}
