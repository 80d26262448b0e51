// Clicks and keys on the board turned into actions: edit, add, delete and move cards, undo and
// redo, show more, and the header menus. Pointer drags live in drag.ts and curvedrag.ts.
import { cellKey } from "../columns";
import type { Store } from "../store";
import type { CellView, Frame } from "./board";
import type { CardView } from "./card";
import type { ChannelGrouping } from "./channels";
import { moveTarget, navigate } from "./cardkeys";
import type { EditSession } from "./editing";
import type { StructureEditor } from "./headers";
import type { Toolbar } from "./toolbar";

/** What the actions need from the view. */
export interface ActionHost {
  root: HTMLElement;
  store: Store;
  toolbar: Toolbar;
  editing: EditSession;
  structure: StructureEditor;
  expanded: Set<string>;
  openOnAck: Set<string>;
  focusNext: HTMLElement | null;
  frame(): Frame | null;
  cardView(id: string): CardView | undefined;
  /** Cards grouped by channel in this view (a move's index is then translated). */
  channels: ChannelGrouping;
  openEditor(id: string, selectAll?: boolean): void;
  announce(msg: string): void;
  flush(): void;
}

const ARROWS = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"];

function isTextEntry(el: Element): boolean {
  return el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement ||
    (el instanceof HTMLInputElement && el.type !== "button");
}

export class Actions {
  constructor(private v: ActionHost) {
    v.root.addEventListener("click", (e) => this.onClick(e));
    v.root.addEventListener("dblclick", (e) => this.onDblClick(e));
    v.root.addEventListener("keydown", (e) => this.onKeyDown(e));
  }

  /** Undo or redo the map's last edit (Python keeps one history for every view). */
  walk(kind: "undo" | "redo"): void {
    if (this.v.store.propose({ kind })) this.v.flush();
  }

  moveCard(id: string, cell: CellView, shownIndex: number): void {
    const { store } = this.v;
    const same = store.cards().filter((c) => c.stage === cell.stage && c.step === cell.step && c.lane === cell.lane);
    const index = this.v.channels.dataIndex(cell, id, shownIndex, same);
    const at = same.findIndex((c) => c.id === id);
    if (at >= 0 && at === index) return this.v.flush(); // dropped where it was
    if (store.propose({ kind: "move", id, stage: cell.stage, step: cell.step, lane: cell.lane, index })) {
      const n = same.length + (at >= 0 ? 0 : 1);
      this.v.announce(`Moved to ${cell.stage}${cell.step == null ? "" : ` / ${cell.step}`}, ${cell.lane}, position ${index + 1} of ${n}`);
    }
    this.v.flush();
  }

  private onClick(e: MouseEvent): void {
    const t = e.target as Element;
    const { v } = this;
    const card = t.closest<HTMLElement>("[data-jw-card]");
    const menu = t.closest<HTMLElement>("[data-jw-menu]");
    if (t.closest("[data-jw-error-dismiss]")) v.store.dismissError();
    else if (t.closest("[data-jw-add]")) this.addCard(t.closest("[data-jw-cell]"));
    else if (t.closest("[data-jw-delete]") && card) this.deleteCard(card);
    else if (menu) v.structure.openMenu(menu);
    else if (t.closest("[data-jw-undo]")) this.walk("undo");
    else if (t.closest("[data-jw-redo]")) this.walk("redo");
    else if (t.closest("[data-jw-add-stage]")) v.structure.add(v.toolbar.addStage, "stage", null, null);
    else if (t.closest("[data-jw-add-lane]")) v.structure.add(v.toolbar.addLane, "lane", null, null);
    else if (t.closest(".jw-more")) this.toggleCell(t.closest("[data-jw-cell]"));
  }

  private onDblClick(e: MouseEvent): void {
    const t = e.target as Element;
    const card = t.closest<HTMLElement>("[data-jw-card]");
    if (card && !t.closest(".jw-editor, [data-jw-delete]")) this.v.openEditor(card.getAttribute("data-jw-card")!);
  }

  private onKeyDown(e: KeyboardEvent): void {
    const t = e.target as HTMLElement;
    const { v } = this;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !e.altKey && !isTextEntry(t) && (e.key.toLowerCase() === "z" || e.key.toLowerCase() === "y")) {
      if (v.store.readOnly()) return;
      e.preventDefault();
      e.stopPropagation();
      return this.walk(e.key.toLowerCase() === "y" || e.shiftKey ? "redo" : "undo");
    }
    if (mod) return;
    const frame = v.frame();
    if (t.hasAttribute("data-jw-menu")) {
      if (!v.store.readOnly() && v.structure.onKey(e, t)) this.handled(e);
      return;
    }
    const onCard = t.hasAttribute("data-jw-card");
    if (!frame || !(onCard || t.closest("[data-jw-cell]"))) return;
    if (e.altKey && onCard && ARROWS.includes(e.key)) {
      this.handled(e);
      const to = v.store.readOnly() ? null : moveTarget(frame, t, e.key);
      if (to) this.moveCard(t.getAttribute("data-jw-card")!, to.cell, to.index);
      return;
    }
    if (e.altKey) return;
    if ([...ARROWS, "Home", "End"].includes(e.key) && (onCard || t.matches("[data-jw-add], .jw-more"))) {
      this.handled(e);
      navigate(frame, t, e.key)?.focus();
    } else if (onCard && (e.key === "Enter" || e.key === "F2")) {
      this.handled(e);
      v.openEditor(t.getAttribute("data-jw-card")!);
    } else if (onCard && e.key === "Delete") {
      this.handled(e);
      this.deleteCard(t);
    }
  }

  private handled(e: Event): void {
    e.preventDefault();
    e.stopPropagation();
  }

  private toggleCell(cellEl: Element | null): void {
    const cell = cellEl && this.v.frame()?.byEl.get(cellEl);
    if (!cell) return;
    const k = cellKey(cell.stage, cell.step, cell.lane);
    if (!this.v.expanded.delete(k)) this.v.expanded.add(k);
    this.v.flush();
    cell.more?.focus();
  }

  private addCard(cellEl: Element | null): void {
    const cell = cellEl && this.v.frame()?.byEl.get(cellEl);
    if (!cell) return;
    const opId = this.v.store.propose({
      kind: "add", stage: cell.stage, step: cell.step, lane: cell.lane, text: "New card", index: null,
    });
    if (opId) this.v.openOnAck.add(opId);
    // The new card is last: a collapsed cell opens to show it.
    if (cell.more?.hasAttribute("data-jw-more")) this.v.expanded.add(cellKey(cell.stage, cell.step, cell.lane));
    this.v.flush();
  }

  private deleteCard(el: HTMLElement): void {
    const { v } = this;
    const id = el.getAttribute("data-jw-card")!;
    if (v.store.isTemporary(id)) return;
    const next = (el.nextElementSibling ?? el.previousElementSibling ??
      el.closest("[data-jw-cell]")?.querySelector("[data-jw-add]")) as HTMLElement | null;
    if (v.editing.cardId === id) v.editing.close(false);
    if (!v.store.propose({ kind: "delete", id })) return;
    v.focusNext = next;
    v.announce("Card deleted. Ctrl+Z undoes it.");
    v.flush();
  }
}
