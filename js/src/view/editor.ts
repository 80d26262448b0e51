// The in-place editor of one card: a textarea, plus a score input on emotion and metric lanes.
// Enter commits, Shift+Enter is a newline, Escape cancels, leaving it (blur) commits.
import type { Card, LaneKind, Scale } from "../model/types";
import { h } from "./h";

export interface EditResult {
  text: string;
  /** undefined when the editor has no score input; null when the input is empty. */
  score: number | null | undefined;
}

export interface EditorOptions {
  card: Card;
  kind: LaneKind;
  scale: Scale;
  /** True while the view re-renders: focus changes then are not the user leaving. */
  busy: () => boolean;
  commit: (result: EditResult, byKey: boolean) => void;
  cancel: () => void;
}

export interface Editor {
  el: HTMLElement;
  textarea: HTMLTextAreaElement;
  scoreInput: HTMLInputElement | null;
  cardId: string;
  /** The card's values when the editor opened: sent as `old`. */
  oldText: string;
  oldScore: number | null;
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
  const el = h("div", { class: "jw-editor" }, [textarea, label]);

  let open = true;
  const finish = (fn: () => void) => {
    if (!open) return;
    open = false;
    fn();
  };
  const editor: Editor = {
    el, textarea, scoreInput, cardId: card.id, oldText: card.text, oldScore: card.score,
    read: () => ({ text: textarea.value, score: scoreInput ? readScore(scoreInput) : undefined }),
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
      e.stopPropagation();
      finish(o.cancel);
    } else if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      e.stopPropagation();
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
