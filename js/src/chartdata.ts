// A chart image's text alternative: the data it was drawn from, as tables under a <details>
// (the kernel sends them with each overlay: widget/overlays.py, charts/datatable.py). Built
// with textContent only: the cells are data from the kernel, never markup.
import { h } from "./view/h";

export interface ChartTable {
  columns: string[];
  rows: string[][];
}

const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === "string") ? v : null;

/** Keep only well-formed tables (the trait is data from the kernel, never trusted). */
export function normalizeTables(raw: unknown): ChartTable[] {
  if (!Array.isArray(raw)) return [];
  const out: ChartTable[] = [];
  for (const t of raw) {
    if (!t || typeof t !== "object") continue;
    const r = t as Record<string, unknown>;
    const columns = strings(r.columns);
    if (!columns || !Array.isArray(r.rows)) continue;
    const rows = r.rows.map(strings).filter((row): row is string[] => row !== null);
    out.push({ columns, rows });
  }
  return out;
}

/** `<details data-jw-chart-data="name"><summary>…</summary><table>…</table></details>`, or null. */
export function chartDataDetails(name: string, title: string, tables: readonly ChartTable[]): HTMLDetailsElement | null {
  if (tables.length === 0) return null;
  const parts: Node[] = [h("summary", {}, `Data of the ${title.toLowerCase()}`)];
  for (const t of tables) {
    const head = h("tr", {}, t.columns.map((c) => h("th", { scope: "col" }, c)));
    const body = t.rows.map((row) => h("tr", {}, row.map((v) => h("td", {}, v))));
    parts.push(h("table", { class: "jw-chart-table" }, [h("thead", {}, [head]), h("tbody", {}, body)]));
  }
  return h("details", { class: "jw-chart-data", "data-jw-chart-data": name }, parts);
}
