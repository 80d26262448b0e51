// Operations applied to a card list exactly as the Python model applies them.
// Row order inside one (stage, step, lane) cell is the on-screen order.
import type { Card, CardOp, HistoryOp, Op, ParticipationOp } from "./model/types";
import { applyMetaOp, isMetaOp } from "./meta";
import { applyStructureOp, type MapState } from "./structure";

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
export function applyOp(cards: readonly Card[], op: CardOp, newId = ""): readonly Card[] {
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

/** True for the operations that change cards only. */
export function isCardOp(op: Op): op is CardOp {
  return op.kind === "edit" || op.kind === "add" || op.kind === "delete" || op.kind === "move";
}

const PARTICIPATION = new Set(["add_comment", "resolve_comment", "start_voting", "vote", "end_voting"]);

/** Comments and votes: they change no card or structure, the view draws them when they come. */
export function isParticipationOp(op: Op): op is ParticipationOp {
  return PARTICIPATION.has(op.kind);
}

export function isHistoryOp(op: Op): op is HistoryOp {
  return op.kind === "undo" || op.kind === "redo";
}

/**
 * The state with any operation applied: card ops and batches to the cards, structure ops to
 * both; undo and redo change nothing here (only Python knows the history).
 */
export function applyToState(state: MapState, op: Op, newId = ""): MapState {
  if (isCardOp(op)) return { structure: state.structure, cards: applyOp(state.cards, op, newId) };
  if (op.kind === "batch") {
    let cards = state.cards;
    for (const o of op.ops) cards = applyOp(cards, o, newId);
    return { structure: state.structure, cards };
  }
  if (isHistoryOp(op) || isParticipationOp(op)) return state;
  if (isMetaOp(op)) return applyMetaOp(state, op);
  return applyStructureOp(state, op);
}

/** The ids of the existing cards an operation touches (an `add`'s card has none yet). */
export function opCardIds(op: Op): string[] {
  if (op.kind === "batch") return op.ops.flatMap(opCardIds);
  if (op.kind === "edit" || op.kind === "delete" || op.kind === "move") return [op.id];
  return [];
}
