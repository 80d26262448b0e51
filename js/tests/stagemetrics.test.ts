import { afterEach, describe, expect, it } from "vitest";
import { readStageMetrics } from "../src/model/stagemetrics";
import { sparkPoints } from "../src/view/sparkline";
import { card, type FakeModel, makeStructure } from "./fake";
import { mount } from "./helpers";

afterEach(() => {
  document.body.textContent = "";
});

const HOSTILE = 'Pay <img src=x onerror="alert(1)">';
const METRIC = "<b>CSAT</b>";

/** The trait as Python sends it for two periods (html_render/stage_trend.py). */
function trait(periods: string[], value = 73.2) {
  const timed = periods.length > 1;
  const entry = {
    metric: METRIC, unit: "%", value, text: `${value}%`, period: periods[periods.length - 1] ?? null,
    label: `${METRIC} ${value}% in 2026-11, up 3.2 pts since 2026-10, better`,
    ...(timed ? { series: [70, value], change: 3.2, change_text: "▲ 3.2 pts better", direction: "up", good: true } : {}),
  };
  const drop = {
    metric: "drop-off", unit: "%", value: 30, text: "30%", period: periods[periods.length - 1] ?? null, label: "drop-off 30%",
    ...(timed ? { series: [25, 30], change: 5, change_text: "▼ 5 pts worse", direction: "up", good: false } : {}),
  };
  return {
    periods, stages: { [HOSTILE]: [entry, drop] }, more: { [HOSTILE]: 2 },
    score: { met: 4, total: 6, share: 0.667, text: "Journey score 67% (4 of 6 targets met)" },
  };
}

function mountWith(raw: unknown) {
  const st = makeStructure({ stages: [{ name: "Browse", steps: [], description: "" }, { name: HOSTILE, steps: [], description: "" }] });
  const t = mount([card("a", { step: null })], st);
  let current: unknown = raw;
  (t.model as FakeModel & { getStageMetrics: () => unknown }).getStageMetrics = () => readStageMetrics(current);
  const set = (next: unknown) => {
    current = next;
    t.model.update({});
  };
  set(raw);
  const header = () => t.qa("[data-jw-stage]").find((el) => el.getAttribute("data-jw-stage") === HOSTILE)!;
  return { ...t, set, header };
}

describe("metrics in the stage headers", () => {
  it("shows the latest value, the change with an arrow and a word, and a sparkline, all as text", () => {
    const { header, root, q } = mountWith(trait(["2026-10", "2026-11"]));
    const block = header().querySelector("[data-jw-stage-metrics]")!;
    expect(block.getAttribute("data-jw-stage-metrics")).toBe(HOSTILE);
    expect(block.getAttribute("aria-label")).toBe(`Metrics of ${HOSTILE}, 2026-11`);
    const rows = Array.from(block.querySelectorAll<HTMLElement>("[data-jw-metric]"));
    expect(rows.map((r) => r.getAttribute("data-jw-metric"))).toEqual([METRIC, "drop-off"]);
    expect(rows[0]!.querySelector(".jw-sm-name")!.textContent).toBe(METRIC);
    expect(rows[0]!.querySelector("[data-jw-metric-value]")!.textContent).toBe("73.2%");
    const change = rows[0]!.querySelector("[data-jw-metric-change]")!;
    expect(change.textContent).toBe("▲ 3.2 pts better");
    expect(change.getAttribute("data-jw-metric-good")).toBe("better");
    expect(change.classList.contains("jw-sm-better")).toBe(true);
    expect(rows[1]!.querySelector("[data-jw-metric-change]")!.getAttribute("data-jw-metric-good")).toBe("worse");
    expect(rows[0]!.querySelector(".jw-sr-only")!.textContent).toContain("up 3.2 pts since 2026-10, better");
    expect(rows[0]!.querySelectorAll("svg[data-jw-sparkline] polyline")).toHaveLength(1);
    expect(block.querySelector("[data-jw-metrics-more]")!.textContent).toBe("+2 more");
    expect(root.querySelector("img, b")).toBeNull(); // names are text, never markup
    expect(q("[data-jw-stage=\"Browse\"] [data-jw-stage-metrics]")).toBeNull(); // no metrics: as before
    const score = q(".jw-meta [data-jw-journey-score]")!;
    expect(score.textContent).toBe("Journey score 67% (4 of 6 targets met)");
    expect(score.getAttribute("data-jw-journey-score")).toBe("67");
  });

  it("shows only the value with one period, nothing without metrics, and follows updates", () => {
    const { header, set, q } = mountWith(trait(["2026-10"]));
    expect(header().querySelector("[data-jw-metric-value]")!.textContent).toBe("73.2%");
    expect(header().querySelector("[data-jw-metric-change], svg")).toBeNull();
    set(trait(["2026-10", "2026-11", "2026-12"], 80));
    expect(header().querySelector("[data-jw-metric-value]")!.textContent).toBe("80%");
    expect(header().querySelectorAll("[data-jw-stage-metrics]")).toHaveLength(1);
    expect(header().querySelector("[data-jw-metric-change]")).not.toBeNull();
    set({});
    expect(header().querySelector("[data-jw-stage-metrics]")).toBeNull();
    expect(header().classList.contains("jw-has-metrics")).toBe(false);
    expect(q("[data-jw-journey-score]")).toBeNull();
  });

  it("keeps the score after the caption redraws (a title change)", () => {
    const { model, q } = mountWith(trait(["2026-10", "2026-11"]));
    model.update({ structure: { ...model.structure, title: "Renamed" } });
    expect(q(".jw-meta [data-jw-journey-score]")).not.toBeNull();
  });

  it("reads a malformed trait as no metrics", () => {
    for (const raw of [null, 3, "x", [], { stages: [] }, { stages: { A: "no" } }]) {
      expect(readStageMetrics(raw).stages.size).toBe(0);
    }
    const m = readStageMetrics({ stages: { A: [{ metric: 1, series: ["x", 2], good: "yes" }] } });
    expect(m.stages.get("A")![0]).toMatchObject({ metric: "1", series: [null, 2], good: null, change: null });
  });

  it("draws sparklines broken at missing periods", () => {
    expect(sparkPoints([1, null, 3, 4], 32, 10)).toHaveLength(2);
    expect(sparkPoints([5, 5])).toEqual(["1.0,7.0 35.0,7.0"]);
    expect(sparkPoints([null])).toEqual([]);
  });
});
