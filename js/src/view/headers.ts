// Structure editing in the view: each stage, step and lane header has an actions menu (rename,
// move, add, delete); F2, Delete and Alt+Arrows work on its focused menu button. Renaming happens
// in place; deleting one that holds cards asks first, in the widget.
import type { LaneKind, StructureOp } from "../model/types";
import type { Store } from "../store";
import { type Frame, type HeaderAxis, headerKey, type HeaderTarget } from "./board";
import { h } from "./h";
import type { MenuItem, Popups } from "./popup";
import { commitKeys } from "./inline";

export interface StructureContext {
  store: Store;
  popups: Popups;
  frame(): Frame | null;
  flush(): void;
  announce(msg: string): void;
}

interface Rename {
  target: HeaderTarget;
  input: HTMLInputElement;
}

const NOUN: Record<HeaderAxis, string> = { stage: "stage", step: "step", lane: "lane" };

function laneKind(kind: string | null): LaneKind | null {
  return kind === "text" || kind === "emotion" || kind === "metric" ? kind : null;
}

export function targetOf(btn: Element): HeaderTarget {
  return {
    axis: btn.getAttribute("data-jw-menu") as HeaderAxis,
    name: btn.getAttribute("data-name") ?? "",
    stage: btn.getAttribute("data-stage"),
  };
}

export class StructureEditor {
  private renaming: Rename | null = null;
  private focusAfter: HeaderTarget | null = null;

  constructor(private ctx: StructureContext) {}

  /** The names next to a target, in order (stages, the steps of its stage, or lanes). */
  private siblings(t: HeaderTarget): string[] {
    const st = this.ctx.store.structure();
    if (t.axis === "stage") return st.stages.map((s) => s.name);
    if (t.axis === "lane") return st.lanes.map((l) => l.name);
    return st.stages.find((s) => s.name === t.stage)?.steps ?? [];
  }

  private cardCount(t: HeaderTarget): number {
    const cards = this.ctx.store.cards();
    if (t.axis === "stage") return cards.filter((c) => c.stage === t.name).length;
    if (t.axis === "lane") return cards.filter((c) => c.lane === t.name).length;
    return cards.filter((c) => c.stage === t.stage && c.step === t.name).length;
  }

  private propose(op: StructureOp, focus: HeaderTarget | null, said: string): void {
    if (!this.ctx.store.propose(op)) return;
    this.focusAfter = focus;
    this.ctx.announce(said);
    this.ctx.flush();
  }

  openMenu(btn: HTMLElement): void {
    const t = targetOf(btn);
    if (this.ctx.popups.isOpen) return this.ctx.popups.close(false);
    const names = this.siblings(t);
    const i = names.indexOf(t.name);
    const horizontal = t.axis !== "lane";
    const items: MenuItem[] = [
      { action: "rename", label: "Rename", keys: "F2", run: () => this.rename(t) },
      { action: horizontal ? "move-left" : "move-up", label: horizontal ? "Move left" : "Move up", keys: horizontal ? "Alt+\u2190" : "Alt+\u2191", disabled: i <= 0, run: () => this.move(t, -1) },
      { action: horizontal ? "move-right" : "move-down", label: horizontal ? "Move right" : "Move down", keys: horizontal ? "Alt+\u2192" : "Alt+\u2193", disabled: i >= names.length - 1, run: () => this.move(t, 1) },
    ];
    if (t.axis === "stage") {
      items.push({ action: "add-stage", label: "Add stage after", run: () => this.add(btn, "stage", null, i + 1) });
      items.push({ action: "add-step", label: "Add step", run: () => this.add(btn, "step", t.name, null) });
    } else if (t.axis === "step") {
      items.push({ action: "add-step", label: "Add step after", run: () => this.add(btn, "step", t.stage, i + 1) });
    } else {
      items.push({ action: "add-lane", label: "Add lane below", run: () => this.add(btn, "lane", null, i + 1) });
    }
    items.push({ action: "delete", label: "Delete", keys: "Del", run: () => this.remove(t, btn) });
    this.ctx.popups.menu(btn, `Actions for ${NOUN[t.axis]} ${t.name}`, items);
  }

  /** Keys on a focused header menu button; true when handled. */
  onKey(e: KeyboardEvent, btn: HTMLElement): boolean {
    const t = targetOf(btn);
    const back = t.axis === "lane" ? "ArrowUp" : "ArrowLeft";
    const fwd = t.axis === "lane" ? "ArrowDown" : "ArrowRight";
    if (e.key === "F2" && !e.altKey) this.rename(t);
    else if (e.key === "Delete" && !e.altKey) this.remove(t, btn);
    else if (e.altKey && e.key === back) this.move(t, -1);
    else if (e.altKey && e.key === fwd) this.move(t, 1);
    else return false;
    return true;
  }

  add(anchor: HTMLElement, axis: HeaderAxis, stage: string | null, index: number | null): void {
    const names = this.siblings({ axis, name: "", stage });
    const title = axis === "step" ? `New step in \u201c${stage}\u201d` : `New ${axis} name`;
    this.ctx.popups.nameForm(anchor, {
      title, submitLabel: `Add ${axis}`, kinds: axis === "lane",
      validate: (name) => this.problem(axis, name, names),
      submit: (name, kind) => {
        const focus: HeaderTarget = { axis, name, stage: axis === "step" ? stage : null };
        const said = `Added ${axis} ${name}`;
        if (axis === "stage") this.propose({ kind: "add_stage", name, index }, focus, said);
        else if (axis === "lane") this.propose({ kind: "add_lane", name, lane_kind: laneKind(kind), index }, focus, said);
        else this.propose({ kind: "add_step", stage: stage!, name, index }, focus, said);
      },
    });
  }

