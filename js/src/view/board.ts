// The board frame: a CSS grid with a sticky lane-header column, stage headers spanning their
// step columns, step headers below, one row of cells per lane (emotion lanes add a curve row).
// Rebuilt only when its shape changes; cards are placed into it by the view.
import type { Column } from "../columns";
import { cellKey } from "../columns";
import type { Lane, Structure } from "../model/types";
import { createCurve, CURVE_HEIGHT } from "./curve";
import { h } from "./h";

export const COLUMN_WIDTH = 220;

export interface CellView {
  el: HTMLElement;
  list: HTMLElement;
  stage: string;
  step: string | null;
  lane: string;
}

export interface Frame {
  el: HTMLElement;
  cells: Map<string, CellView>;
  curves: Map<string, SVGSVGElement>;
  byEl: WeakMap<Element, CellView>;
}

/** What the frame depends on; a new key means a new frame. */
export function frameKey(st: Structure, columns: readonly Column[], readOnly: boolean): string {
  return JSON.stringify([columns, st.lanes, st.stages.map((x) => x.description ?? ""), st.scale, readOnly]);
}

function place(el: HTMLElement | SVGElement, row: number, col: number, span = 1): void {
  el.style.gridRow = String(row);
  el.style.gridColumn = span > 1 ? `${col} / span ${span}` : String(col);
}

function laneTone(lane: Lane): string {
  if (/pain/i.test(lane.name)) return " jw-tone-pain";
  if (/opportunit|idea/i.test(lane.name)) return " jw-tone-opportunity";
  return "";
}

function fmt(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

export function buildFrame(st: Structure, columns: readonly Column[], readOnly: boolean): Frame {
  const cells = new Map<string, CellView>();
  const curves = new Map<string, SVGSVGElement>();
  const byEl = new WeakMap<Element, CellView>();
  const board = h("div", { class: "jw-board" });
  board.style.gridTemplateColumns = `var(--jw-lane-width, 148px) repeat(${columns.length}, var(--jw-col-width))`;
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
    const head = h("div", {
      role: "columnheader", class: "jw-stage", "data-jw-stage": stage.name,
      "aria-label": `Stage ${stage.name}`, title: stage.description || null,
    }, stage.name);
    place(head, row, col, span);
    stageRow.appendChild(head);
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
      const head = c.step == null
        ? h("div", { role: "columnheader", class: "jw-step jw-step-none", "aria-label": `${c.stage}, no step` })
        : h("div", {
            role: "columnheader", class: "jw-step", "data-jw-step": c.step, "data-stage": c.stage,
            "aria-label": `Step ${c.step} of ${c.stage}`,
          }, c.step);
      place(head, row, i + 2);
      stepRow.appendChild(head);
    });
    board.appendChild(stepRow);
  }

  // Lane rows.
  for (const lane of st.lanes) {
    row++;
    const tone = laneTone(lane);
    const r = h("div", { role: "row", class: "jw-row" });
    const emotion = lane.kind === "emotion";
    const head = h("div", {
      role: "rowheader", class: `jw-lane${tone}`, "data-jw-lane": lane.name,
      "data-jw-lane-kind": lane.kind, "aria-label": `Lane ${lane.name}`,
    }, [
      h("span", { class: "jw-lane-name" }, lane.name),
      emotion ? h("span", { class: "jw-lane-scale" }, `${fmt(st.scale.min)} to ${fmt(st.scale.max)}`) : null,
    ]);
    place(head, row, 1, 1);
    if (emotion) head.style.gridRow = `${row} / span 2`;
    r.appendChild(head);
    if (emotion) {
      const svg = createCurve(lane.name);
      const wrap = h("div", { class: "jw-curve-wrap" }, [svg]);
      wrap.style.height = `${CURVE_HEIGHT}px`;
      place(wrap, row, 2, Math.max(1, columns.length));
      r.appendChild(wrap);
      curves.set(lane.name, svg);
      row++;
    }
    columns.forEach((c, i) => {
      const list = h("div", { class: "jw-cards" });
      const label = `${c.stage}${c.step == null ? "" : ` / ${c.step}`}, ${lane.name}`;
      const add = readOnly ? null : h("button", {
        type: "button", class: "jw-add", "data-jw-add": true, title: "Add card",
        "aria-label": `Add card to ${c.stage}/${lane.name}${c.step == null ? "" : ` (${c.step})`}`,
      }, "+");
      const cell = h("div", {
        role: "cell", class: `jw-cell jw-kind-${lane.kind}${tone}`, "data-jw-cell": true, "data-stage": c.stage,
        "data-step": c.step ?? "", "data-lane": lane.name, "aria-label": label,
      }, [list, add]);
      place(cell, row, i + 2);
      r.appendChild(cell);
      const view = { el: cell, list, stage: c.stage, step: c.step, lane: lane.name };
      cells.set(cellKey(c.stage, c.step, lane.name), view);
      byEl.set(cell, view);
    });
    board.appendChild(r);
  }
  return { el: board, cells, curves, byEl };
}
