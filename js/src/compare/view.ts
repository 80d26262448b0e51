// The compare view: a summary of the changes above two read-only maps (before, then after),
// each a MapView over its own Store and read-only side model, with the changed cards marked.
import { cellKey } from "../columns";
import { Store } from "../store";
import { h } from "../view/h";
import { nextFrame, type Scheduler } from "../view/schedule";
import { MapView } from "../view/view";
import { shareZoom } from "../view/zoomview";
import { type Change, homeSide, type Mark, marksFor, normalizeChanges, normalizeEmotion, type Side } from "./changes";
import { decorateCard } from "./decorate";
import { sideModel, type TraitSource } from "./model";
import { renderSummary } from "./summary";

const SIDES: readonly Side[] = ["before", "after"];
/** Traits whose change redraws the summary and the marks (`before`/`after` redraw their map). */
const TRAITS = ["changes", "emotion", "revision"] as const;

export interface CompareOptions {
  schedule?: Scheduler;
}

export class CompareView {
  readonly root: HTMLElement;
  readonly views: Record<Side, MapView>;
  readonly stores: Record<Side, Store>;
  readonly summary = h("div", { class: "jw-compare-summary", "data-jw-compare-summary": true, role: "region", "aria-label": "Changes" });
  changes: Change[] = [];
  private marks: Record<Side, Map<string, Mark>> = { before: new Map(), after: new Map() };
  private labels: Record<Side, HTMLElement>;
  private sides: Record<Side, ReturnType<typeof sideModel>>;
  private schedule: Scheduler;
  private cancel: (() => void) | null = null;
  private off: () => void;

  constructor(host: HTMLElement, private model: TraitSource, opts: CompareOptions = {}) {
    this.schedule = opts.schedule ?? nextFrame;
    this.sides = { before: sideModel(model, "before"), after: sideModel(model, "after") };
    this.changes = normalizeChanges(model.get("changes"));
    for (const side of SIDES) this.marks[side] = marksFor(this.changes, side);
    this.root = h("div", { class: "jw-root jw-compare", "data-jw-compare": true, "data-lm-suppress-shortcuts": "true" }, [this.summary]);
    host.appendChild(this.root);
    const labels = {} as Record<Side, HTMLElement>;
    const stores = {} as Record<Side, Store>;
    const views = {} as Record<Side, MapView>;
    const zoom = shareZoom(); // both maps at one scale: the smaller fit, or the zoom chosen on either
    for (const side of SIDES) {
      labels[side] = h("h3", { class: "jw-compare-label", "data-jw-compare-label": side });
      const section = h("section", { class: `jw-compare-side jw-compare-${side}`, "data-jw-compare-side": side }, [labels[side]]);
      this.root.appendChild(section);
      stores[side] = new Store(this.sides[side], `c${side[0]}`);
      views[side] = new MapView(section, stores[side], {
        schedule: this.schedule,
        zoom,
        decorate: (card, el) => decorateCard(el, this.marks[side].get(card.id)),
      });
    }
    [this.labels, this.stores, this.views] = [labels, stores, views];
    const request = () => this.request();
    for (const t of TRAITS) model.on(`change:${t}`, request);
    this.off = () => {
      for (const t of TRAITS) model.off(`change:${t}`, request);
    };
    this.refresh();
  }

  destroy(): void {
    this.cancel?.();
    this.off();
    for (const side of SIDES) {
      this.views[side].destroy();
      this.stores[side].destroy();
    }
    this.root.remove();
  }

  /** Redraw the summary and both maps' marks from the traits (now). */
  refresh(): void {
    this.cancel?.();
    this.cancel = null;
    this.changes = normalizeChanges(this.model.get("changes"));
    for (const side of SIDES) {
      this.marks[side] = marksFor(this.changes, side);
      this.labels[side].textContent = this.sides[side].label();
    }
    const labels: [string, string] = [this.sides.before.label(), this.sides.after.label()];
    renderSummary(this.summary, this.changes, normalizeEmotion(this.model.get("emotion")), { labels, show: (c) => this.show(c) });
    for (const side of SIDES) this.views[side].flush();
    this.root.setAttribute("data-jw-compare-revision", String(Number(this.model.get("revision")) || 0));
  }

  /** The element of a card in one map, expanding its cell first when the budget hid it. */
  cardEl(side: Side, id: string): HTMLElement | null {
    const view = this.views[side];
    let el = view.cardView(id)?.el ?? null;
    const card = el ? null : this.stores[side].cards().find((c) => c.id === id);
    if (card) {
      view.expanded.add(cellKey(card.stage, card.step, card.lane));
      view.flush();
      el = view.cardView(id)?.el ?? null;
    }
    return el;
  }

  /** Bring a change's card into view and focus it (a moved or edited card in both maps). */
  show(c: Change): void {
    const home = homeSide(c);
    const both = c.change === "moved" || c.change === "edited";
    const before = both ? this.cardEl("before", c.id) : null;
    const el = this.cardEl(home, c.id);
    for (const x of [before, el]) if (x && typeof x.scrollIntoView === "function") x.scrollIntoView({ block: "nearest", inline: "center" });
    el?.focus({ preventScroll: true });
  }

  private request(): void {
    if (this.cancel) return;
    let ran = false;
    const cancel = this.schedule(() => {
      ran = true;
      this.cancel = null;
      this.refresh();
    });
    if (!ran) this.cancel = cancel;
  }
}
