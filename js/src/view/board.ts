// The board frame: a CSS grid with a sticky lane-header column, stage headers spanning their
// step columns, step headers below, one row of cells per lane (emotion lanes add a curve row).
// Rebuilt only when its shape changes; cards are placed into it by the view.
import type { Column } from "../columns";
import { cellKey } from "../columns";
import type { Lane, Structure } from "../model/types";
import { CURVE_HEIGHT, laneTone, tonePlural } from "../vocabulary";
import { createCurve } from "./curve";
import { h } from "./h";
import { createPrompt } from "./prompts";

export type HeaderAxis = "stage" | "step" | "lane";

/** A stage, step or lane header: what structure editing acts on. */
export interface HeaderTarget {
  axis: HeaderAxis;
  name: string;
  /** The stage of a step. */
  stage: string | null;
}

export function headerKey(t: HeaderTarget): string {
  return JSON.stringify([t.axis, t.stage, t.name]);
}

export interface CellView {
  el: HTMLElement;
  list: HTMLElement;
  stage: string;
  step: string | null;
  lane: string;
  /** "Show N more" / "Show fewer", when the cell is collapsed or expanded past the budget. */
  more: HTMLButtonElement | null;
  /** The lane's guiding prompt, shown while the cell is empty (prompts.ts). */
  prompt: HTMLElement | null;
}

export interface Frame {
  el: HTMLElement;
  cells: Map<string, CellView>;
  curves: Map<string, SVGSVGElement>;
  legends: Map<string, HTMLElement>;
  /** Header elements by headerKey(). */
  headers: Map<string, HTMLElement>;
  byEl: WeakMap<Element, CellView>;
  /** Lane names in order and columns, for keyboard moves. */
  lanes: string[];
  columns: readonly Column[];
}

/** What the frame depends on; a new key means a new frame. */
export function frameKey(st: Structure, columns: readonly Column[], readOnly: boolean): string {
  return JSON.stringify([columns, st.lanes, st.stages.map((x) => [x.description ?? "", x.steps.length]), st.scale, readOnly]);
}

function place(el: HTMLElement | SVGElement, row: number, col: number, span = 1): void {
  el.style.gridRow = String(row);
  el.style.gridColumn = span > 1 ? `${col} / span ${span}` : String(col);
}

