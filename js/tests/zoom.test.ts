// The zoom arithmetic (view/zoom.ts) and its controls in a view (zoomview.ts, overview.ts).
import { describe, expect, it } from "vitest";
import { COLUMN_WIDTH, LANE_WIDTH } from "../src/vocabulary";
import {
  clampZoom, fitZoom, inView, naturalWidth, overflows, percent, stageSpans, stepZoom, textFloored, wheelZoom,
  ZOOM_MAX, ZOOM_MIN, ZOOM_STEPS, zoomKey, zoomMessage,
} from "../src/view/zoom";
import { card } from "./fake";
import { click, key, mount } from "./helpers";

describe("zoom arithmetic", () => {
  it("measures the board from the vocabulary's geometry", () => {
    expect(naturalWidth(5)).toBe(LANE_WIDTH + 5 * COLUMN_WIDTH);
    expect(naturalWidth(0)).toBe(LANE_WIDTH + COLUMN_WIDTH); // an empty map still has a column
  });

  it("fits a wide board to the width, never enlarges, never below the readable minimum", () => {
    const five = naturalWidth(5); // 1248 px at 100%
    expect(fitZoom(2000, five)).toBe(1);
    const z = fitZoom(1000, five);
    expect(z).toBeLessThan(1);
    expect(five * z).toBeLessThanOrEqual(999); // a pixel to spare: rounding adds no scroll bar
    expect(five * (z + 0.002)).toBeGreaterThan(999); // and no more than that
    expect(fitZoom(300, naturalWidth(20))).toBe(ZOOM_MIN);
    expect(fitZoom(0, five)).toBe(1); // unknown width (hidden output): as drawn
    expect(fitZoom(Number.NaN, five)).toBe(1);
  });

  it("an eight-stage map fits a notebook output at 1,400 px with the file browser open", () => {
    expect(fitZoom(900, naturalWidth(8))).toBeGreaterThan(ZOOM_MIN);
    expect(overflows(900, naturalWidth(8), fitZoom(900, naturalWidth(8)))).toBe(false);
  });

  it("steps through the stops and stops at the ends", () => {
    expect(stepZoom(1, 1)).toBe(1.1);
    expect(stepZoom(1, -1)).toBe(0.9);
    expect(stepZoom(0.77, 1)).toBe(0.8); // from a fitted scale to the next stop
    expect(stepZoom(0.77, -1)).toBe(0.75);
    expect(stepZoom(ZOOM_MAX, 1)).toBe(ZOOM_MAX);
    expect(stepZoom(ZOOM_MIN, -1)).toBe(ZOOM_MIN);
    expect([...ZOOM_STEPS].sort((a, b) => a - b)).toEqual(ZOOM_STEPS);
  });

  it("clamps, wheels smoothly and formats", () => {
    expect(clampZoom(5)).toBe(ZOOM_MAX);
    expect(clampZoom(0.1)).toBe(ZOOM_MIN);
    expect(clampZoom(Number.POSITIVE_INFINITY)).toBe(1);
    expect(wheelZoom(1, -100)).toBeGreaterThan(1);
    expect(wheelZoom(1, 100)).toBeLessThan(1);
    expect(wheelZoom(ZOOM_MIN, 1000)).toBe(ZOOM_MIN);
    expect(percent(0.774)).toBe("77%");
    expect(zoomMessage("fit", 0.77, false)).toBe("Zoom 77%, fit to width");
    expect(zoomMessage("fit", ZOOM_MIN, true)).toContain("smallest readable size");
    expect(zoomMessage(1, 1, true)).toBe("Zoom 100%, scroll sideways for more");
  });

  it("floors the text at 11 px: clamping starts below 11/13", () => {
    expect(textFloored(1)).toBe(false);
    expect(textFloored(0.85)).toBe(false);
    expect(textFloored(0.84)).toBe(true);
  });

  it("reads Ctrl/Cmd with =, - and 0 only", () => {
    const k = (key: string, o: Partial<KeyboardEvent> = {}) =>
      zoomKey({ key, ctrlKey: false, metaKey: false, altKey: false, ...o });
    expect(k("=", { ctrlKey: true })).toBe("in");
    expect(k("+", { metaKey: true })).toBe("in");
    expect(k("-", { ctrlKey: true })).toBe("out");
    expect(k("0", { ctrlKey: true })).toBe("reset");
    expect(k("=")).toBeNull();
    expect(k("0", { ctrlKey: true, altKey: true })).toBeNull();
    expect(k("z", { ctrlKey: true })).toBeNull();
  });

  it("knows which stages are in view past the sticky lane column", () => {
    const spans = stageSpans([1, 2, 1]);
    expect(spans).toEqual([[0, COLUMN_WIDTH], [COLUMN_WIDTH, 3 * COLUMN_WIDTH], [3 * COLUMN_WIDTH, 4 * COLUMN_WIDTH]]);
    const width = LANE_WIDTH + 2 * COLUMN_WIDTH; // lane column and two columns visible at 100%
    expect(spans.map((s) => inView(s, 0, width, 1))).toEqual([true, true, false]);
    expect(spans.map((s) => inView(s, 3 * COLUMN_WIDTH * 0.5, width * 0.5, 0.5))).toEqual([false, false, true]);
  });
});

