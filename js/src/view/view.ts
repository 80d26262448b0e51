// The map view: renders the store into a board, reuses card elements by id, and turns
// clicks and keys into proposed operations. Knows nothing about anywidget.
import { cellKey, deriveColumns } from "../columns";
import type { Card } from "../model/types";
import type { LastError, Store, StoreEvent } from "../store";
import { renderBanner } from "./banner";
import { buildFrame, COLUMN_WIDTH, frameKey, type Frame } from "./board";
import { createCard, type CardView, updateCard } from "./card";
import { drawCurve } from "./curve";
import { EditSession } from "./editing";
import { renderHead } from "./head";
import { h } from "./h";
import { reconcile } from "./reconcile";
import { nextFrame, type Scheduler } from "./schedule";

export type { Scheduler } from "./schedule";

export interface ViewOptions {
  schedule?: Scheduler;
}

let instances = 0;

export class MapView {
  readonly root: HTMLElement;
  private head = h("div", { class: "jw-head", role: "caption" });
  private banner = h("div", { class: "jw-banner" });
  private hint: HTMLElement;
  private scroll = h("div", { class: "jw-scroll" });
  private frame: Frame | null = null;
  private key = "";
  private cards = new Map<string, CardView>();
  private editing: EditSession;
  private openOnAck = new Set<string>();
  private wantEditor: string | null = null;
  private focusNext: HTMLElement | null = null;
  private shownError: LastError | null | undefined;
  private curveInput: unknown[] = [];
  private rendering = false;
  private dirty = false;
  private cancel: (() => void) | null = null;
  private schedule: Scheduler;
  private offStore: () => void;

  constructor(host: HTMLElement, private store: Store, opts: ViewOptions = {}) {
    this.schedule = opts.schedule ?? nextFrame;
    this.editing = new EditSession(store, () => this.rendering, () => this.flush());
    const hintId = `jw-hint-${++instances}-${store.prefix}`;
    this.hint = h("div", { id: hintId, class: "jw-sr-only" });
    // data-lm-suppress-shortcuts: keys pressed inside the map (Enter, Delete, letters) must not
    // reach JupyterLab's notebook shortcuts (enter edit mode, "d d" deletes the cell, ...).
    this.root = h("div", {
      class: "jw-root", "data-jw-root": true, role: "table", "data-lm-suppress-shortcuts": "true",
    },
      [this.head, this.banner, this.hint, this.scroll]);
    this.root.style.setProperty("--jw-col-width", `${COLUMN_WIDTH}px`);
    this.root.addEventListener("click", (e) => this.onClick(e));
    this.root.addEventListener("dblclick", (e) => this.onDblClick(e));
    this.root.addEventListener("keydown", (e) => this.onKeyDown(e));
    this.offStore = store.subscribe((e) => this.onStore(e));
    host.appendChild(this.root);
    this.render();
  }

  destroy(): void {
    this.cancel?.();
    this.offStore();
    this.editing.close(false);
    this.root.remove();
  }

  /** Render now (instead of at the next frame). */
  flush(): void {
    this.cancel?.();
    this.cancel = null;
    this.render();
  }

  private requestRender(): void {
    if (this.rendering) this.dirty = true;
    if (this.rendering || this.cancel) return;
    let ran = false;
    const cancel = this.schedule(() => {
      ran = true;
      this.cancel = null;
      this.render();
    });
    if (!ran) this.cancel = cancel;
  }

  private onStore(e: StoreEvent): void {
    if (e.type === "ack") {
      if (this.openOnAck.delete(e.opId) && e.id) this.wantEditor = e.id;
      const temp = e.tempId ? this.cards.get(e.tempId) : undefined;
      if (temp && e.id) {
        // Keep the element the user saw for the new card; it now carries the real id.
        this.cards.delete(e.tempId!);
        if (this.cards.has(e.id)) temp.el.remove();
        else this.cards.set(e.id, temp);
      }
    } else if (e.type === "reject") {
      this.openOnAck.delete(e.opId);
    }
    this.requestRender();
  }

  private render(): void {
    if (this.rendering) {
      this.dirty = true;
      return;
    }
    this.rendering = true;
    try {
      do {
        this.dirty = false;
        this.paint();
      } while (this.dirty);
    } finally {
      this.rendering = false;
    }
    this.afterRender();
  }