  private problem(axis: HeaderAxis, name: string, names: readonly string[], old?: string): string | null {
    if (!name) return `A ${axis} needs a name.`;
    if (name !== old && names.includes(name)) return `There is already a ${axis} \u201c${name}\u201d.`;
    return null;
  }

  move(t: HeaderTarget, delta: number): void {
    const at = this.siblings(t).indexOf(t.name);
    if (at >= 0) this.moveTo(t, at + delta);
  }

  /** Move a header to `index` among its siblings (a pointer drop, headerdrag.ts); none when it is there. */
  moveTo(t: HeaderTarget, index: number): void {
    const names = this.siblings(t);
    const at = names.indexOf(t.name);
    if (index < 0 || index >= names.length || at < 0 || at === index) return;
    const said = `Moved ${t.axis} ${t.name} to position ${index + 1} of ${names.length}`;
    if (t.axis === "step") this.propose({ kind: "move_step", stage: t.stage!, name: t.name, index }, t, said);
    else this.propose({ kind: t.axis === "stage" ? "move_stage" : "move_lane", name: t.name, index }, t, said);
  }

  remove(t: HeaderTarget, anchor: HTMLElement): void {
    const n = this.cardCount(t);
    const run = (drop: boolean) => {
      const said = `Deleted ${t.axis} ${t.name}${drop ? ` and ${n} card${n === 1 ? "" : "s"}` : ""}. Ctrl+Z undoes it.`;
      if (t.axis === "step") this.propose({ kind: "remove_step", stage: t.stage!, name: t.name, drop_cards: drop }, null, said);
      else this.propose({ kind: t.axis === "stage" ? "remove_stage" : "remove_lane", name: t.name, drop_cards: drop }, null, said);
    };
    if (!n) return run(false);
    const cards = `${n} card${n === 1 ? "" : "s"}`;
    this.ctx.popups.confirm(anchor,
      `Delete ${t.axis} \u201c${t.name}\u201d and its ${cards}? Undo (Ctrl+Z) brings them back.`,
      `Delete ${t.axis} and ${cards}`, () => run(true));
  }

  rename(t: HeaderTarget): void {
    const head = this.ctx.frame()?.headers.get(headerKey(t));
    if (!head) return;
    this.ctx.popups.close(false);
    this.stopRenaming();
    const input = h("input", { type: "text", class: "jw-rename", "data-jw-rename": true, "aria-label": `Rename ${t.axis} ${t.name}` });
    input.value = t.name;
    this.renaming = { target: t, input };
    let done = false;
    const finish = (commit: boolean) => {
      if (done) return;
      done = true;
      const name = input.value.trim();
      this.stopRenaming();
      const why = commit && name !== t.name ? this.problem(t.axis, name, this.siblings(t), t.name) : "skip";
      if (why === "skip" || !commit) {
        this.focusAfter = t;
        return this.ctx.flush();
      }
      if (why) return this.ctx.store.reportError(why, name);
      const focus = { ...t, name };
      const said = `Renamed ${t.axis} ${t.name} to ${name}`;
      if (t.axis === "step") this.propose({ kind: "rename_step", stage: t.stage!, old: t.name, new: name }, focus, said);
      else this.propose({ kind: t.axis === "stage" ? "rename_stage" : "rename_lane", old: t.name, new: name }, focus, said);
    };
    commitKeys(input, finish);
    input.addEventListener("blur", () => {
      if (this.renaming?.input === input && !input.isConnected) return; // the frame is being rebuilt
      if (input.ownerDocument.activeElement !== input) finish(true);
    });
    this.mount(head);
    input.focus();
    input.select();
  }

  private mount(head: HTMLElement): void {
    const r = this.renaming!;
    head.classList.add("jw-renaming");
    const label = head.querySelector(".jw-head-label");
    (label?.parentElement ?? head).insertBefore(r.input, label);
  }

  private stopRenaming(): void {
    const r = this.renaming;
    if (!r) return;
    this.renaming = null;
    r.input.closest(".jw-renaming")?.classList.remove("jw-renaming");
    r.input.remove();
  }

  /** After a new frame: carry an open rename over, and focus a header an action asked for. */
  afterFrame(frame: Frame, rebuilt: boolean): void {
    const r = this.renaming;
    if (r && rebuilt) {
      const head = frame.headers.get(headerKey(r.target));
      if (head) {
        const [start, end] = [r.input.selectionStart, r.input.selectionEnd];
        this.mount(head);
        r.input.focus({ preventScroll: true });
        r.input.setSelectionRange(start, end);
      } else {
        const typed = r.input.value;
        this.stopRenaming();
        this.ctx.store.reportError(`The ${r.target.axis} \u201c${r.target.name}\u201d was removed or renamed elsewhere while you renamed it.`, typed);
      }
    }
    const f = this.focusAfter;
    this.focusAfter = null;
    if (f) (frame.headers.get(headerKey(f))?.querySelector("[data-jw-menu]") as HTMLElement | null)?.focus();
  }
}
