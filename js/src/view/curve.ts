// The emotion curve of one emotion lane: a polyline through its scored cards, column by
// column in map order, y by the map's scale, with a neutral line at 0 inside the scale.
import type { Column } from "../columns";
import { cellKey } from "../columns";
import type { Card, Scale } from "../model/types";
import { s } from "./h";

export const CURVE_HEIGHT = 112;
const PAD = 14;

export interface CurvePoint {
  id: string;
  x: number;
  y: number;
  score: number;
  text: string;
  group: string;
}

/** Points of the scored cards of `lane`; several cards in one cell share its width. */
export function curvePoints(
  lane: string, columns: readonly Column[], cards: readonly Card[], scale: Scale, colWidth: number,
): CurvePoint[] {
  const byCell = new Map<string, Card[]>();
  for (const c of cards) {
    if (c.lane !== lane || c.score == null) continue;
    const k = cellKey(c.stage, c.step, lane);
    const list = byCell.get(k);
    if (list) list.push(c);
    else byCell.set(k, [c]);
  }
  const span = scale.max - scale.min;
  const points: CurvePoint[] = [];
  columns.forEach((col, i) => {
    const list = byCell.get(cellKey(col.stage, col.step, lane)) ?? [];
    list.forEach((c, j) => {
      const score = c.score as number;
      const clamped = Math.min(scale.max, Math.max(scale.min, score));
      points.push({
        id: c.id,
        x: i * colWidth + ((j + 1) * colWidth) / (list.length + 1),
        y: PAD + ((scale.max - clamped) / span) * (CURVE_HEIGHT - 2 * PAD),
        score,
        text: c.text,
        group: typeof c.persona === "string" ? c.persona : "",
      });
    });
  });
  return points;
}

export function createCurve(lane: string): SVGSVGElement {
  return s("svg", {
    class: "jw-curve", "data-jw-emotion-curve": lane, role: "img",
    "aria-label": `Emotion curve of ${lane}`,
  });
}

/** Redraw the curve's content (cheap: one polyline per persona and one circle per card). */
export function drawCurve(
  svg: SVGSVGElement, lane: string, columns: readonly Column[], cards: readonly Card[],
  scale: Scale, colWidth: number,
): void {
  const width = Math.max(1, columns.length * colWidth);
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(CURVE_HEIGHT));
  svg.setAttribute("viewBox", `0 0 ${width} ${CURVE_HEIGHT}`);
  svg.textContent = "";
  if (scale.min < 0 && scale.max > 0) {
    const y = PAD + (scale.max / (scale.max - scale.min)) * (CURVE_HEIGHT - 2 * PAD);
    svg.appendChild(s("line", { class: "jw-neutral", x1: 0, x2: width, y1: y, y2: y }));
  }
  const points = curvePoints(lane, columns, cards, scale, colWidth);
  const groups = new Map<string, CurvePoint[]>();
  for (const p of points) {
    const list = groups.get(p.group);
    if (list) list.push(p);
    else groups.set(p.group, [p]);
  }
  let n = 0;
  for (const [group, list] of groups) {
    const cls = `jw-line jw-series-${n++ % 4}`;
    svg.appendChild(s("polyline", {
      class: cls, "data-persona": group || null,
      points: list.map((p) => `${round(p.x)},${round(p.y)}`).join(" "),
    }));
    for (const p of list) {
      const tone = p.score > 0 ? "jw-pos" : p.score < 0 ? "jw-neg" : "jw-zero";
      svg.appendChild(s("circle", {
        class: `jw-point ${tone}`, "data-jw-point": p.id, "data-score": p.score,
        cx: round(p.x), cy: round(p.y), r: 5,
      }, [s("title", {}, p.text)]));
    }
  }
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
