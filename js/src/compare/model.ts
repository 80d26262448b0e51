// A read-only MapModel over one map of the CompareView widget: its `before` or `after` trait
// ({label, structure, cards, participation}) and the shared `revision`. It never proposes
// anything; its comments and revealed votes show as counts on the cards.
import { normalizeCards, normalizeStructure } from "../model/normalize";
import { readParticipation } from "../model/participation";
import type { Card, MapModel, Participation, Structure } from "../model/types";

/** Just what the compare view reads from an anywidget model (tests pass a small fake). */
export interface TraitSource {
  get(name: string): unknown;
  on(event: string, cb: () => void): void;
  off(event: string, cb: () => void): void;
}

export function sideModel(model: TraitSource, side: "before" | "after"): MapModel & { label(): string } {
  // The trait is replaced, never mutated: cache by identity.
  let raw: unknown;
  let structure: Structure = normalizeStructure(null);
  let cards: Card[] = [];
  let participation: Participation = readParticipation(null);
  const read = () => {
    const now = model.get(side);
    if (now !== raw) {
      raw = now;
      const o = (now ?? {}) as Record<string, unknown>;
      structure = normalizeStructure(o.structure);
      cards = normalizeCards(o.cards);
      participation = readParticipation(o.participation);
    }
    return (now ?? {}) as Record<string, unknown>;
  };
  return {
    label: () => {
      const l = read().label;
      return typeof l === "string" ? l : side === "before" ? "Before" : "After";
    },
    getStructure: () => (read(), structure),
    getCards: () => (read(), cards),
    getParticipation: () => (read(), participation),
    getRevision: () => Number(model.get("revision")) || 0,
    isReadOnly: () => true,
    onChange(cb) {
      const handler = () => cb();
      model.on(`change:${side}`, handler);
      return () => model.off(`change:${side}`, handler);
    },
    propose() {
      // Read-only: the store never proposes on a read-only model (store.ts).
    },
    onReply() {
      return () => {};
    },
  };
}
