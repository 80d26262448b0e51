// Guiding prompts: a template's lane carries a question ("What is the customer doing?") shown as
// quiet placeholder text in each empty cell of that lane. One element per cell, built with the
// frame (so the frame's element count, and with it the DOM budget, includes it) and hidden as
// soon as the cell holds a card. Read-only views (and presentation mode) show no prompts:
// nobody there can answer them.
import type { Lane } from "../model/types";
import type { Frame } from "./board";
import { h } from "./h";

/** The prompt element of a new cell, or null when the lane has no prompt or the view is read-only. */
export function createPrompt(lane: Lane, readOnly: boolean): HTMLElement | null {
  const text = lane.prompt?.trim();
  if (!text || readOnly) return null;
  return h("div", { class: "jw-prompt", "data-jw-prompt": true }, text); // text only, never markup
}

/** Show each cell's prompt only while the cell is empty. Cheap: touches only changed cells. */
export function syncPrompts(frame: Frame): void {
  for (const cell of frame.cells.values()) {
    const p = cell.prompt;
    if (!p) continue;
    const hide = cell.list.firstElementChild != null;
    if (p.hidden !== hide) p.hidden = hide;
  }
}