  private paint(): void {
    const { store } = this;
    const st = store.structure();
    const cards = store.cards();
    const readOnly = store.readOnly();
    const revision = store.revision();
    const pending = store.pendingIds();
    const columns = deriveColumns(st, cards);
    const doc = this.root.ownerDocument;
    const active = doc.activeElement instanceof HTMLElement && this.root.contains(doc.activeElement)
      ? doc.activeElement : null;
    const sel: [number, number] | null = active instanceof HTMLTextAreaElement
      ? [active.selectionStart, active.selectionEnd] : null;

    if (readOnly) {
      this.editing.abandon("The map became read-only while you were editing; your change was not saved.");
    }
    const key = frameKey(st, columns, readOnly);
    if (key !== this.key || !this.frame) {
      const frame = buildFrame(st, columns, readOnly);
      if (this.frame) this.frame.el.replaceWith(frame.el);
      else this.scroll.appendChild(frame.el);
      this.frame = frame;
      this.key = key;
      this.curveInput = [];
    }
    renderHead(this.head, st);
    this.root.setAttribute("aria-label", st.title || "Customer journey map");
    this.hint.textContent = readOnly
      ? "Read only."
      : "Press Enter or double-click to edit the card, Delete to remove it.";

    // Cards, cell by cell, reusing elements by id.
    const byCell = new Map<string, Card[]>();
    for (const c of cards) {
      const k = cellKey(c.stage, c.step, c.lane);
      const list = byCell.get(k);
      if (list) list.push(c);
      else byCell.set(k, [c]);
    }
    const pinned = active?.closest<HTMLElement>("[data-jw-card]") ?? null;
    const seen = new Set<string>();
    for (const [k, cell] of this.frame.cells) {
      const els = (byCell.get(k) ?? []).map((c) => {
        seen.add(c.id);
        let v = this.cards.get(c.id);
        if (!v) this.cards.set(c.id, (v = createCard(this.hint.id)));
        updateCard(v, c, pending.has(c.id), readOnly);
        return v.el;
      });
      reconcile(cell.list, els, pinned);
    }
    for (const [id, v] of this.cards) {
      if (seen.has(id)) continue;
      if (this.editing.cardId === id) {
        this.editing.abandon("This card was deleted (or its stage, step or lane removed) while you were editing it; your change was not saved.");
      }
      v.el.remove();
      this.cards.delete(id);
    }

    const input = [cards, columns, st.scale];
    if (input.some((x, i) => x !== this.curveInput[i])) {
      for (const [lane, svg] of this.frame.curves) drawCurve(svg, lane, columns, cards, st.scale, COLUMN_WIDTH);
      this.curveInput = input;
    }
    if (store.error !== this.shownError) {
      renderBanner(this.banner, store.error);
      this.shownError = store.error;
    }
    if (active && active.isConnected && doc.activeElement !== active) {
      active.focus({ preventScroll: true });
      if (sel && active instanceof HTMLTextAreaElement) active.setSelectionRange(sel[0], sel[1]);
    }
    this.root.setAttribute("data-jw-revision", String(revision));
  }

  private afterRender(): void {
    const id = this.wantEditor;
    this.wantEditor = null;
    if (id && this.cards.has(id)) this.openEditor(id, true);
    const next = this.focusNext;
    this.focusNext = null;
    if (next?.isConnected) next.focus();
  }

  // ---- user actions ----------------------------------------------------------------------

  private onClick(e: MouseEvent): void {
    const t = e.target as Element;
    const card = t.closest<HTMLElement>("[data-jw-card]");
    if (t.closest("[data-jw-error-dismiss]")) this.store.dismissError();
    else if (t.closest("[data-jw-add]")) this.addCard(t.closest("[data-jw-cell]"));
    else if (t.closest("[data-jw-delete]") && card) this.deleteCard(card);
    else {
      const point = t.closest("[data-jw-point]")?.getAttribute("data-jw-point");
      if (point) this.cards.get(point)?.el.focus();
    }
  }

  private onDblClick(e: MouseEvent): void {
    const t = e.target as Element;
    const card = t.closest<HTMLElement>("[data-jw-card]");
    if (card && !t.closest(".jw-editor, [data-jw-delete]")) this.openEditor(card.getAttribute("data-jw-card")!);
  }

  private onKeyDown(e: KeyboardEvent): void {
    const t = e.target as HTMLElement;
    if (!t.hasAttribute("data-jw-card") || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "Enter" || e.key === "F2") {
      e.preventDefault();
      this.openEditor(t.getAttribute("data-jw-card")!);
    } else if (e.key === "Delete") {
      e.preventDefault();
      this.deleteCard(t);
    }
  }

  private addCard(cellEl: Element | null): void {
    const cell = cellEl && this.frame?.byEl.get(cellEl);
    if (!cell) return;
    const opId = this.store.propose({
      kind: "add", stage: cell.stage, step: cell.step, lane: cell.lane, text: "New card", index: null,
    });
    if (opId) this.openOnAck.add(opId);
    this.flush();
  }

  private deleteCard(el: HTMLElement): void {
    const id = el.getAttribute("data-jw-card")!;
    if (this.store.isTemporary(id)) return;
    const next = (el.nextElementSibling ?? el.previousElementSibling ??
      el.closest("[data-jw-cell]")?.querySelector("[data-jw-add]")) as HTMLElement | null;
    if (this.editing.cardId === id) this.editing.close(false);
    if (!this.store.propose({ kind: "delete", id })) return;
    this.focusNext = next;
    this.flush();
  }

  private openEditor(id: string, selectAll = false): void {
    const v = this.cards.get(id);
    const card = this.store.cards().find((c) => c.id === id);
    if (!v || !card || this.store.readOnly() || this.store.isTemporary(id)) return;
    const st = this.store.structure();
    const kind = st.lanes.find((l) => l.name === card.lane)?.kind ?? "text";
    this.editing.open(v, card, kind, st.scale, selectAll);
  }
}
