// One card element, created once per card id and updated in place.
import type { Card } from "../model/types";
import { h, toggleAttr } from "./h";

export interface CardView {
  el: HTMLElement;
  text: HTMLElement;
  score: HTMLElement | null;
  del: HTMLButtonElement | null;
  /** The last values written, so updates touch the DOM only when something changed. */
  last: { id: string; text: string; score: number | null; pending: boolean; readOnly: boolean } | null;
}

export function formatScore(score: number): string {
  return String(Math.round(score * 1000) / 1000);
}

export function createCard(hintId: string): CardView {
  const text = h("div", { class: "jw-card-text", "data-jw-card-text": true });
  const el = h("div", { class: "jw-card", tabindex: 0, role: "article", "aria-describedby": hintId }, [text]);
  return { el, text, score: null, del: null, last: null };
}

export function updateCard(v: CardView, card: Card, pending: boolean, readOnly: boolean): void {
  const l = v.last;
  if (l && l.id === card.id && l.text === card.text && l.score === card.score &&
      l.pending === pending && l.readOnly === readOnly) return;
  const { el } = v;
  if (!l || l.id !== card.id) el.setAttribute("data-jw-card", card.id);
  if (!l || l.text !== card.text) v.text.textContent = card.text;
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
  if (!l || l.readOnly !== readOnly) {
    if (readOnly) {
      v.del?.remove();
      v.del = null;
    } else if (!v.del) {
      v.del = h("button", {
        type: "button", class: "jw-delete", "data-jw-delete": true,
        "aria-label": "Delete card", title: "Delete card", tabindex: -1,
      }, "\u00d7");
      el.appendChild(v.del);
    }
  }
  toggleAttr(el, "data-jw-pending", pending);
  if (pending) el.setAttribute("aria-busy", "true");
  else el.removeAttribute("aria-busy");
  const label = card.text.trim() || "Empty card";
  el.setAttribute("aria-label", card.score == null ? label : `${label}, score ${formatScore(card.score)}`);
  v.last = { id: card.id, text: card.text, score: card.score, pending, readOnly };
}
