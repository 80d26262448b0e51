// Chart overlays under the map (the `overlays` trait, rendered to SVG by the kernel).
// Each chart is an <img data-jw-overlay="<name>"> with a base64 data: URL: an image runs no
// script and fetches nothing, and SVG markup is never inserted into the page. The kernel draws
// each chart with its y axis in a left margin as wide as the lane-header column and one x band
// per map column (`left`, `column_width`), so at the board's left edge band i sits under
// column i; when the board's widths differ the image is scaled and shifted to match.
import { chartDataDetails, normalizeTables, type ChartTable } from "../chartdata";
import type { Column } from "../columns";
import { LANE_WIDTH } from "../vocabulary";
import { h } from "./h";

export interface Overlay {
  name: string;
  svg: string;
  /** The map columns the chart was drawn for, as [stage, step]. */
  columns: Array<[string, string | null]>;
  width: number;
  height: number;
  /** Left margin (px) before the first column band; the kernel uses the lane-header width. */
  left: number;
  /** Width (px) of one column band. */
  column_width: number;
  /** The chart's data: its text alternative, shown under a <details> (chartdata.ts). */
  tables?: ChartTable[];
}

/** Where overlays come from: the widget model, or anything else that holds them. */
export interface OverlaySource {
  get(): readonly Overlay[];
  onChange(cb: () => void): () => void;
}

interface TraitModel {
  get(name: string): unknown;
  on(event: string, cb: () => void): void;
  off(event?: string | null, cb?: (() => void) | null): void;
}

const TITLES: Record<string, string> = { emotion: "Emotion curve chart", metrics: "Stage metrics chart" };

function num(v: unknown, fallback: number): number {
  return typeof v === "number" && Number.isFinite(v) ? v : fallback;
}

/** Keep only well-formed overlay entries (the trait is data from the kernel, never trusted). */
export function normalizeOverlays(raw: unknown): Overlay[] {
  if (!Array.isArray(raw)) return [];
  const out: Overlay[] = [];
  for (const o of raw) {
    if (!o || typeof o !== "object") continue;
    const r = o as Record<string, unknown>;
    if (typeof r.name !== "string" || typeof r.svg !== "string") continue;
    const columns = Array.isArray(r.columns)
      ? r.columns.filter((c): c is [string, string | null] =>
          Array.isArray(c) && typeof c[0] === "string" && (c[1] === null || typeof c[1] === "string"))
      : [];
    const tables = normalizeTables(r.tables);
    out.push({
      name: r.name, svg: r.svg, columns, width: num(r.width, 0), height: num(r.height, 0),
      left: num(r.left, LANE_WIDTH), column_width: num(r.column_width, 0), ...(tables.length ? { tables } : {}),
    });
  }
  return out;
}

/** The `overlays` trait of an anywidget model as an OverlaySource. */
export function traitOverlays(model: TraitModel): OverlaySource {
  let raw: unknown;
  let cached: Overlay[] = [];
  return {
    get() {
      const now = model.get("overlays");
      if (now !== raw) [raw, cached] = [now, normalizeOverlays(now)];
      return cached;
    },
    onChange(cb) {
      const handler = () => cb();
      model.on("change:overlays", handler);
      return () => model.off("change:overlays", handler);
    },
  };
}

/** SVG text as a base64 data: URL (UTF-8 encoded first, so any text survives). */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

function sameColumns(a: ReadonlyArray<[string, string | null]>, b: readonly Column[]): boolean {
  return a.length === b.length && a.every(([stage, step], i) => stage === b[i]!.stage && step === b[i]!.step);
}

export class OverlayView {
  /** The container: place it after the board, inside the board's scroll box. */
  readonly el = h("div", { class: "jw-overlays", "data-jw-overlays": true });
  private imgs = new Map<string, { img: HTMLImageElement; svg: string }>();
  /** The charts' data tables, last in `el` (after the images). */
  private data = h("div", { class: "jw-overlay-data", "data-jw-overlay-data": true });
  private columns: readonly Column[] | null = null;
  private columnWidth = 0;
  private laneWidth = LANE_WIDTH;
  private off: () => void;

  constructor(private source: OverlaySource) {
    this.el.style.width = "max-content";
    this.el.appendChild(this.data);
    this.off = source.onChange(() => this.update());
    this.update();
  }

  /** Keep the overlays last in `scroll` (under the board) and lined up with `columns`. */
  place(scroll: HTMLElement, columns: readonly Column[], columnWidth: number, laneWidth = LANE_WIDTH): void {
    if (this.el.parentNode !== scroll || scroll.lastElementChild !== this.el) scroll.appendChild(this.el);
    this.columns = columns;
    this.columnWidth = columnWidth;
    this.laneWidth = laneWidth;
    this.layout();
  }

  update(): void {
    const overlays = this.source.get();
    const names = new Set(overlays.map((o) => o.name));
    for (const [name, v] of this.imgs) {
      if (!names.has(name)) {
        v.img.remove();
        this.data.querySelector(`[data-jw-chart-data="${CSS.escape(name)}"]`)?.remove();
        this.imgs.delete(name);
      }
    }
    overlays.forEach((o, i) => {
      let v = this.imgs.get(o.name);
      if (!v) {
        const img = h("img", {
          class: "jw-overlay", "data-jw-overlay": o.name, alt: TITLES[o.name] ?? `${o.name} chart`,
          draggable: "false",
        });
        img.style.display = "block";
        img.style.marginTop = "6px";
        v = { img, svg: "" };
        this.imgs.set(o.name, v);
      }
      if (v.svg !== o.svg) {
        v.img.src = svgDataUrl(o.svg);
        v.svg = o.svg;
        this.data.querySelector(`[data-jw-chart-data="${CSS.escape(o.name)}"]`)?.remove();
        const details = chartDataDetails(o.name, TITLES[o.name] ?? `${o.name} chart`, o.tables ?? []);
        if (details) this.data.appendChild(details);
      }
      if (this.el.children[i] !== v.img) this.el.insertBefore(v.img, this.el.children[i] ?? null);
    });
    this.layout();
  }

  private layout(): void {
    for (const o of this.source.get()) {
      const img = this.imgs.get(o.name)?.img;
      if (!img) continue;
      const scale = this.columnWidth > 0 && o.column_width > 0 ? this.columnWidth / o.column_width : 1;
      if (o.width > 0) img.style.width = `${round(o.width * scale)}px`;
      if (o.height > 0) img.style.height = `${round(o.height * scale)}px`;
      img.style.marginLeft = `${round(this.laneWidth - o.left * scale)}px`;
      // Columns changed (e.g. a card without a step added a column) and the kernel has not
      // redrawn yet: dim the chart rather than show it misaligned as if it were current.
      const stale = this.columns !== null && !sameColumns(o.columns, this.columns);
      if (stale) img.setAttribute("data-jw-overlay-stale", "");
      else img.removeAttribute("data-jw-overlay-stale");
      img.style.opacity = stale ? "0.35" : "";
    }
  }

  destroy(): void {
    this.off();
    this.el.remove();
  }
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
