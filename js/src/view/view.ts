// The map view: renders the store into a board, reuses card elements by id, keeps the DOM under
// its budget by collapsing big cells, and wires the controllers that turn pointer and keyboard
// input into proposed operations. Knows nothing about anywidget.
import { opCardIds } from "../apply";
import { deriveColumns } from "../columns";
import type { Card, FileStatus, Finding } from "../model/types";
import type { LastError, Store, StoreEvent } from "../store";
import { Actions } from "./actions";
import { renderBanner } from "./banner";
import { renderFileStatus, sameFileStatus } from "./filestatus";
import { COLUMN_WIDTH, setGeometry } from "../vocabulary";
import { buildFrame, frameKey, type Frame } from "./board";
import { countElements, NODE_BUDGET } from "./budget";
import { type CardView, setPending } from "./card";
import { drawCurve } from "./curve";
import { CurveDrag } from "./curvedrag";
import { CardDrag } from "./drag";
import { HeaderDrag } from "./headerdrag";
import { EditSession } from "./editing";
import { Caption } from "./head";
import { StructureEditor } from "./headers";
import { h } from "./h";
import { FindingsPanel } from "./findings";
import { Popups } from "./popup";
import { ParticipationView } from "./participation";
import { Presenter } from "./present";
import { markPresence, presenceByCard } from "./presence";
import { syncPrompts } from "./prompts";
import { StageMetricsView } from "./stagemetrics";
import { ChannelGrouping } from "./channels";
import { placeCards } from "./place";
import { type OverlaySource, OverlayView } from "./overlay";
import { nextFrame, type Scheduler } from "./schedule";
import { createToolbar, type Toolbar } from "./toolbar";
import { Overview } from "./overview";
import { type ZoomShare, ZoomControl } from "./zoomview";

export type { Scheduler } from "./schedule";

export interface ViewOptions {
  schedule?: Scheduler;
  /** Live DOM elements to stay under (tests lower it). */
  budget?: number;
  /** Chart images drawn under the board (the widget's `overlays` trait; see overlay.ts). */
  overlays?: OverlaySource;
  /** Called after each render for every card shown, to mark it (the compare view's changes). */
  decorate?: (card: Card, el: HTMLElement) => void;
  /** Runs the map checks where the map lives (MapModel.check); without it there is no Check button. */
  check?: () => Promise<Finding[]>;
  /** A zoom shared with other views (the compare view's two maps); else the view's own. */
  zoom?: ZoomShare;
}

/** Elements outside the frame and the cards: caption, toolbar, banner, hint (a generous count). */
const CHROME_NODES = 40;

let instances = 0;

export class MapView {
  readonly root: HTMLElement;
  readonly store: Store;
  readonly toolbar: Toolbar;
  readonly editing: EditSession;
  readonly structure: StructureEditor;
  readonly popups: Popups;
  /** Presentation mode (present.ts) and the findings of the map checks (findings.ts). */
  readonly presenter: Presenter;
  readonly findings: FindingsPanel | null;
  /** Comments and dot voting (participation.ts): card marks, the comment panel, the voting bar. */
  readonly participation: ParticipationView;
  /** The board's zoom (fit to the output's width by default) and the overview strip (issue 19). */
  readonly zoom: ZoomControl;
  readonly overview: Overview;
  readonly scroll = h("div", { class: "jw-scroll" });
  /** Cells the user expanded past the budget, by cellKey. */
  readonly expanded = new Set<string>();
  /** Ids of added cards whose editor opens once the kernel names them. */
  readonly openOnAck = new Set<string>();
  focusNext: HTMLElement | null = null;
  private head = h("div", { class: "jw-head" });
  /** The caption: title, persona and state, editable when the map is (head.ts). */
  readonly caption: Caption;
  private banner = h("div", { class: "jw-banner" });
  /** The bound file's status (`jw.open`); hidden for maps not bound to a file. */
  private fileStatus = h("div", { class: "jw-file-status", "data-jw-file-status": true, hidden: true });
  private hint: HTMLElement;
  /** One delete button, moved into the card under the pointer or focus (one element, not one per card). */
  private del = h("button", {
    type: "button", class: "jw-delete", "data-jw-delete": true, "aria-label": "Delete card", title: "Delete card", tabindex: -1,
  });
  private frameView: Frame | null = null;
  private key = "";
  private frameNodes = 0;
  private cards = new Map<string, CardView>();
  private cardDrag: CardDrag;
  private curveDrag: CurveDrag;
  private headerDrag: HeaderDrag;
  private actions: Actions;
  private wantEditor: string | null = null;
  private shownError: LastError | null | undefined;
  private shownFile: FileStatus | null | undefined;
  private curveInput: unknown[] = [];
  private rendering = false;
  private dirty = false;
  private cancel: (() => void) | null = null;
  private schedule: Scheduler;
  private budget: number;
  private offStore: () => void;
  private overlays: OverlayView | null;
  private decorate: ViewOptions["decorate"];
  /** Cards marked as edited by someone else, and what their mark shows (presence.ts). */
  private presenceShown = new Map<string, string>();
  /** Latest metric values, changes and sparklines in the stage headers; the journey score (stagemetrics.ts). */
  private living = new StageMetricsView();
  /** The "By channel" toggle: this view's own setting, never saved in the map (channels.ts). */
  readonly channels: ChannelGrouping;

