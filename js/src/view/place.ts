// Cards into their cells, within the DOM budget: card elements are reused by id; when all cards
// would not fit, every cell shows its first L cards (budget.ts) and a "Show N more" button.
import { cellKey } from "../columns";
import type { Card, Structure } from "../model/types";
import { laneTone } from "../vocabulary";
import { type Frame, setMore } from "./board";
import { cellLimits } from "./budget";
import { cardCost, createCard, type CardView, updateCard } from "./card";
import { reconcile } from "./reconcile";

/** Elements of one emotion-curve point (circle, title). */
const POINT_NODES = 2;

export interface PlaceOptions {
  /** Elements left for cards. */
  available: number;
  /** Cells the user expanded, by cellKey. */
  expanded: ReadonlySet<string>;
  /** The element holding focus, never moved within its cell (reconcile.ts). */
  pinned: Element | null;
  /** Cards always shown (being edited, focused). */
  keep: ReadonlyArray<string | null | undefined>;
  /** The elements of a cell from its shown cards (channels.ts groups them by channel). */
  arrange?: (key: string, cards: readonly Card[], els: HTMLElement[]) => HTMLElement[];
}

export interface Placed {
  /** Ids of the cards shown; null when every card is. */
  ids: Set<string> | null;
  /** Changes whenever the set of shown cards may have. */
  key: string;
  /** What the emotion curves draw: they are redrawn only when it changes. */
  curves: string;
  /** Every card id of the map. */
  exists: Set<string>;
}

export function placeCards(
  views: Map<string, CardView>, hintId: string, frame: Frame, st: Structure, cards: readonly Card[],
  pending: ReadonlySet<string>, o: PlaceOptions,
): Placed {
  const emotion = new Set(st.lanes.filter((l) => l.kind === "emotion").map((l) => l.name));
  const byCell = new Map<string, Card[]>();
  const costs = new Map<string, number[]>();
  let curves = "";
  for (const c of cards) {
    const k = cellKey(c.stage, c.step, c.lane);
    const point = emotion.has(c.lane) && c.score != null;
    if (point) curves += `${k}\u0000${c.id}\u0000${c.score}\u0000${String(c.persona ?? "")}\u0000${c.text}\u0001`;
    const cost = cardCost(c) + (point ? POINT_NODES : 0);
    const list = byCell.get(k);
    if (list) {
      list.push(c);
      costs.get(k)!.push(cost);
    } else {
      byCell.set(k, [c]);
      costs.set(k, [cost]);
    }
  }
  const limits = cellLimits(costs, o.available, o.expanded);
  const tones = new Map(st.lanes.map((l) => [l.name, laneTone(l.name)]));
  const exists = new Set<string>();
  const shown = new Set<string>();
  for (const [k, cell] of frame.cells) {
    const list = byCell.get(k) ?? [];
    let limit = limits.get(k) ?? list.length;
    list.forEach((c, i) => {
      exists.add(c.id);
      if (i >= limit && o.keep.includes(c.id)) limit = i + 1;
    });
    const here = list.slice(0, limit);
    const els = here.map((c) => {
      shown.add(c.id);
      let v = views.get(c.id);
      if (!v) views.set(c.id, (v = createCard(hintId)));
      updateCard(v, c, pending.has(c.id), tones.get(c.lane) ?? null);
      return v.el;
    });
    reconcile(cell.list, o.arrange ? o.arrange(k, here, els) : els, o.pinned);
    setMore(cell, list.length - limit, o.expanded.has(k), limits.has(k) || o.expanded.has(k));
  }
  for (const [id, v] of views) {
    if (shown.has(id)) continue;
    v.el.remove();
    views.delete(id);
  }
  return limits.size
    ? { ids: shown, key: `${[...limits.values()].join(",")}/${shown.size}/${[...o.expanded].join(",")}`, curves, exists }
    : { ids: null, key: "", curves, exists };
}
