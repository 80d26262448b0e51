// The `stage_metrics` trait read defensively (docs/protocol.md): what each stage header shows of
// the metrics over time and the journey score, computed in Python (html_render/stage_trend.py)
// so the widget, the static map and the report say the same. Text stays text.

/** One metric of one stage: its latest value, and with two periods or more its change. */
export interface StageMetric {
  metric: string;
  /** The latest value as text ("81.3%"). */
  text: string;
  /** The whole entry in words, for screen readers ("CSAT 81.3% in 2026-11, up 3.2 pts since 2026-10, better"). */
  label: string;
  /** One value (or null) per period; empty with fewer than two periods. */
  series: (number | null)[];
  /** "▲ 3.2 pts better"; null without a previous value. */
  change: string | null;
  direction: "up" | "down" | "same" | null;
  /** True: better, false: worse, null: same or unknown. */
  good: boolean | null;
}

export interface JourneyScore {
  met: number;
  total: number;
  /** "Journey score 67% (4 of 6 targets met)". */
  text: string;
}

export interface StageMetrics {
  periods: string[];
  score: JourneyScore | null;
  stages: Map<string, StageMetric[]>;
  /** Metrics of a stage left out of its header. */
  more: Map<string, number>;
}

export const NO_STAGE_METRICS: StageMetrics = { periods: [], score: null, stages: new Map(), more: new Map() };

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function str(v: unknown): string {
  return typeof v === "string" ? v : v == null ? "" : String(v);
}

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function metric(v: unknown): StageMetric {
  const o = obj(v);
  const d = o.direction;
  return {
    metric: str(o.metric), text: str(o.text), label: str(o.label) || `${str(o.metric)} ${str(o.text)}`,
    series: Array.isArray(o.series) ? o.series.map(num) : [],
    change: typeof o.change_text === "string" && o.change_text ? o.change_text : null,
    direction: d === "up" || d === "down" || d === "same" ? d : null,
    good: typeof o.good === "boolean" ? o.good : null,
  };
}

/** The trait as StageMetrics; NO_STAGE_METRICS for anything else (`{}`: a map without metrics). */
export function readStageMetrics(raw: unknown): StageMetrics {
  const o = obj(raw);
  const stages = new Map<string, StageMetric[]>();
  for (const [stage, list] of Object.entries(obj(o.stages))) {
    if (Array.isArray(list) && list.length) stages.set(stage, list.map(metric));
  }
  if (!stages.size) return NO_STAGE_METRICS;
  const more = new Map<string, number>();
  for (const [stage, n] of Object.entries(obj(o.more))) if (num(n)) more.set(stage, num(n)!);
  const s = obj(o.score);
  const score = typeof s.text === "string" && s.text ? { met: num(s.met) ?? 0, total: num(s.total) ?? 0, text: s.text } : null;
  return { periods: Array.isArray(o.periods) ? o.periods.map(str) : [], score, stages, more };
}
