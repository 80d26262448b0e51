// Presence on the board (real-time collaboration, docs/collaboration.md): a card someone else is
// editing carries `data-jw-presence="<name>"` and a mark with their display name in their
// colour; the editor of such a card opens with a warning naming them. Names are text, never
// markup. The own user's entries are never shown (the source leaves them out; checked again).
import { currentIdentity } from "../identity";
import type { Presence } from "../model/types";
import type { CardView } from "./card";
import { h } from "./h";

/** Others' entries by the card they edit (the own user left out, however the source did). */
export function presenceByCard(presence: readonly Presence[]): Map<string, Presence[]> {
  const me = currentIdentity()?.name ?? null;
  const byCard = new Map<string, Presence[]>();
  for (const p of presence) {
    if (!p.card || p.name === me) continue;
    const list = byCard.get(p.card) ?? byCard.set(p.card, []).get(p.card)!;
    if (!list.some((q) => q.name === p.name)) list.push(p);
  }
  return byCard;
}

function names(people: readonly Presence[]): string {
  const shown = people.map((p) => p.display_name || p.name);
  return shown.length < 3 ? shown.join(" and ") : `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}

/** The warning of an editor opened on a card others are editing (null: nobody else is). */
export function presenceWarning(people: readonly Presence[]): HTMLElement | null {
  if (!people.length) return null;
  const verb = people.length === 1 ? "is" : "are";
  return h("div", {
    class: "jw-presence-warning", "data-jw-presence-warning": people.map((p) => p.name).join("\n"), role: "status",
  }, `${names(people)} ${verb} editing this card too; the last change saved wins.`);
}

function mark(people: readonly Presence[]): HTMLElement {
  const el = h("div", { class: "jw-presence", "data-jw-presence-mark": true, title: `${names(people)} editing` });
  for (const p of people) {
    const chip = h("span", { class: "jw-presence-name" }, p.display_name || p.name);
    if (p.color) chip.style.setProperty("--jw-presence-color", p.color);
    el.appendChild(chip);
  }
  return el;
}

/** Marks cards others edit; `shown` remembers what each marked card shows (touch only changes). */
export function markPresence(
  cards: ReadonlyMap<string, CardView>, byCard: Map<string, Presence[]>, shown: Map<string, string>,
): void {
  for (const [id, key] of shown) {
    const people = byCard.get(id);
    const v = cards.get(id);
    if (people && v && JSON.stringify(people) === key && v.el.querySelector(":scope > [data-jw-presence-mark]")) continue;
    shown.delete(id);
    if (!v) continue;
    v.el.removeAttribute("data-jw-presence");
    v.el.style.removeProperty("--jw-presence-color");
    v.el.querySelector(":scope > [data-jw-presence-mark]")?.remove();
  }
  for (const [id, people] of byCard) {
    const v = cards.get(id);
    if (!v || shown.has(id)) continue;
    v.el.setAttribute("data-jw-presence", people[0]!.name);
    if (people[0]!.color) v.el.style.setProperty("--jw-presence-color", people[0]!.color);
    v.el.insertBefore(mark(people), v.el.firstChild);
    shown.set(id, JSON.stringify(people));
  }
}
