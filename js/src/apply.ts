// Operations applied to a card list exactly as the Python model applies them.
// Row order inside one (stage, step, lane) cell is the on-screen order.
import type { Card, Op } from "./model/types";

function inCell(c: Card, stage: string, step: string | null, lane: string): boolean {
  return c.stage === stage && c.lane === lane && (c.step ?? null) === step;
}

/**
 * The row at which a card lands as the `index`-th card of a cell: before the card now at
 * that index, else right after the cell's last card, else at the end of the table.
 */
export function insertionRow(
  cards: readonly Card[],
  stage: string,
  step: string | null,
  lane: string,
  index: number | null,
): number {
  const rows: number[] = [];
  cards.forEach((c, i) => {
    if (inCell(c, stage, step, lane)) rows.push(i);
  });
  const at = index == null ? rows.length : Math.max(0, index);
  if (at < rows.length) return rows[at]!;
  return rows.length ? rows[rows.length - 1]! + 1 : cards.length;
}

/** A new list with `op` applied; `newId` names the card an `add` creates. Unknown ids are no-ops. */
export function applyOp(cards: readonly Card[], op: Op, newId = ""): readonly Card[] {
  switch (op.kind) {
    case "edit": {
      const i = cards.findIndex((c) => c.id === op.id);
      if (i < 0) return cards;
      const out = cards.slice();
      out[i] = { ...cards[i]!, [op.field]: op.value };
      return out;
    }
    case "delete": {
      const out = cards.filter((c) => c.id !== op.id);
      return out.length === cards.length ? cards : out;
    }
    case "add": {
      const card: Card = {
        id: newId, stage: op.stage, step: op.step, lane: op.lane, text: op.text, score: null,
      };
      const out = cards.slice();
      out.splice(insertionRow(cards, op.stage, op.step, op.lane, op.index), 0, card);
      return out;
    }
    case "move": {
      // The card leaves its cell first; `index` is its position in the target cell after that.
      const i = cards.findIndex((c) => c.id === op.id);
      if (i < 0) return cards;
      const moved: Card = { ...cards[i]!, stage: op.stage, step: op.step, lane: op.lane };
      const out = cards.slice(0, i).concat(cards.slice(i + 1));
      out.splice(insertionRow(out, op.stage, op.step, op.lane, op.index), 0, moved);
      return out;
    }
  }
}

/** The id of the card an operation touches (`add` has none until it is applied). */
export function opCardId(op: Op): string | null {
  return op.kind === "add" ? null : op.id;
}
