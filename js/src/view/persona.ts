// The persona in the caption: a picture-free avatar, the name (a button that expands the
// details: description, goals, frustrations, quote) and, when the map is editable, a form that
// edits it. All user text is set with textContent; nothing typed ever becomes markup.
import { personaList } from "../meta";
import type { Persona } from "../model/types";
import { AVATAR_COLORS } from "../vocabulary";
import { h } from "./h";

let forms = 0;

/** Up to two initials from a name: "First-time buyer" -> "FB". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/[\s\-_]+/u).filter(Boolean);
  const first = (w: string | undefined) => (w ? [...w][0]!.toUpperCase() : "");
  return (first(words[0]) + (words.length > 1 ? first(words[words.length - 1]) : "")) || "?";
}

export function avatarEl(p: Persona): HTMLElement {
  const a = p.avatar && typeof p.avatar === "object" ? p.avatar : null;
  const initials = a && typeof a.initials === "string" && a.initials ? a.initials : initialsOf(String(p.name ?? ""));
  const color = a && typeof a.color === "string" && AVATAR_COLORS.includes(a.color) ? a.color : "gray";
  return h("span", { class: `jw-avatar jw-avatar-${color}`, "data-jw-avatar": true, "aria-hidden": "true" }, initials);
}

/** The persona's details: description, goals, frustrations and quote (each only when set). */
export function personaDetails(p: Persona, id: string): HTMLElement {
  const goals = personaList(p.goals);
  const frustrations = personaList(p.frustrations);
  const section = (label: string, hook: string, items: string[]) => items.length
    ? h("div", { class: "jw-persona-section" }, [
      h("div", { class: "jw-persona-label" }, label),
      h("ul", { [hook]: true }, items.map((t) => h("li", {}, t))),
    ])
    : null;
  const description = typeof p.description === "string" ? p.description : "";
  const quote = typeof p.quote === "string" ? p.quote : "";
  return h("div", { class: "jw-persona-details", id, "data-jw-persona-details": true }, [
    description ? h("p", { class: "jw-persona-description", "data-jw-persona-description": true }, description) : null,
    section("Goals", "data-jw-persona-goals", goals),
    section("Frustrations", "data-jw-persona-frustrations", frustrations),
    quote ? h("blockquote", { class: "jw-persona-quote", "data-jw-persona-quote": true }, quote) : null,
    !description && !goals.length && !frustrations.length && !quote
      ? h("p", { class: "jw-persona-empty" }, "No goals, frustrations or quote yet.") : null,
  ]);
}

/** The persona in the caption's meta line: avatar, name toggle, and the edit button. */
export function personaSummary(p: Persona | null, expanded: boolean, readOnly: boolean, detailsId: string): HTMLElement | null {
  if (!p && readOnly) return null;
  const edit = readOnly ? null : h("button", {
    type: "button", class: "jw-persona-edit", "data-jw-edit-persona": true,
    title: p ? "Edit persona" : "Add a persona", "aria-label": p ? `Edit persona ${p.name}` : "Add persona",
  }, p ? "Edit" : "Add persona");
  if (!p) return h("span", { class: "jw-persona", "data-jw-persona": "" }, [edit]);
  return h("span", { class: "jw-persona", "data-jw-persona": p.name }, [
    avatarEl(p),
    h("button", {
      type: "button", class: "jw-persona-toggle", "data-jw-persona-toggle": true,
      "aria-expanded": expanded ? "true" : "false", "aria-controls": detailsId,
      title: expanded ? "Hide persona details" : "Show persona details",
    }, [h("span", { class: "jw-persona-word" }, "Persona: "), h("span", { "data-jw-persona-name": true }, p.name)]),
    edit,
  ]);
}

export interface PersonaFormOptions {
  persona: Persona | null;
  /** Called with the persona to propose; the form is closed first. */
  save(persona: Persona): void;
  /** Remove the persona (only offered when there is one). */
  remove(): void;
  /** Closed without saving (Escape, Cancel). */
  cancel(): void;
}

