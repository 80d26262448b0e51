// The caption above the board: title, persona and whether the map is current or future state.
// When the map is editable the title is edited in place (its button, F2 or double-click), the
// state with a select, and the persona with a form (persona.ts); each proposes one operation.
import type { MetaOp, Persona, Structure } from "../model/types";
import type { Store } from "../store";
import { describePersona } from "../meta";
import { h } from "./h";
import { personaDetails, personaForm, personaSummary, samePersona } from "./persona";
import { commitKeys } from "./inline";

export interface CaptionContext {
  store: Store;
  /** Render now (so the optimistic result shows at once). */
  flush(): void;
  announce(msg: string): void;
}

let captions = 0;

const STATES: Array<[string, string]> = [["current", "Current state"], ["future", "Future state"]];

function stateLabel(state: string): string {
  return STATES.find(([s]) => s === (state || "current"))?.[1] ?? state;
}

export class Caption {
  /** Whether the persona's details are shown (a view setting; collapsed at first). */
  expanded = false;
  private shown = "";
  private form: HTMLFormElement | null = null;
  private titleInput: HTMLInputElement | null = null;
  private focusAfter: string | null = null;
  private detailsId = `jw-persona-details-${++captions}`;
  private st: Structure | null = null;
  private readOnly = true;

  constructor(readonly el: HTMLElement, private ctx: CaptionContext) {
    el.addEventListener("click", (e) => this.onClick(e));
    el.addEventListener("dblclick", (e) => {
      if ((e.target as Element).closest("[data-jw-title]")) this.editTitle();
    });
    el.addEventListener("keydown", (e) => {
      const t = e.target as Element;
      if (t.hasAttribute("data-jw-title") && (e.key === "F2" || e.key === "Enter") && !e.altKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        e.stopPropagation();
        this.editTitle();
      }
    });
    el.addEventListener("change", (e) => {
      const t = e.target as HTMLSelectElement;
      if (t.hasAttribute("data-jw-state")) this.propose({ kind: "set_state", state: t.value }, `Marked as ${stateLabel(t.value).toLowerCase()}`, "[data-jw-state]");
    });
  }

  /** True while the title or the persona is being edited. */
  get editing(): boolean {
    return this.form != null || this.titleInput != null;
  }

  render(st: Structure, readOnly: boolean): void {
    this.st = st;
    this.readOnly = readOnly;
    if (readOnly && this.editing) this.abandon();
    const key = JSON.stringify([st.title, st.persona, st.state, readOnly, this.expanded]);
    if (key !== this.shown) {
      this.shown = key;
      this.draw(st, readOnly);
    }
    const f = this.focusAfter;
    this.focusAfter = null;
    if (f) this.el.querySelector<HTMLElement>(f)?.focus();
  }

  private draw(st: Structure, readOnly: boolean): void {
    const doc = this.el.ownerDocument;
    const active = doc.activeElement && this.el.contains(doc.activeElement) ? doc.activeElement : null;
    const hook = active && ["data-jw-title", "data-jw-state", "data-jw-persona-toggle", "data-jw-edit-persona", "data-jw-edit-title"]
      .find((a) => active.hasAttribute(a));
    // The title row holding an open title field stays as it is (moving a focused field blurs it).
    const keepRow = this.titleInput ? this.titleInput.closest(".jw-title-row") : null;
    for (const child of [...this.el.children]) if (child !== keepRow && child !== this.form) child.remove();
    const p = st.persona;
    const row = keepRow ?? h("div", { class: "jw-title-row" }, [
      h("div", {
        class: "jw-title", "data-jw-title": true, tabindex: readOnly ? null : 0,
        title: readOnly ? null : "Double-click or F2 to edit the title",
      }, st.title || "Customer journey map"),
      readOnly ? null : h("button", {
        type: "button", class: "jw-title-edit", "data-jw-edit-title": true, "aria-label": "Edit title", title: "Edit title (F2)",
      }, "\u270e"),
    ]);
    const state = readOnly
      ? h("span", { class: `jw-state${st.state === "future" ? " jw-state-future" : ""}`, "data-jw-state-label": true }, stateLabel(st.state))
      : h("select", { class: `jw-state jw-state-select${st.state === "future" ? " jw-state-future" : ""}`, "data-jw-state": true, "aria-label": "Map state" },
        STATES.map(([value, label]) => h("option", { value }, label)));
    if (state instanceof HTMLSelectElement) state.value = st.state;
    const meta = h("div", { class: "jw-meta" }, [personaSummary(p, this.expanded, readOnly, this.detailsId), state]);
    if (!keepRow) this.el.insertBefore(row, this.el.firstChild);
    this.el.insertBefore(meta, row.nextSibling);
    if (p && this.expanded) this.el.insertBefore(personaDetails(p, this.detailsId), meta.nextSibling);
    if (hook && !active.isConnected) this.el.querySelector<HTMLElement>(`[${hook}]`)?.focus({ preventScroll: true });
  }

