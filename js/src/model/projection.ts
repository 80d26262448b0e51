// What a view receives from a document (a JourneyDoc): the structure and, of each card, the
// view's columns (the core ones and the optional ones the map has), like the widget's traits.
// Parts that did not change keep their identity, so the view redraws only what changed.
import { CORE_COLUMNS, type JourneyDoc, OPTIONAL_COLUMNS } from "./journeyfile";
import { normalizeCards, normalizeStructure } from "./normalize";
import type { Card, Structure } from "./types";

export interface Projection {
  doc: JourneyDoc | null;
  structure: Structure;
  cards: Card[];
}

/** The projection of `doc`, reusing the parts of `prev` (the last one) that are the same. */
export function projectDoc(doc: JourneyDoc | null, prev: Projection | null): Projection {
  if (prev?.doc === doc) return prev;
  if (!doc) return { doc, structure: normalizeStructure({}), cards: [] };
  const { title, persona, state, stages, lanes, scale } = doc;
  const names = doc.columns.map((c) => c.name);
  const keep = [...CORE_COLUMNS, ...OPTIONAL_COLUMNS.filter((c) => names.includes(c))];
  const old = prev?.doc;
  const cards = old && old.cards === doc.cards && old.columns === doc.columns
    ? prev.cards
    : normalizeCards(doc.cards.map((c) => Object.fromEntries(keep.map((k) => [k, c[k] ?? null]))));
  const structure = old && old.stages === stages && old.lanes === lanes && old.title === title &&
    old.persona === persona && old.state === state && old.scale === scale
    ? prev.structure
    : normalizeStructure({ title, persona, state, stages, lanes, scale });
  return { doc, structure, cards };
}
