// A small inline SVG line of a metric's values over periods, drawn with SVG elements (no
// markup). Missing periods break the line; the last value has a dot. Decorative: the header's
// words say the values (stagemetrics.ts), so the SVG is hidden from screen readers.
import { s } from "./h";

export const SPARK_WIDTH = 36;
export const SPARK_HEIGHT = 14;

/** The polyline segments (runs without missing values) of `values` in a w x h box, 1 px inset. */
export function sparkPoints(values: readonly (number | null)[], w = SPARK_WIDTH, h = SPARK_HEIGHT): string[] {
  const known = values.filter((v): v is number => v != null);
  if (!known.length) return [];
  const lo = Math.min(...known);
  const span = Math.max(...known) - lo;
  const step = values.length > 1 ? (w - 2) / (values.length - 1) : 0;
  const runs: string[] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v == null) {
      if (run.length) runs.push(run.join(" "));
      run = [];
      return;
    }
    const y = span ? h - 1 - ((v - lo) / span) * (h - 2) : h / 2;
    run.push(`${(1 + i * step).toFixed(1)},${y.toFixed(1)}`);
  });
  if (run.length) runs.push(run.join(" "));
  return runs;
}

export function sparkline(values: readonly (number | null)[]): SVGSVGElement {
  const runs = sparkPoints(values);
  const last = runs.length ? runs[runs.length - 1]!.split(" ").pop()!.split(",") : null;
  return s("svg", {
    class: "jw-spark", "data-jw-sparkline": values.length, width: SPARK_WIDTH, height: SPARK_HEIGHT,
    viewBox: `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`, "aria-hidden": "true", focusable: "false",
  }, [
    ...runs.map((points) => s("polyline", { points, fill: "none" })),
    last && values[values.length - 1] != null ? s("circle", { cx: last[0], cy: last[1], r: 1.6 }) : null,
  ]);
}