  constructor(host: HTMLElement, store: Store, opts: ViewOptions = {}) {
    this.store = store;
    this.schedule = opts.schedule ?? nextFrame;
    this.budget = opts.budget ?? NODE_BUDGET;
    this.overlays = opts.overlays ? new OverlayView(opts.overlays) : null;
    this.decorate = opts.decorate;
    this.editing = new EditSession(store, () => this.rendering, () => this.flush());
    const hintId = `jw-hint-${++instances}-${store.prefix}`;
    this.hint = h("div", { id: hintId, class: "jw-sr-only" });
    this.toolbar = createToolbar();
    // data-lm-suppress-shortcuts: keys pressed inside the map (Enter, Delete, letters) must not
    // reach JupyterLab's notebook shortcuts (enter edit mode, "d d" deletes the cell, ...).
    this.root = h("div", {
      class: "jw-root", "data-jw-root": true, role: "region", "data-lm-suppress-shortcuts": "true",
    }, [this.head, this.toolbar.el, this.fileStatus, this.banner, this.hint, this.scroll]);
    setGeometry(this.root); // --jw-col-width etc. from the vocabulary (styles.css reads them)
    this.popups = new Popups(this.root);
    const announce = (msg: string) => this.announce(msg);
    this.zoom = new ZoomControl({ root: this.root, scroll: this.scroll, frame: () => this.frameView, announce }, opts.zoom);
    this.toolbar.el.insertBefore(this.zoom.tools, this.toolbar.status);
    this.channels = new ChannelGrouping(this.toolbar.el.querySelector(".jw-practice-tools"), (said) => {
      this.flush();
      announce(said);
    });
    this.overview = new Overview({ scroll: this.scroll, announce });
    this.scroll.before(this.overview.el);
    this.zoom.onChange = () => this.overview.update(this.frameView, this.zoom.overflow, this.zoom.scale);
    this.caption = new Caption(this.head, { store, flush: () => this.flush(), announce });
    this.structure = new StructureEditor({ store, popups: this.popups, frame: () => this.frameView, flush: () => this.flush(), announce });
    this.cardDrag = new CardDrag({
      root: this.root, scroll: this.scroll, store, frame: () => this.frameView,
      move: (id, cell, index) => this.actions.moveCard(id, cell, index), flush: () => this.flush(),
    });
    this.headerDrag = new HeaderDrag({
      root: this.root, scroll: this.scroll, store, frame: () => this.frameView,
      move: (t, index) => this.structure.moveTo(t, index),
    });
    this.curveDrag = new CurveDrag(this.root, store, () => this.flush(), announce, (id) => this.cards.get(id)?.el.focus());
    this.actions = new Actions(this);
    this.presenter = new Presenter(this);
    this.participation = new ParticipationView(this);
    this.findings = opts.check ? new FindingsPanel(this, opts.check, this.toolbar.el) : null;
    this.toolbar.check.hidden = !this.findings;
    this.toolbar.check.addEventListener("click", () => void this.findings?.run());
    this.toolbar.present.addEventListener("click", () => this.presenter.toggle());
    const offer = (e: Event) => this.offerDelete((e.target as Element).closest?.("[data-jw-card]") ?? null);
    this.root.addEventListener("mouseover", offer);
    this.root.addEventListener("focusin", offer);
    this.offStore = store.subscribe((e) => this.onStore(e));
    host.appendChild(this.root);
    this.render();
  }

