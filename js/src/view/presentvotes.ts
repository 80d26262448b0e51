// Presentation mode after a revealed dot-voting round: step through the top-voted cards. The
// bar's `button[data-jw-present-votes]` (or V) turns it on and off; while on, Right/Page Down and
// Left/Page Up step from the most voted card down (ties: card order of the map), the card gets
// `data-jw-spotlight` (the others are dimmed), its stage is the current one and every lane shows.
import type { Store } from "../store";
import { h } from "./h";
import { lastRevealed } from "./marks";

/** What the spotlight needs from presentation mode. */
export interface SpotlightHost {
  root: HTMLElement;
  store: Store;
  announce(msg: string): void;
  /** Make the stage of the spotlit card the current one, every lane shown. */
  showStage(stage: string): void;
}

/** The cards of the last revealed round, most votes first (ties in the map's card order). */
export function ranked(store: Store): Array<{ id: string; votes: number }> {
  const p = store.participation();
  const last = lastRevealed(p);
  if (!last) return [];
  const order = new Map(store.cards().map((c, i) => [c.id, i]));
  return p.totals
    .filter((t) => t.round === last.round && t.votes > 0 && order.has(t.card))
    .sort((a, b) => b.votes - a.votes || order.get(a.card)! - order.get(b.card)!)
    .map((t) => ({ id: t.card, votes: t.votes }));
}

export class VoteSpotlight {
  active = false;
  index = 0;
  readonly button = h("button", {
    type: "button", class: "jw-tool", "data-jw-present-votes": true, "aria-pressed": "false",
    title: "Step through the top-voted cards of the last round (V)",
  }, "Top votes");

  constructor(private v: SpotlightHost) {
    this.button.addEventListener("click", () => this.toggle());
  }

  toggle(): void {
    if (this.active) return this.stop();
    if (!ranked(this.v.store).length) return this.v.announce("No revealed votes to present");
    this.active = true;
    this.index = 0;
    this.show();
  }

  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.apply();
    this.v.announce("Back to stages");
  }

  /** Step to the next (+1) or previous (-1) card; false at the ends. */
  step(by: number): boolean {
    const n = ranked(this.v.store).length;
    const to = Math.min(Math.max(this.index + by, 0), Math.max(n - 1, 0));
    if (to === this.index) {
      this.v.announce(by > 0 ? "Last voted card" : "Most voted card");
      return false;
    }
    this.index = to;
    this.show();
    return true;
  }

  /** Mark the spotlit card (after each paint); nothing while off. */
  apply(): { id: string; votes: number; of: number } | null {
    const { root, store } = this.v;
    const list = ranked(store);
    this.button.hidden = !list.length;
    const cur = this.active ? list[Math.min(this.index, list.length - 1)] : undefined;
    root.toggleAttribute("data-jw-present-votes", cur != null);
    this.button.setAttribute("aria-pressed", String(cur != null));
    for (const el of root.querySelectorAll("[data-jw-spotlight]")) {
      if (el.getAttribute("data-jw-card") !== cur?.id) el.removeAttribute("data-jw-spotlight");
    }
    if (!cur) return null;
    const el = root.querySelector<HTMLElement>(`[data-jw-card="${CSS.escape(cur.id)}"]`);
    el?.setAttribute("data-jw-spotlight", "");
    return { ...cur, of: list.length };
  }

  private show(): void {
    const list = ranked(this.v.store);
    const cur = list[this.index];
    if (!cur) return this.stop();
    const card = this.v.store.cards().find((c) => c.id === cur.id);
    if (card) this.v.showStage(card.stage);
    const el = this.v.root.querySelector<HTMLElement>(`[data-jw-card="${CSS.escape(cur.id)}"]`);
    el?.scrollIntoView?.({ block: "nearest", inline: "center" });
    const text = card?.text.trim() || "Empty card";
    this.v.announce(`Top ${this.index + 1} of ${list.length}: ${text}, ${cur.votes} vote${cur.votes === 1 ? "" : "s"}`);
  }
}