describe("zoom in a view", () => {
  const cards = [card("a", { text: "x".repeat(80) })];

  it("starts fitted, zooms by toolbar and keys, and says so", () => {
    const { root, q } = mount(cards);
    expect(root.getAttribute("data-jw-zoom-mode")).toBe("fit");
    expect(root.getAttribute("data-jw-zoom")).toBe("1"); // no width measured (happy-dom): as drawn
    click(q("[data-jw-zoom-out]"));
    expect(root.getAttribute("data-jw-zoom")).toBe("0.9");
    expect(root.hasAttribute("data-jw-zoom-clamp")).toBe(false); // 11.7 px: as drawn
    expect(root.style.getPropertyValue("--jw-zoom")).toBe("0.9");
    expect(q("[data-jw-status]")!.textContent).toBe("Zoom 90%");
    expect(q("[data-jw-zoom-level]")!.textContent).toBe("90%");
    expect(q("[data-jw-zoom-fit]")!.getAttribute("aria-pressed")).toBe("false");
    const e = key(q("[data-jw-card]")!, "=", { ctrlKey: true });
    expect(e.defaultPrevented).toBe(true);
    expect(root.getAttribute("data-jw-zoom")).toBe("1");
    key(q("[data-jw-card]")!, "-", { metaKey: true });
    key(q("[data-jw-card]")!, "-", { metaKey: true });
    expect(root.getAttribute("data-jw-zoom")).toBe("0.8");
    expect(root.hasAttribute("data-jw-zoom-clamp")).toBe(true); // text held at 11 px: clamped
    expect(q("[data-jw-card] .jw-card-text")!.getAttribute("title")).toBe("x".repeat(80));
    key(root, "0", { ctrlKey: true });
    expect(root.getAttribute("data-jw-zoom")).toBe("1");
    click(q("[data-jw-zoom-fit]"));
    expect(root.getAttribute("data-jw-zoom-mode")).toBe("fit");
    expect(q("[data-jw-status]")!.textContent).toBe("Zoom 100%, fit to width");
  });

  it("keeps the zoom across a rebuilt frame and ignores plain keys", () => {
    const { root, q, model, store } = mount(cards);
    click(q("[data-jw-zoom-in]"));
    const e = key(q("[data-jw-card]")!, "=");
    expect(e.defaultPrevented).toBe(false);
    model.update({ structure: { ...model.structure, stages: [...model.structure.stages, { name: "Ship", steps: [], description: "" }] } });
    expect(store.structure().stages.length).toBe(3);
    expect(root.getAttribute("data-jw-zoom")).toBe("1.1");
  });

  it("hides the overview strip while the board fits", () => {
    const { q } = mount(cards);
    expect(q("[data-jw-overview]")!.hidden).toBe(true);
  });
});
