// One card element, created once per card id and updated in place.
import type { Card } from "../model/types";
import { type Tone, toneLabel } from "../vocabulary";
import { badgeCount, badgeKey, badgesOf } from "./badges";
import { confidenceOf, evidenceCount, unbacked } from "./evidence";
import { h, toggleAttr } from "./h";

export interface CardView {
  el: HTMLElement;
  text: HTMLElement;
  score: HTMLElement | null;
  meta: HTMLElement | null;
  /** The last values written, so updates touch the DOM only when something changed. */
  last: {
    id: string; text: string; score: number | null; badges: string; pending: boolean;
    tone: Tone | null;
  } | null;
}

/** Texts longer than this (characters) carry their full text as a tooltip. */
const CLAMP_HINT = 40;

export function formatScore(score: number): string {
  return String(Math.round(score * 1000) / 1000);
}

export function createCard(hintId: string): CardView {
  const text = h("div", { class: "jw-card-text", "data-jw-card-text": true });
  const el = h("div", { class: "jw-card", tabindex: 0, role: "article", "aria-describedby": hintId }, [text]);
  return { el, text, score: null, meta: null, last: null };
}

/**
 * Elements a card costs in the DOM (for the budget): keep in step with updateCard. The delete
 * button is one per view, moved into the card under the pointer or focus (view.ts).
 */
export function cardCost(card: Card): number {
  let n = 2;
  if (card.score != null) n += 1;
  const k = badgeCount(card);
  if (k) n += 1 + k;
  return n;
}

export function updateCard(
  v: CardView, card: Card, pending: boolean, tone: Tone | null = null,
): void {
  const l = v.last;
  const badges = badgeKey(card);
  if (l && l.id === card.id && l.text === card.text && l.score === card.score && l.badges === badges &&
      l.pending === pending && l.tone === tone) return;
  const { el } = v;
  if (!l || l.id !== card.id) el.setAttribute("data-jw-card", card.id);
  if (!l || l.text !== card.text) {
    v.text.textContent = card.text;
    // Zoomed out, long text is clamped (zoom.css): the full text shows on hover, and on focus.
    const long = card.text.length > CLAMP_HINT || card.text.includes("\n") ? card.text : false;
    toggleAttr(v.text, "title", long);
    toggleAttr(el, "data-jw-full-text", long); // drawn over the card on focus (zoom.css)
  }
  if (!l || l.score !== card.score) {
    if (card.score == null) {
      v.score?.remove();
      v.score = null;
    } else {
      if (!v.score) {
        v.score = h("span", { class: "jw-card-score", "data-jw-card-score": true });
        el.insertBefore(v.score, v.text.nextSibling);
      }
      v.score.textContent = formatScore(card.score);
      v.score.setAttribute("data-score", String(card.score));
      v.score.classList.toggle("jw-neg", card.score < 0);
      v.score.classList.toggle("jw-pos", card.score > 0);
    }
  }
  const list = !l || l.badges !== badges ? badgesOf(card) : null;
  if (list) {
    v.meta?.remove();
    v.meta = null;
    if (list.length) {
      v.meta = h("div", { class: "jw-meta-row", "data-jw-card-meta": true }, list.map((b) =>
        h("span", { class: `jw-badge ${b.cls}`, title: b.label }, b.text)));
      (v.score ?? v.text).after(v.meta);
    }
    el.classList.toggle("jw-hypothesized", card.confidence === "hypothesized");
    // The card's edge shows its confidence (solid, double, dashed, dotted: styles.css).
    toggleAttr(el, "data-jw-confidence", confidenceOf(card) ?? false);
    toggleAttr(el, "data-jw-evidence", evidenceCount(card.evidence) > 0 ? "yes" : unbacked(card) ? "none" : false);
  }
  setPending(v, pending);
  const words = [tone ? `${toneLabel(tone)}:` : "", card.text.trim() || "Empty card"];
  if (card.score != null) words.push(`, score ${formatScore(card.score)}`);
  for (const b of list ?? badgesOf(card)) words.push(`; ${b.label}`);
  el.setAttribute("aria-label", words.join(" ").replace(/ ([,;])/g, "$1").trim());
  v.last = { id: card.id, text: card.text, score: card.score, badges, pending, tone };
}

/** Mark a card as waiting for its source's answer (or not), without touching the rest. */
export function setPending(v: CardView, pending: boolean): void {
  toggleAttr(v.el, "data-jw-pending", pending);
  if (pending) v.el.setAttribute("aria-busy", "true");
  else v.el.removeAttribute("aria-busy");
  if (v.last) v.last.pending = pending;
}
