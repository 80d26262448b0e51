// Keyboard access to the board: arrows move focus between cards (and the add buttons of empty
// cells); Alt+Arrows move the focused card: up and down inside its cell and on into the lane
// above or below, left and right to the neighbouring column. Pure lookups over the frame.
import { cellKey } from "../columns";
import type { CellView, Frame } from "./board";

/** The focusable things of a cell, top to bottom: its cards, "show more", the add button. */
function stops(cell: CellView): HTMLElement[] {
  const out = Array.from(cell.list.children).filter((c) => c.hasAttribute("data-jw-card")) as HTMLElement[];
  for (const sel of ["[data-jw-more]", "[data-jw-add]"]) {
    const b = cell.el.querySelector<HTMLElement>(sel);
    if (b) out.push(b);
  }
  return out;
}

function cardsOf(cell: CellView): HTMLElement[] {
  return Array.from(cell.list.children).filter((c) => c.hasAttribute("data-jw-card")) as HTMLElement[];
}

interface Where {
  cell: CellView;
  lane: number;
  column: number;
}

function where(frame: Frame, el: HTMLElement): Where | null {
  const cellEl = el.closest("[data-jw-cell]");
  const cell = cellEl ? frame.byEl.get(cellEl) : undefined;
  if (!cell) return null;
  const column = frame.columns.findIndex((c) => c.stage === cell.stage && c.step === cell.step);
  return { cell, lane: frame.lanes.indexOf(cell.lane), column };
}

function cellAt(frame: Frame, lane: number, column: number): CellView | null {
  const l = frame.lanes[lane];
  const c = frame.columns[column];
  return l != null && c ? frame.cells.get(cellKey(c.stage, c.step, l)) ?? null : null;
}

/** Where focus goes from `el` (a card or a cell button) for an arrow key; null: nowhere. */
export function navigate(frame: Frame, el: HTMLElement, key: string): HTMLElement | null {
  const w = where(frame, el);
  if (!w) return null;
  const here = stops(w.cell);
  const i = here.indexOf(el);
  if (key === "Home") return here[0] ?? null;
  if (key === "End") return cardsOf(w.cell).pop() ?? null;
  if (key === "ArrowUp" && i > 0) return here[i - 1]!;
  if (key === "ArrowDown" && i < here.length - 1) return here[i + 1]!;
  const [dl, dc] = key === "ArrowUp" ? [-1, 0] : key === "ArrowDown" ? [1, 0] : key === "ArrowLeft" ? [0, -1] : key === "ArrowRight" ? [0, 1] : [0, 0];
  if (!dl && !dc) return null;
  for (let lane = w.lane + dl, col = w.column + dc; ; lane += dl, col += dc) {
    const cell = cellAt(frame, lane, col);
    if (!cell) return null;
    const there = stops(cell);
    if (!there.length) continue;
    if (dl < 0) return there[there.length - 1]!;
    if (dl > 0) return there[0]!;
    return there[Math.min(Math.max(i, 0), there.length - 1)]!;
  }
}

/** Where Alt+`key` moves the card `el`: a cell and an index counted without the card. */
export function moveTarget(frame: Frame, el: HTMLElement, key: string): { cell: CellView; index: number } | null {
  const w = where(frame, el);
  if (!w) return null;
  const i = cardsOf(w.cell).indexOf(el);
  const n = cardsOf(w.cell).length;
  if (key === "ArrowUp") {
    if (i > 0) return { cell: w.cell, index: i - 1 };
    const above = cellAt(frame, w.lane - 1, w.column);
    return above ? { cell: above, index: cardsOf(above).length } : null;
  }
  if (key === "ArrowDown") {
    if (i < n - 1) return { cell: w.cell, index: i + 1 };
    const below = cellAt(frame, w.lane + 1, w.column);
    return below ? { cell: below, index: 0 } : null;
  }
  const dc = key === "ArrowLeft" ? -1 : key === "ArrowRight" ? 1 : 0;
  const next = dc ? cellAt(frame, w.lane, w.column + dc) : null;
  return next ? { cell: next, index: Math.min(Math.max(i, 0), cardsOf(next).length) } : null;
}