const lines = (v: string) => v.split("\n").map((s) => s.trim()).filter(Boolean);

/**
 * The persona form: name; goals and frustrations one per line; quote; description. Enter in the
 * name or Ctrl/Cmd+Enter anywhere saves, Escape cancels. Keys never reach the map or notebook.
 * The persona's other keys (avatar, the analyst's own) are kept as they are.
 */
// eslint-disable-next-line max-lines-per-function -- the form's fields in display order, and its keys
export function personaForm(o: PersonaFormOptions): HTMLFormElement {
  const n = ++forms;
  const p = o.persona;
  const field = (name: string, label: string, value: string, rows: number, hint?: string) => {
    const id = `jw-persona-${n}-${name}`;
    const attrs = { id, class: "jw-persona-input", "data-jw-persona-field": name, autocomplete: "off", "aria-describedby": hint ? `${id}-hint` : null };
    const input = rows > 1 ? h("textarea", { ...attrs, rows }) : h("input", { ...attrs, type: "text" });
    input.value = value;
    return h("div", { class: "jw-persona-row" }, [
      h("label", { for: id }, label),
      input,
      hint ? h("span", { id: `${id}-hint`, class: "jw-persona-hint" }, hint) : null,
    ]);
  };
  const problem = h("div", { class: "jw-form-problem", role: "alert" });
  const form = h("form", {
    class: "jw-persona-form", "data-jw-persona-form": true, "aria-label": p ? "Edit persona" : "Add persona",
  }, [
    field("name", "Name", p?.name ?? "", 1),
    field("goals", "Goals", personaList(p?.goals).join("\n"), 3, "One per line"),
    field("frustrations", "Frustrations", personaList(p?.frustrations).join("\n"), 3, "One per line"),
    field("quote", "Quote", typeof p?.quote === "string" ? p.quote : "", 2),
    field("description", "Description", typeof p?.description === "string" ? p.description : "", 2),
    problem,
    h("div", { class: "jw-dialog-buttons" }, [
      p ? h("button", { type: "button", class: "jw-persona-remove", "data-jw-persona-remove": true }, "Remove persona") : null,
      h("span", { class: "jw-spacer" }),
      h("button", { type: "submit", "data-jw-persona-save": true, title: "Save (Ctrl+Enter)", "aria-keyshortcuts": "Control+Enter Meta+Enter" }, "Save"),
      h("button", { type: "button", "data-jw-persona-cancel": true, title: "Cancel (Escape)" }, "Cancel"),
    ]),
  ]);
  const value = (name: string) => (form.querySelector(`[data-jw-persona-field="${name}"]`) as HTMLInputElement).value;
  const save = () => {
    const name = value("name").trim();
    if (!name) {
      problem.textContent = "A persona needs a name.";
      (form.querySelector('[data-jw-persona-field="name"]') as HTMLInputElement).focus();
      return;
    }
    const next: Persona = {
      ...(p ?? {}), name, goals: lines(value("goals")), description: value("description").trim(),
      frustrations: lines(value("frustrations")), quote: value("quote").trim(),
    };
    o.save(next);
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    save();
  });
  form.addEventListener("keydown", (e) => {
    e.stopPropagation(); // typing here is not a map or notebook shortcut
    if (e.key === "Escape") {
      e.preventDefault();
      o.cancel();
    } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save();
    }
  });
  form.querySelector("[data-jw-persona-cancel]")!.addEventListener("click", () => o.cancel());
  form.querySelector("[data-jw-persona-remove]")?.addEventListener("click", () => o.remove());
  return form;
}

/** True when saving `next` would change nothing (the same fields as the persona shown). */
export function samePersona(a: Persona | null, b: Persona): boolean {
  if (!a) return false;
  const key = (p: Persona) => JSON.stringify([
    p.name, personaList(p.goals), personaList(p.frustrations), p.quote ?? "", p.description ?? "",
  ]);
  return key(a) === key(b);
}