  private redraw(): void {
    this.shown = "";
    if (this.st) this.render(this.st, this.readOnly);
  }

  private onClick(e: MouseEvent): void {
    const t = e.target as Element;
    if (t.closest("[data-jw-persona-toggle]")) {
      this.expanded = !this.expanded;
      this.focusAfter = "[data-jw-persona-toggle]";
      this.redraw();
    } else if (t.closest("[data-jw-edit-persona]")) {
      this.editPersona();
    } else if (t.closest("[data-jw-edit-title]")) {
      this.editTitle();
    }
  }

  private propose(op: MetaOp, said: string, focus: string | null): void {
    if (!this.ctx.store.propose(op)) return;
    this.focusAfter = focus;
    this.ctx.announce(said);
    this.ctx.flush();
  }

  /** Open the persona form (Add persona when there is none). */
  editPersona(): void {
    if (this.readOnly || this.form) return this.form?.querySelector<HTMLElement>("[data-jw-persona-field]")?.focus();
    const current = this.ctx.store.structure().persona;
    const close = (focus: string | null) => {
      this.form?.remove();
      this.form = null;
      this.focusAfter = focus;
    };
    this.form = personaForm({
      persona: current,
      save: (next: Persona) => {
        close("[data-jw-edit-persona]");
        if (samePersona(this.ctx.store.structure().persona, next)) {
          this.ctx.announce("Persona unchanged");
          return this.redraw();
        }
        this.propose({ kind: "set_persona", persona: next }, `Persona ${next.name} saved. Ctrl+Z undoes it.`, "[data-jw-edit-persona]");
      },
      remove: () => {
        close("[data-jw-edit-persona]");
        this.propose({ kind: "set_persona", persona: null }, "Persona removed. Ctrl+Z undoes it.", "[data-jw-edit-persona]");
      },
      cancel: () => {
        close("[data-jw-edit-persona]");
        this.redraw();
      },
    });
    this.el.appendChild(this.form);
    const name = this.form.querySelector<HTMLInputElement>('[data-jw-persona-field="name"]')!;
    name.focus();
    name.select();
  }

  /** Edit the title in place: Enter saves, Escape cancels, leaving the field saves. */
  editTitle(): void {
    if (this.readOnly || this.titleInput) return this.titleInput?.focus();
    const old = this.ctx.store.structure().title;
    const input = h("input", { type: "text", class: "jw-title-input", "data-jw-title-input": true, "aria-label": "Map title", autocomplete: "off" });
    input.value = old;
    this.titleInput = input;
    let done = false;
    const finish = (commit: boolean) => {
      if (done) return;
      done = true;
      this.titleInput = null;
      const title = input.value.trim();
      input.remove();
      if (commit && title !== this.ctx.store.structure().title) {
        this.propose({ kind: "set_title", title }, "Title changed. Ctrl+Z undoes it.", "[data-jw-title]");
      } else {
        this.focusAfter = "[data-jw-title]";
        this.redraw();
      }
    };
    commitKeys(input, finish);
    input.addEventListener("blur", () => {
      if (input.isConnected && input.ownerDocument.activeElement !== input) finish(true);
    });
    this.el.querySelector("[data-jw-title]")?.replaceWith(input);
    input.focus();
    input.select();
  }

  /** The map became read-only: close the title field and the form, keeping what was typed. */
  private abandon(): void {
    const value = (name: string) => this.form?.querySelector<HTMLInputElement>(`[data-jw-persona-field="${name}"]`)?.value ?? "";
    const typed = this.titleInput ? this.titleInput.value : describePersona({
      name: value("name"), goals: value("goals").split("\n").filter((l) => l.trim()),
      frustrations: value("frustrations").split("\n").filter((l) => l.trim()), quote: value("quote"), description: value("description"),
    });
    this.titleInput?.remove();
    this.titleInput = null;
    this.form?.remove();
    this.form = null;
    this.ctx.store.reportError("The map became read-only while you were editing; your change was not saved.", typed);
  }
}
