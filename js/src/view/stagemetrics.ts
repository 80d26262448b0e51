// The living map in the view: each stage header shows its metrics' latest values (and, with two
// periods or more, the change since the previous period and a sparkline), and the caption the
// journey score. Read-only; drawn from the `stage_metrics` trait (model/stagemetrics.ts) after
// each paint, redrawn only where it changed. All text is set as text.
import type { StageMetric, StageMetrics } from "../model/stagemetrics";
import type { Frame } from "./board";
import { h } from "./h";
import { sparkline } from "./sparkline";

/** Elements one metric row may take (row, name, value, change, words, sparkline and its parts). */
const METRIC_NODES = 9;

function changeWord(m: StageMetric): string | null {
  return m.good == null ? null : m.good ? "better" : "worse";
}

function metricRow(m: StageMetric, timed: boolean): HTMLElement {
  const word = changeWord(m);
  return h("li", { class: "jw-sm", "data-jw-metric": m.metric }, [
    h("span", { class: "jw-sr-only" }, m.label),
    h("span", { class: "jw-sm-name", "aria-hidden": "true" }, m.metric),
    h("span", { class: "jw-sm-value", "data-jw-metric-value": true, "aria-hidden": "true" }, m.text),
    timed && m.series.length > 1 ? sparkline(m.series) : null,
    m.change ? h("span", {
      class: `jw-sm-change${word ? ` jw-sm-${word}` : ""}`, "data-jw-metric-change": m.direction ?? true,
      "data-jw-metric-good": word, "aria-hidden": "true",
    }, m.change) : null,
  ]);
}

/** The metrics block of one stage header; null when the stage has none. */
export function stageMetricsBlock(stage: string, sm: StageMetrics): HTMLElement | null {
  const list = sm.stages.get(stage);
  if (!list?.length) return null;
  const timed = sm.periods.length > 1;
  const more = sm.more.get(stage) ?? 0;
  const period = sm.periods.length ? sm.periods[sm.periods.length - 1]! : null;
  return h("ul", {
    class: "jw-stage-metrics", "data-jw-stage-metrics": stage, "data-jw-period": period,
    "aria-label": `Metrics of ${stage}${period ? `, ${period}` : ""}`,
  }, [
    ...list.map((m) => metricRow(m, timed)),
    more ? h("li", { class: "jw-sm-more", "data-jw-metrics-more": more }, `+${more} more`) : null,
  ]);
}

/** The journey score line of the caption; null without targets. */
export function scoreLine(sm: StageMetrics): HTMLElement | null {
  if (!sm.score) return null;
  return h("span", { class: "jw-score", "data-jw-journey-score": Math.round((sm.score.met / Math.max(1, sm.score.total)) * 100) }, sm.score.text);
}

export class StageMetricsView {
  private shown = new WeakMap<HTMLElement, StageMetrics>();
  private score: HTMLElement | null = null;
  private shownScore: StageMetrics | null = null;
  private count = 0;

  /** Draw the blocks into the frame's stage headers and the score into the caption's meta row. */
  paint(frame: Frame, sm: StageMetrics, head: HTMLElement): void {
    let count = 0;
    for (const el of frame.headers.values()) {
      const stage = el.getAttribute("data-jw-stage");
      if (stage == null) continue;
      const old = el.querySelector(":scope > [data-jw-stage-metrics]");
      if (this.shown.get(el) !== sm || (old && old.getAttribute("data-jw-stage-metrics") !== stage)) {
        const block = stageMetricsBlock(stage, sm);
        if (old && block) old.replaceWith(block);
        else if (old) old.remove();
        else if (block) el.appendChild(block);
        el.classList.toggle("jw-has-metrics", !!block);
        this.shown.set(el, sm);
      }
      count += (sm.stages.get(stage)?.length ?? 0) * METRIC_NODES + 2;
    }
    this.count = count;
    if (sm !== this.shownScore) {
      this.score?.remove();
      this.score = scoreLine(sm);
      this.shownScore = sm;
    }
    const meta = head.querySelector(".jw-meta");
    if (this.score && meta && this.score.parentElement !== meta) meta.appendChild(this.score);
  }

  /** Elements drawn (an estimate, for the DOM budget). */
  nodes(): number {
    return this.count;
  }
}
