import { describe, expect, it } from "vitest";
import { chartDataDetails, normalizeTables } from "../src/chartdata";

describe("chart data tables (a chart image's text alternative)", () => {
  it("keeps well-formed tables and drops the rest", () => {
    const raw = [
      { columns: ["x", "value"], rows: [["Cart", "1.5"], ["Pay", 2], null] },
      { columns: "x", rows: [] },
      null,
    ];
    expect(normalizeTables(raw)).toEqual([{ columns: ["x", "value"], rows: [["Cart", "1.5"]] }]);
    expect(normalizeTables("nope")).toEqual([]);
  });

  it("builds a details element whose cells are text, never markup", () => {
    const details = chartDataDetails("emotion", "Emotion curve chart", [
      { columns: ["x", "<b>v</b>"], rows: [["<img src=x onerror=alert(1)>", "2"]] },
    ])!;
    expect(details.tagName).toBe("DETAILS");
    expect(details.getAttribute("data-jw-chart-data")).toBe("emotion");
    expect(details.querySelector("summary")!.textContent).toBe("Data of the emotion curve chart");
    expect(details.querySelectorAll("th")[1]!.textContent).toBe("<b>v</b>");
    expect(details.querySelector("td")!.textContent).toBe("<img src=x onerror=alert(1)>");
    expect(details.querySelectorAll("img, b")).toHaveLength(0);
    expect(chartDataDetails("metrics", "Stage metrics chart", [])).toBeNull();
  });
});
