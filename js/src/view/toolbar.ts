// The bar above the board: undo and redo (Python keeps the history), adding stages and lanes,
// and a polite live region that tells screen-reader users what an action did.
import { h } from "./h";

export interface Toolbar {
  el: HTMLElement;
  status: HTMLElement;
  undo: HTMLButtonElement;
  redo: HTMLButtonElement;
  addStage: HTMLButtonElement;
  addLane: HTMLButtonElement;
  /** Workshop tools, shown in read-only maps too: presentation mode and the map checks (hidden without a kernel). */
  present: HTMLButtonElement;
  check: HTMLButtonElement;
  /** Show or hide the editing tools (read-only maps have none). */
  setReadOnly(readOnly: boolean): void;
  setBusy(busy: boolean): void;
}

const MAC = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform ?? "");
const MOD = MAC ? "\u2318" : "Ctrl+";

export function createToolbar(): Toolbar {
  const undo = h("button", {
    type: "button", class: "jw-tool jw-undo", "data-jw-undo": true, "aria-keyshortcuts": "Control+Z Meta+Z",
    title: `Undo (${MOD}Z)`,
  }, "Undo");
  const redo = h("button", {
    type: "button", class: "jw-tool jw-redo", "data-jw-redo": true,
    "aria-keyshortcuts": "Control+Shift+Z Meta+Shift+Z Control+Y", title: `Redo (${MOD}Shift+Z)`,
  }, "Redo");
  const addStage = h("button", { type: "button", class: "jw-tool jw-tool-add", "data-jw-add-stage": true, title: "Add a stage at the end" }, "Stage");
  const addLane = h("button", { type: "button", class: "jw-tool jw-tool-add", "data-jw-add-lane": true, title: "Add a lane at the bottom" }, "Lane");
  const tools = h("div", { class: "jw-tools" }, [undo, redo, h("span", { class: "jw-tool-sep", "aria-hidden": "true" }), addStage, addLane]);
  const present = h("button", {
    type: "button", class: "jw-tool jw-present", "data-jw-present": true, "aria-pressed": "false",
    "aria-keyshortcuts": "P", title: "Present: full window, stage by stage (P; Escape leaves)",
  }, "Present");
  const check = h("button", {
    type: "button", class: "jw-tool jw-check", "data-jw-check": true, hidden: true,
    title: "Check the map (m.check()): empty stages, pain points without evidence, ...",
  }, "Check");
  const practice = h("div", { class: "jw-tools jw-practice-tools" }, [check, present]);
  const status = h("div", { class: "jw-status", role: "status", "aria-live": "polite", "data-jw-status": true });
  const el = h("div", { class: "jw-toolbar", role: "toolbar", "aria-label": "Map tools" }, [tools, practice, status]);
  let shownReadOnly: boolean | null = null;
  return {
    el, status, undo, redo, addStage, addLane, present, check,
    setReadOnly(readOnly) {
      if (readOnly === shownReadOnly) return;
      shownReadOnly = readOnly;
      tools.hidden = readOnly;
      if (readOnly) status.textContent = "Read only";
      else if (status.textContent === "Read only") status.textContent = "";
    },
    setBusy(busy) {
      for (const b of [undo, redo]) b.toggleAttribute("aria-busy", busy);
    },
  };
}
