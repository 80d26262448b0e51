// The zoom arithmetic of the board (issue 19), kept pure so it is tested without a browser.
// The board's natural width comes from the vocabulary's geometry (the lane-header column plus one
// column per map column); the zoom is a factor on it, applied by CSS (`zoom: var(--jw-zoom)` on
// the board and the chart overlays, zoom.css), so the DOM, the curves' coordinates and the
// overlays' alignment stay what they are at 100%.
import { COLUMN_WIDTH, LANE_WIDTH } from "../vocabulary";

/**
 * The smallest zoom: columns about 100 px wide. Card text never goes below MIN_TEXT_PX there
 * (zoom.css floors it), so this is where the map stays readable; past it the board scrolls.
 */
export const ZOOM_MIN = 0.45;
export const ZOOM_MAX = 2;
/** The readable minimum of card text, in screen pixels (zoom.css `--jw-min-text`). */
export const MIN_TEXT_PX = 11;
/** The text size of the board at 100% (JupyterLab's `--jp-ui-font-size1`). */
export const BASE_TEXT_PX = 13;
/** The stops of the in / out buttons and keys. */
export const ZOOM_STEPS: readonly number[] = [0.45, 0.5, 0.6, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2];

/** "fit": follow the output area's width; a number: the user's own scale. */
export type ZoomMode = "fit" | number;

/** The board's width (px) at 100%: the lane-header column and `columns` map columns. */
export function naturalWidth(columns: number): number {
  return LANE_WIDTH + Math.max(columns, 1) * COLUMN_WIDTH;
}

export function clampZoom(z: number): number {
  if (!Number.isFinite(z)) return 1;
  return Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, z));
}

/**
 * The scale that fits a board of `natural` px into `available` px: 1 when it fits already
 * (fitting never enlarges), never below ZOOM_MIN; 1 when the width is unknown (0, a hidden
 * output). Rounded down to 1/1000 with a pixel to spare, so rounding never adds a scroll bar.
 */
export function fitZoom(available: number, natural: number): number {
  if (!(available > 0) || !(natural > 0)) return 1;
  const z = Math.floor(((available - 1) / natural) * 1000) / 1000;
  return clampZoom(Math.min(1, z));
}

/** The next stop up (`dir` 1) or down (-1) from `z`; `z` itself clamped at the ends. */
export function stepZoom(z: number, dir: 1 | -1): number {
  const eps = 1e-3;
  if (dir > 0) return ZOOM_STEPS.find((s) => s > z + eps) ?? ZOOM_MAX;
  for (let i = ZOOM_STEPS.length - 1; i >= 0; i--) if (ZOOM_STEPS[i]! < z - eps) return ZOOM_STEPS[i]!;
  return ZOOM_MIN;
}

/** Ctrl/Cmd + wheel: a smooth factor per wheel delta (a notch of 100 is about 18%). */
export function wheelZoom(z: number, deltaY: number): number {
  return Math.round(clampZoom(z * Math.exp(-deltaY / 600)) * 1000) / 1000;
}

/** True when the board's text is held at MIN_TEXT_PX (it would be smaller): cards clamp then. */
export function textFloored(z: number): boolean {
  return BASE_TEXT_PX * z < MIN_TEXT_PX - 1e-9;
}

/** True when a board of `natural` px at scale `z` is wider than `available` px. */
export function overflows(available: number, natural: number, z: number): boolean {
  return available > 0 && natural * z > available + 0.5;
}

/** "62%". */
export function percent(z: number): string {
  return `${Math.round(z * 100)}%`;
}

/** What the status line says after a change: "Zoom 62%, fit to width". */
export function zoomMessage(mode: ZoomMode, z: number, scrolls: boolean): string {
  if (mode !== "fit") return `Zoom ${percent(z)}${scrolls ? ", scroll sideways for more" : ""}`;
  if (scrolls) return `Zoom ${percent(z)}: the smallest readable size; scroll sideways for more`;
  return `Zoom ${percent(z)}, fit to width`;
}

/** Which key zooms: "in", "out", "reset" (Ctrl/Cmd with =, +, -, _, 0), else null. */
export function zoomKey(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey">): "in" | "out" | "reset" | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  if (e.key === "=" || e.key === "+") return "in";
  if (e.key === "-" || e.key === "_") return "out";
  if (e.key === "0") return "reset";
  return null;
}

/** Where each stage's columns start and end on the board at 100% (px, lane column excluded). */
export function stageSpans(spans: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let at = 0;
  for (const n of spans) {
    out.push([at * COLUMN_WIDTH, (at + n) * COLUMN_WIDTH]);
    at += n;
  }
  return out;
}

/** True when [a, b) (board px at 100%) shows in a scroller at `left` with `width` px visible, at scale z. */
export function inView(span: readonly [number, number], left: number, width: number, z: number): boolean {
  const from = left / z;
  const to = (left + width) / z - LANE_WIDTH; // the sticky lane column covers the left edge
  return span[1] > from + 1 && span[0] < to - 1;
}
