// "By channel": a view-only toggle that groups each cell's cards under small channel headings
// (text), in the order channels first appear among the map's cards (row order), cards without a
// channel last under "No channel": the order of Python's m.channel_matrix(). The toggle lives in
// this view only (not in the map, not in other views). Cards keep their data order within a
// group; moving a card while grouped places it before the card it was dropped on, counted in
// the data's order, so it stays in its channel's group (its channel changes by editing it).
import type { Card } from "../model/types";
import type { CellView } from "./board";
import { h } from "./h";

const NONE = "(none)";

/** A card's channel as Python's channel_of() reads it: trimmed text, or "(none)". */
export function channelOf(card: Card): string {
  const v = card.channel;
  if (v == null) return NONE;
  const t = String(v).trim();
  return t || NONE;
}

/** Channels in first-seen order (row order), "(none)" last when any card has none. */
export function channelOrder(cards: readonly Card[]): string[] {
  const seen = new Set<string>();
  for (const c of cards) seen.add(channelOf(c));
  const named = [...seen].filter((c) => c !== NONE);
  return seen.has(NONE) ? [...named, NONE] : named;
}

export class ChannelGrouping {
  on = false;
  readonly button: HTMLButtonElement;
  private rank = new Map<string, number>();
  private heads = new Map<string, HTMLElement>();

  /** `toggled` re-renders and says what happened (the status line). */
  constructor(tools: Element | null, toggled: (said: string) => void) {
    this.button = h("button", {
      type: "button", class: "jw-tool jw-channels-tool", "data-jw-group-channels": true, "aria-pressed": "false",
      title: "Group each cell's cards by channel (this view only)",
    }, "By channel");
    this.button.addEventListener("click", () => {
      this.on = !this.on;
      this.button.setAttribute("aria-pressed", String(this.on));
      toggled(this.on ? "Cards grouped by channel" : "Cards in their own order");
    });
    tools?.prepend(this.button);
  }

  /** Read the channel order of this paint (call before placing cards). */
  prepare(cards: readonly Card[]): void {
    this.rank = new Map(this.on ? channelOrder(cards).map((c, i): [string, number] => [c, i]) : []);
  }

  /** The elements of one cell: its cards as they are, or grouped under channel headings. */
  arrange(key: string, cards: readonly Card[], els: HTMLElement[]): HTMLElement[] {
    if (!this.on) return els;
    const order = cards.map((c, i) => ({ ch: channelOf(c), i }));
    order.sort((a, b) => (this.rank.get(a.ch) ?? 0) - (this.rank.get(b.ch) ?? 0) || a.i - b.i);
    const out: HTMLElement[] = [];
    let last: string | null = null;
    for (const { ch, i } of order) {
      if (ch !== last) out.push(this.heading(key, ch));
      last = ch;
      out.push(els[i]!);
    }
    return out;
  }

  private heading(key: string, ch: string): HTMLElement {
    const id = `${key}\u0000${ch}`;
    let el = this.heads.get(id);
    if (!el) {
      el = h("div", {
        class: "jw-channel-group", "data-jw-channel-group": ch, role: "heading", "aria-level": 4,
      }, ch === NONE ? "No channel" : ch);
      this.heads.set(id, el);
    }
    return el;
  }

  /**
   * A move's index in the grouped cell (counted among the shown cards without the moved one)
   * as an index in the data's order: before the same card.
   */
  dataIndex(cell: CellView, id: string, index: number, same: readonly Card[]): number {
    if (!this.on) return index;
    const shown = Array.from(cell.list.children)
      .filter((c) => c.hasAttribute("data-jw-card") && c.getAttribute("data-jw-card") !== id)
      .map((c) => c.getAttribute("data-jw-card"));
    const data = same.filter((c) => c.id !== id).map((c) => c.id);
    const before = shown[index];
    const at = before == null ? -1 : data.indexOf(before);
    return at >= 0 ? at : data.length;
  }

  /** Forget headings of cells that no longer exist (a new frame). */
  reset(): void {
    this.heads.clear();
  }
}