function fmt(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function menuButton(t: HeaderTarget, readOnly: boolean): HTMLButtonElement | null {
  if (readOnly) return null;
  const what = t.axis === "step" ? `step ${t.name} of ${t.stage}` : `${t.axis} ${t.name}`;
  return h("button", {
    type: "button", class: "jw-menu-btn", "data-jw-menu": t.axis, "data-name": t.name,
    "data-stage": t.stage, "aria-haspopup": "menu", "aria-expanded": "false",
    "aria-label": `Actions for ${what}`, title: "Rename, move, add, delete",
    "aria-keyshortcuts": "F2 Delete",
  });
}

// eslint-disable-next-line max-lines-per-function -- the grid read top to bottom: headers, then each lane's row
export function buildFrame(st: Structure, columns: readonly Column[], readOnly: boolean): Frame {
  const cells = new Map<string, CellView>();
  const curves = new Map<string, SVGSVGElement>();
  const legends = new Map<string, HTMLElement>();
  const headers = new Map<string, HTMLElement>();
  const byEl = new WeakMap<Element, CellView>();
  const board = h("div", { class: "jw-board", role: "table", "aria-label": st.title || "Customer journey map" });
  board.style.gridTemplateColumns = `var(--jw-lane-width) repeat(${columns.length}, var(--jw-col-width))`;
  const hasSteps = columns.some((c) => c.step != null) || st.stages.some((s) => s.steps.length);

  // Stage header row.
  let row = 1;
  const stageRow = h("div", { role: "row", class: "jw-row" });
  const corner = h("div", { role: "columnheader", class: "jw-corner" }, "Stage");
  place(corner, row, 1, 1);
  stageRow.appendChild(corner);
  let col = 2;
  for (const stage of st.stages) {
    const span = columns.filter((c) => c.stage === stage.name).length;
    if (!span) continue;
    const t: HeaderTarget = { axis: "stage", name: stage.name, stage: null };
    const head = h("div", {
      role: "columnheader", class: "jw-stage", "data-jw-stage": stage.name,
      "aria-label": `Stage ${stage.name}`, title: stage.description || null,
    }, [h("span", { class: "jw-head-label" }, stage.name), menuButton(t, readOnly)]);
    place(head, row, col, span);
    stageRow.appendChild(head);
    headers.set(headerKey(t), head);
    col += span;
  }
  board.appendChild(stageRow);

  // Step header row.
  if (hasSteps) {
    row++;
    const stepRow = h("div", { role: "row", class: "jw-row" });
    const c2 = h("div", { role: "columnheader", class: "jw-corner jw-corner-step" }, "Step");
    place(c2, row, 1);
    stepRow.appendChild(c2);
    columns.forEach((c, i) => {
      let head: HTMLElement;
      if (c.step == null) {
        head = h("div", { role: "columnheader", class: "jw-step jw-step-none", "aria-label": `${c.stage}, no step` });
      } else {
        const t: HeaderTarget = { axis: "step", name: c.step, stage: c.stage };
        head = h("div", {
          role: "columnheader", class: "jw-step", "data-jw-step": c.step, "data-stage": c.stage,
          "aria-label": `Step ${c.step} of ${c.stage}`,
        }, [h("span", { class: "jw-head-label" }, c.step), menuButton(t, readOnly)]);
        headers.set(headerKey(t), head);
      }
      place(head, row, i + 2);
      stepRow.appendChild(head);
    });
    board.appendChild(stepRow);
  }

  // Lane rows.
  for (const lane of st.lanes) {
    row++;
    const tone = laneTone(lane.name);
    const toneCls = tone ? ` jw-tone-${tone}` : "";
    const r = h("div", { role: "row", class: "jw-row" });
    const emotion = lane.kind === "emotion";
    const t: HeaderTarget = { axis: "lane", name: lane.name, stage: null };
    const legend = emotion ? h("ul", { class: "jw-legend", "aria-label": "Personas" }) : null;
    const head = h("div", {
      role: "rowheader", class: `jw-lane${toneCls}`, "data-jw-lane": lane.name,
      "data-jw-lane-kind": lane.kind, "aria-label": `Lane ${lane.name}${laneKindLabel(lane)}`,
    }, [
      h("span", { class: "jw-lane-title" }, [h("span", { class: "jw-lane-name jw-head-label" }, lane.name), menuButton(t, readOnly)]),
      emotion ? h("span", { class: "jw-lane-scale" }, `${fmt(st.scale.min)} to ${fmt(st.scale.max)}`) : null,
      legend,
    ]);
    headers.set(headerKey(t), head);
    place(head, row, 1, 1);
    if (emotion) head.style.gridRow = `${row} / span 2`;
    r.appendChild(head);
    if (emotion) {
      const svg = createCurve(lane.name);
      const wrap = h("div", { class: "jw-curve-wrap", role: "cell" }, [svg]);
      wrap.style.height = `${CURVE_HEIGHT}px`;
      place(wrap, row, 2, Math.max(1, columns.length));
      r.appendChild(wrap);
      curves.set(lane.name, svg);
      legends.set(lane.name, legend!);
      row++;
    }
    columns.forEach((c, i) => {
      const list = h("div", { class: "jw-cards" });
      const prompt = createPrompt(lane, readOnly);
      const label = `${c.stage}${c.step == null ? "" : ` / ${c.step}`}, ${lane.name}`;
      const add = readOnly ? null : h("button", {
        type: "button", class: "jw-add", "data-jw-add": true, title: "Add card",
        "aria-label": `Add card to ${c.stage}/${lane.name}${c.step == null ? "" : ` (${c.step})`}`,
      });
      const cell = h("div", {
        role: "cell", class: `jw-cell jw-kind-${lane.kind}${toneCls}`, "data-jw-cell": true, "data-stage": c.stage,
        "data-step": c.step ?? "", "data-lane": lane.name, "aria-label": label,
      }, [list, prompt, add]);
      place(cell, row, i + 2);
      r.appendChild(cell);
      const view: CellView = { el: cell, list, stage: c.stage, step: c.step, lane: lane.name, more: null, prompt };
      cells.set(cellKey(c.stage, c.step, lane.name), view);
      byEl.set(cell, view);
    });
    board.appendChild(r);
  }
  return { el: board, cells, curves, legends, headers, byEl, lanes: st.lanes.map((l) => l.name), columns };
}

function laneKindLabel(lane: Lane): string {
  if (lane.kind === "emotion") return ", emotion curve";
  if (lane.kind === "metric") return ", metric";
  const tone = laneTone(lane.name);
  return tone ? `, ${tonePlural(tone)}` : "";
}

/** The cell's "Show N more" (hidden > 0) or "Show fewer" (expanded past the budget) button. */
export function setMore(cell: CellView, hidden: number, expanded: boolean, collapsible: boolean): void {
  const want = hidden > 0 ? `Show ${hidden} more` : expanded && collapsible ? "Show fewer" : null;
  if (!want) {
    cell.more?.remove();
    cell.more = null;
    return;
  }
  if (!cell.more) {
    cell.more = h("button", { type: "button", class: "jw-more" });
    cell.list.after(cell.more);
  }
  if (cell.more.textContent !== want) cell.more.textContent = want;
  cell.more.toggleAttribute("data-jw-more", hidden > 0);
  cell.more.toggleAttribute("data-jw-less", hidden <= 0);
  cell.more.setAttribute("aria-label", `${want} cards in ${cell.stage}${cell.step == null ? "" : ` / ${cell.step}`}, ${cell.lane}`);
}