  destroy(): void {
    this.cancel?.();
    this.offStore();
    this.zoom.destroy();
    this.overlays?.destroy();
    this.presenter.destroy();
    this.participation.destroy();
    this.popups.close(false);
    this.editing.close(false);
    this.root.remove();
  }

  frame(): Frame | null {
    return this.frameView;
  }

  cardView(id: string): CardView | undefined {
    return this.cards.get(id);
  }

  /** Tell screen-reader users (and anyone looking at the toolbar) what just happened. */
  announce(msg: string): void {
    const s = this.toolbar.status;
    s.textContent = s.textContent === msg ? `${msg}\u00a0` : msg;
  }

  /** Open the editor on a card (after the next render when it does not exist yet). */
  openEditor(id: string, selectAll = false): void {
    const v = this.cards.get(id);
    const card = this.store.cards().find((c) => c.id === id);
    if (!v || !card || this.store.readOnly() || this.store.isTemporary(id)) return;
    const st = this.store.structure();
    const kind = st.lanes.find((l) => l.name === card.lane)?.kind ?? "text";
    this.editing.open(v, card, kind, st.scale, selectAll);
  }

  private offerDelete(card: Element | null): void {
    if (!card || this.store.readOnly() || card.classList.contains("jw-editing") || this.del.parentElement === card) return;
    card.appendChild(this.del);
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
      if (e.op.kind === "undo" || e.op.kind === "redo") {
        const word = e.op.kind === "undo" ? "undo" : "redo";
        this.announce(e.changed ? (word === "undo" ? "Undone" : "Redone") : `Nothing to ${word}`);
      }
    } else if (e.type === "reject") {
      this.openOnAck.delete(e.opId);
    }
    // An answer to this view's own operation is drawn at once: an acknowledged edit or move
    // only loses its pending mark (its result is drawn already), so that is all done now and
    // the rest waits for the next frame like any state change; a rejection rolls back now.
    if (e.type === "change") this.requestRender();
    else if (e.type === "ack" && this.markSettled(e)) this.requestRender();
    else this.flush();
  }

  /**
   * Clear the pending marks of an acknowledged card operation without a full render; false
   * when the answer needs one (adds swap ids, undo and redo change what is drawn).
   */
  private markSettled(e: Extract<StoreEvent, { type: "ack" }>): boolean {
    const kind = e.op.kind === "batch" ? "edit" : e.op.kind;
    if ((kind !== "edit" && kind !== "move") || this.store.error) return false;
    const pending = this.store.pendingIds();
    for (const id of opCardIds(e.op)) {
      const v = this.cards.get(id);
      if (v && !pending.has(id)) setPending(v, false);
    }
    return true;
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

  // eslint-disable-next-line max-lines-per-function -- one frame's paint in order: frame, cells, curves, overlays
  private paint(): void {
    const { store } = this;
    const st = store.structure();
    const cards = store.cards();
    const readOnly = store.readOnly();
    const pending = store.pendingIds();
    const columns = deriveColumns(st, cards);
    const doc = this.root.ownerDocument;
    const active = doc.activeElement instanceof HTMLElement && this.root.contains(doc.activeElement)
      ? doc.activeElement : null;
    const sel: [number, number] | null = active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement
      ? [active.selectionStart ?? 0, active.selectionEnd ?? 0] : null;

    if (readOnly) {
      this.editing.abandon("The map became read-only while you were editing; your change was not saved.");
      this.popups.close(false);
      this.del.remove();
    }
    const key = frameKey(st, columns, readOnly);
    const rebuilt = key !== this.key || !this.frameView;
    if (rebuilt) {
      const frame = buildFrame(st, columns, readOnly);
      if (this.frameView) this.frameView.el.replaceWith(frame.el);
      else this.scroll.appendChild(frame.el);
      this.frameView = frame;
      this.channels.reset();
      this.key = key;
      this.curveInput = [];
      this.frameNodes = countElements(frame.el);
    }
    const frame = this.frameView!;
    this.overlays?.place(this.scroll, columns, COLUMN_WIDTH);
    this.caption.render(st, readOnly);
    this.living.paint(frame, store.stageMetrics(), this.head);
    this.toolbar.setReadOnly(readOnly);
    this.toolbar.setBusy(store.walking());
    this.root.setAttribute("aria-label", st.title || "Customer journey map");
    this.hint.textContent = readOnly
      ? "Read only."
      : "Enter or double-click edits the card, Delete removes it. Arrows move between cards; Alt+Arrows move the card.";

    const available = this.budget - this.frameNodes - CHROME_NODES - 8 * frame.curves.size -
      this.presenter.nodes() - this.participation.nodes() - (this.findings?.nodes() ?? 0) - this.zoom.nodes() - this.overview.nodes() - this.living.nodes();
    const pinned = active?.closest<HTMLElement>("[data-jw-card]") ?? null;
    const editing = this.editing.cardId;
    this.channels.prepare(cards);
    const visible = placeCards(this.cards, this.hint.id, frame, st, cards, pending, {
      available, expanded: this.expanded, pinned, keep: [editing, pinned?.getAttribute("data-jw-card")],
      arrange: (k, here, els) => this.channels.arrange(k, here, els),
    });
    if (editing && !visible.exists.has(editing)) {
      this.editing.abandon("This card was deleted (or its stage, step or lane removed) while you were editing it; your change was not saved.");
    }
    this.root.toggleAttribute("data-jw-collapsed", visible.ids != null);
    syncPrompts(frame);
    this.participation.afterPaint(this.cards);
    const others = presenceByCard(store.presence());
    markPresence(this.cards, others, this.presenceShown);
    if (editing) this.editing.showPresence(others.get(editing) ?? []);
    if (this.decorate) for (const c of cards) {
      const v = this.cards.get(c.id);
      if (v) this.decorate(c, v.el);
    }

    const input = [visible.curves, columns, st.scale, readOnly, visible.key];
    if (!this.curveDrag.active && input.some((x, i) => x !== this.curveInput[i])) {
      for (const [lane, svg] of frame.curves) {
        drawCurve(svg, lane, columns, cards, st.scale, COLUMN_WIDTH, {
          visible: visible.ids, readOnly, legend: frame.legends.get(lane) ?? null,
        });
      }
      this.curveInput = input;
    }
    const file = store.fileStatus();
    if (!sameFileStatus(file, this.shownFile)) {
      renderFileStatus(this.fileStatus, file);
      this.shownFile = file;
    }
    if (store.error !== this.shownError) {
      renderBanner(this.banner, store.error);
      this.shownError = store.error;
    }
    if (active && active.isConnected && doc.activeElement !== active) {
      active.focus({ preventScroll: true });
      if (sel && (active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement)) {
        active.setSelectionRange(sel[0], sel[1]);
      }
    }
    this.structure.afterFrame(frame, rebuilt);
    this.presenter.apply(frame);
    this.findings?.afterPaint();
    this.zoom.refresh();
    this.overview.update(frame, this.zoom.overflow, this.zoom.scale);
    this.root.setAttribute("data-jw-revision", String(store.revision()));
  }

  private afterRender(): void {
    const id = this.wantEditor;
    this.wantEditor = null;
    if (id && this.cards.has(id)) this.openEditor(id, true);
    const next = this.focusNext;
    this.focusNext = null;
    if (next?.isConnected) next.focus();
  }
}
