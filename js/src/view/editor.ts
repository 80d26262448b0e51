// The in-place editor of one card: a textarea, a score input on emotion and metric lanes, and a
// "Details" section with the card's attributes (channel, confidence, severity, owner, evidence).
// Enter commits, Shift+Enter is a newline, Escape cancels, leaving it (blur) commits.
import type { Card, LaneKind, Scale } from "../model/types";
import { CONFIDENCE_LEVELS } from "../vocabulary";
import { CHANNEL_SUGGESTIONS } from "./badges";
import { h } from "./h";

/** The attributes the details section edits, in order. */
export const FIELDS = ["channel", "confidence", "severity", "owner", "evidence"] as const;
export type Field = (typeof FIELDS)[number];

export interface EditResult {
  text: string;
  /** undefined when the editor has no score input; null when the input is empty. */
  score: number | null | undefined;
  /** The attributes as entered (null when empty). */
  fields: Record<Field, string | number | null>;
}

export interface EditorOptions {
  card: Card;
  kind: LaneKind;
  scale: Scale;
  /** Open the details section at once (default: when the card has any of them). */
  details?: boolean;
  /** True while the view re-renders: focus changes then are not the user leaving. */
  busy: () => boolean;
  commit: (result: EditResult, byKey: boolean) => void;
  cancel: () => void;
  /** The details section was opened or closed (the view remembers it for the next editor). */
  toggled?: (open: boolean) => void;
}

export interface Editor {
  el: HTMLElement;
  textarea: HTMLTextAreaElement;
  scoreInput: HTMLInputElement | null;
  cardId: string;
  /** The card's values when the editor opened: sent as `old`. */
  oldText: string;
  oldScore: number | null;
  old: Record<Field, unknown>;
  read(): EditResult;
  /** Close without committing or cancelling (the view does the rest). */
  close(): void;
}

function readScore(input: HTMLInputElement): number | null {
  const raw = input.value.trim();
  if (raw === "") return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

let lists = 0;

function options(values: readonly string[], current: unknown): HTMLOptionElement[] {
  const all = ["", ...values];
  const cur = current == null ? "" : String(current);
  if (!all.includes(cur)) all.push(cur); // a value from the data that is not in the list
  return all.map((v) => {
    const o = h("option", { value: v }, v === "" ? "\u2014" : v);
    o.selected = v === cur;
    return o;
  });
}

function buildFields(card: Card): { el: HTMLElement; inputs: Record<Field, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement> } {
  const listId = `jw-channels-${++lists}`;
  const str = (v: unknown) => (v == null ? "" : String(v));
  const inputs = {
    channel: h("input", { type: "text", list: listId, "data-jw-field": "channel", autocomplete: "off" }),
    confidence: h("select", { "data-jw-field": "confidence" }, options(CONFIDENCE_LEVELS, card.confidence)),
    severity: h("select", { "data-jw-field": "severity" }, options(["1", "2", "3", "4", "5"], card.severity)),
    owner: h("input", { type: "text", "data-jw-field": "owner", autocomplete: "off" }),
    evidence: h("textarea", { "data-jw-field": "evidence", rows: 2 }),
  };
  inputs.channel.value = str(card.channel);
  inputs.owner.value = str(card.owner);
  inputs.evidence.value = str(card.evidence);
  const labels: Record<Field, string> = {
    channel: "Channel", confidence: "Confidence", severity: "Severity (1-5)", owner: "Owner", evidence: "Evidence",
  };
  const el = h("div", { class: "jw-fields", role: "group", "aria-label": "Card details" }, [
    h("datalist", { id: listId }, CHANNEL_SUGGESTIONS.map((c) => h("option", { value: c }))),
    ...FIELDS.map((f) => h("label", { class: "jw-field" }, [h("span", {}, labels[f]), inputs[f]])),
  ]);
  return { el, inputs };
}

// eslint-disable-next-line max-lines-per-function -- the editor's fields in the order the form shows them
export function createEditor(o: EditorOptions): Editor {
  const { card } = o;
  const textarea = h("textarea", {
    class: "jw-editor-text", "data-jw-editor": true, "aria-label": "Card text", rows: 3,
  });
  textarea.value = card.text;
  let scoreInput: HTMLInputElement | null = null;
  if (o.kind === "emotion" || o.kind === "metric") {
    const emotion = o.kind === "emotion";
    scoreInput = h("input", {
      type: "number", class: "jw-editor-score", "data-jw-score-input": true,
      "aria-label": emotion ? `Emotion score (${o.scale.min} to ${o.scale.max})` : "Value",
      step: emotion ? o.scale.step : "any",
      min: emotion ? o.scale.min : null,
      max: emotion ? o.scale.max : null,
    });
    scoreInput.value = card.score == null ? "" : String(card.score);
  }
  const label = scoreInput && h("label", { class: "jw-editor-score-label" }, [
    h("span", {}, o.kind === "emotion" ? "Score" : "Value"), scoreInput,
  ]);
  const fields = buildFields(card);
  const toggle = h("button", {
    type: "button", class: "jw-details-toggle", "data-jw-details": true,
  }, "Details");
  const setOpen = (open: boolean) => {
    fields.el.toggleAttribute("hidden", !open);
    toggle.setAttribute("aria-expanded", String(open));
  };
  setOpen(o.details || FIELDS.some((f) => card[f] != null && card[f] !== ""));
  toggle.addEventListener("click", () => {
    const open = fields.el.hasAttribute("hidden");
    setOpen(open);
    o.toggled?.(open);
    (open ? fields.inputs.channel : toggle).focus();
  });
  const el = h("div", { class: "jw-editor" }, [textarea, label, toggle, fields.el]);

  let open = true;
  const finish = (fn: () => void) => {
    if (!open) return;
    open = false;
    fn();
  };
  const readFields = () => {
    const out = {} as Record<Field, string | number | null>;
    for (const f of FIELDS) {
      const raw = fields.inputs[f].value.trim();
      out[f] = raw === "" ? null : f === "severity" ? Number(raw) : raw;
    }
    return out;
  };
  const old = {} as Record<Field, unknown>;
  for (const f of FIELDS) old[f] = card[f] ?? null;
  const editor: Editor = {
    el, textarea, scoreInput, cardId: card.id, oldText: card.text, oldScore: card.score, old,
    read: () => ({ text: textarea.value, score: scoreInput ? readScore(scoreInput) : undefined, fields: readFields() }),
    close: () => {
      open = false;
    },
  };

  el.addEventListener("keydown", (e) => {
    // Typing belongs to the editor: a host (JupyterLab) that sees a keydown inside a notebook
    // cell would run shortcuts or cancel the Shift+Enter line break (its beforeinput guard).
    e.stopPropagation();
    if (e.isComposing) return;
    if (e.key === "Escape") {
      e.preventDefault();
      finish(o.cancel);
    } else if (e.key === "Enter" && !e.shiftKey && e.target !== toggle) {
      e.preventDefault();
      finish(() => o.commit(editor.read(), true));
    }
  });
  el.addEventListener("focusout", (e) => {
    const next = e.relatedTarget as Node | null;
    if (o.busy() || (next && el.contains(next))) return;
    // The window lost focus (another tab or app): the editor keeps focus and stays open.
    const active = el.ownerDocument.activeElement;
    if (active && el.contains(active)) return;
    finish(() => o.commit(editor.read(), false));
  });
  return editor;
}
