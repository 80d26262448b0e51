// Evidence and confidence on a card: what counts as evidence (as practice/evidence.py counts it
// for m.coverage()), how many sources a card names, and how its confidence is drawn.
// The levels, their letters and which of them back a card come from the vocabulary.
import type { Card } from "../model/types";
import { BACKING_CONFIDENCE, type Confidence, isConfidence } from "../vocabulary";

/** The card's confidence when it is one of the four levels, else null. */
export function confidenceOf(card: Card): Confidence | null {
  const c = card.confidence;
  return isConfidence(c) ? c : null;
}

function blank(v: unknown): boolean {
  if (v == null) return true;
  if (typeof v === "number") return Number.isNaN(v);
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object") return Object.keys(v).length === 0;
  return String(v).trim() === "";
}

/**
 * How many pieces of evidence a card names: a list counts its items, a text its parts
 * separated by ";" or new lines ("Interview 4; Ticket 1832" is 2), any other value 1.
 */
export function evidenceCount(v: unknown): number {
  if (blank(v)) return 0;
  if (Array.isArray(v)) return v.length;
  if (typeof v === "string") return Math.max(1, v.split(/[;\n]/).filter((p) => p.trim()).length);
  return 1;
}

/** Backed by evidence: it names some, or it was observed or reported (practice/evidence.py). */
export function isBacked(card: Card): boolean {
  const c = confidenceOf(card);
  return evidenceCount(card.evidence) > 0 || (c !== null && BACKING_CONFIDENCE.includes(c));
}

/**
 * The map tracks evidence when its cards carry an `evidence` or `confidence` column; only then
 * does a card without any get a "No evidence" mark (plain maps stay uncluttered).
 */
export function tracksEvidence(card: Card): boolean {
  return "evidence" in card || "confidence" in card;
}

/** True when the card shows the "No evidence" mark. */
export function unbacked(card: Card): boolean {
  return tracksEvidence(card) && !isBacked(card);
}
