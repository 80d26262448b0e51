// The emotion curve of one emotion lane: a polyline through its scored cards, column by
// column in map order, y by the map's scale, with a neutral line at 0 inside the scale.
// One line per persona when cards carry `persona`; each point is a slider (curvedrag.ts).
import type { Column } from "../columns";
import { cellKey } from "../columns";
import type { Card, Scale } from "../model/types";
import { CURVE_HEIGHT, CURVE_PAD as PAD, CURVE_SERIES } from "../vocabulary";
import { formatScore } from "./card";
import { h, s } from "./h";

export interface CurvePoint {
  id: string;
  x: number;
  y: number;
  score: number;
  text: string;
  group: string;
}

export function scoreToY(score: number, scale: Scale): number {
  const clamped = Math.min(scale.max, Math.max(scale.min, score));
  return PAD + ((scale.max - clamped) / (scale.max - scale.min)) * (CURVE_HEIGHT - 2 * PAD);
}

/** The score at height `y`, snapped to the scale's resolution and kept inside the scale. */
export function yToScore(y: number, scale: Scale): number {
  const raw = scale.max - ((y - PAD) / (CURVE_HEIGHT - 2 * PAD)) * (scale.max - scale.min);
  return snap(raw, scale);
}

export function snap(value: number, scale: Scale): number {
  const steps = Math.round((value - scale.min) / scale.step);
  const v = Math.min(scale.max, Math.max(scale.min, scale.min + steps * scale.step));
  return Math.round(v * 1e6) / 1e6;
}

export function signed(n: number): string {
  return n > 0 ? `+${formatScore(n)}` : formatScore(n);
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
  const points: CurvePoint[] = [];
  columns.forEach((col, i) => {
    const list = byCell.get(cellKey(col.stage, col.step, lane)) ?? [];
    list.forEach((c, j) => {
      const score = c.score as number;
      points.push({
        id: c.id,
        x: i * colWidth + ((j + 1) * colWidth) / (list.length + 1),
        y: scoreToY(score, scale),
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
    class: "jw-curve", "data-jw-emotion-curve": lane, role: "group",
    "aria-label": `Emotion curve of ${lane}`,
  });
}

export interface CurveOptions {
  /** Only these cards get a point element (the budget); the line goes through all. */
  visible: ReadonlySet<string> | null;
  readOnly: boolean;
  /** The lane header's legend, listing the personas when there is more than one line. */
  legend: HTMLElement | null;
}

interface Drawn {
  neutral: SVGLineElement | null;
  lines: Map<string, SVGPolylineElement>;
  points: Map<string, { el: SVGCircleElement; title: SVGTitleElement; key: string }>;
}

const drawn = new WeakMap<SVGSVGElement, Drawn>();

function setAll(el: Element, attrs: Record<string, string | number | null>): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null) el.removeAttribute(k);
    else if (el.getAttribute(k) !== String(v)) el.setAttribute(k, String(v));
  }
}

/**
 * Draw the curve, reusing its elements: one polyline per persona and one circle per shown card,
 * kept by id (a focused or dragged point stays the same element across redraws).
 */
// eslint-disable-next-line max-lines-per-function -- one pass that reuses elements: lines, then points by id
export function drawCurve(
  svg: SVGSVGElement, lane: string, columns: readonly Column[], cards: readonly Card[],
  scale: Scale, colWidth: number, o: CurveOptions,
): void {
  const width = Math.max(1, columns.length * colWidth);
  setAll(svg, { width, height: CURVE_HEIGHT, viewBox: `0 0 ${width} ${CURVE_HEIGHT}` });
  let d = drawn.get(svg);
  if (!d) drawn.set(svg, (d = { neutral: null, lines: new Map(), points: new Map() }));
  if (scale.min < 0 && scale.max > 0) {
    const y = scoreToY(0, scale);
    d.neutral ??= svg.insertBefore(s("line", { class: "jw-neutral" }), svg.firstChild);
    setAll(d.neutral, { x1: 0, x2: width, y1: y, y2: y });
  } else {
    d.neutral?.remove();
    d.neutral = null;
  }
  const groups = new Map<string, CurvePoint[]>();
  for (const p of curvePoints(lane, columns, cards, scale, colWidth)) {
    const list = groups.get(p.group);
    if (list) list.push(p);
    else groups.set(p.group, [p]);
  }
  let n = 0;
  const legend: Array<[string, number]> = [];
  const seen = new Set<string>();
  for (const [group, list] of groups) {
    const series = n++ % CURVE_SERIES;
    legend.push([group, series]);
    let line = d.lines.get(group);
    if (!line) {
      line = s("polyline", { "data-persona": group || null });
      svg.insertBefore(line, d.points.values().next().value?.el ?? null);
      d.lines.set(group, line);
    }
    setAll(line, { class: `jw-line jw-series-${series}`, points: list.map((p) => `${round(p.x)},${round(p.y)}`).join(" ") });
    for (const p of list) {
      if (o.visible && !o.visible.has(p.id)) continue;
      seen.add(p.id);
      const tone = p.score > 0 ? "jw-pos" : p.score < 0 ? "jw-neg" : "jw-zero";
      const label = `${p.text.trim() || "Empty card"}${group ? ` (${group})` : ""}`;
      const key = [series, tone, round(p.x), round(p.y), p.score, label, o.readOnly, scale.min, scale.max].join("\u0000");
      let v = d.points.get(p.id);
      if (!v) {
        const title = s("title");
        const el = s("circle", { "data-jw-point": p.id, r: 6, tabindex: 0, role: "slider" }, [title]);
        svg.appendChild(el);
        d.points.set(p.id, (v = { el, title, key: "" }));
      }
      if (v.key === key) continue;
      v.key = key;
      setAll(v.el, {
        class: `jw-point jw-series-${series} ${tone}`, "data-score": p.score, "data-persona": group || null,
        cx: round(p.x), cy: round(p.y), "aria-label": `Emotion: ${label}`, "aria-valuemin": scale.min,
        "aria-valuemax": scale.max, "aria-valuenow": p.score, "aria-valuetext": signed(p.score),
        "aria-readonly": o.readOnly ? "true" : null,
      });
      if (v.title.textContent !== p.text) v.title.textContent = p.text;
    }
  }
  for (const [group, line] of d.lines) {
    if (groups.has(group)) continue;
    line.remove();
    d.lines.delete(group);
  }
  for (const [id, v] of d.points) {
    if (seen.has(id)) continue;
    v.el.remove();
    d.points.delete(id);
  }
  if (o.legend) drawLegend(o.legend, legend);
}

function drawLegend(el: HTMLElement, series: Array<[string, number]>): void {
  el.textContent = "";
  if (series.length < 2 && !series[0]?.[0]) return;
  for (const [group, n] of series) {
    el.appendChild(h("li", { class: "jw-legend-item" }, [
      h("span", { class: `jw-swatch jw-series-${n}`, "aria-hidden": "true" }),
      h("span", {}, group || "(no persona)"),
    ]));
  }
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
