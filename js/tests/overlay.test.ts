import { afterEach, describe, expect, it } from "vitest";
import type { Column } from "../src/columns";
import { Store } from "../src/store";
import { normalizeOverlays, type Overlay, OverlayView, svgDataUrl, traitOverlays } from "../src/view/overlay";
import { immediately } from "../src/view/schedule";
import { MapView } from "../src/view/view";
import { card, FakeModel, makeStructure } from "./fake";

afterEach(() => {
  document.body.textContent = "";
});

const COLUMNS: Column[] = [
  { stage: "Browse", step: "Search" },
  { stage: "Browse", step: "Compare" },
  { stage: "Pay", step: null },
];

const HOSTILE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="808" height="100"><script>window.__pwned=1</script><text>Zahlung · 😀</text></svg>';

function overlay(name: string, svg: string, extra: Partial<Overlay> = {}): Overlay {
  return {
    name, svg, columns: [["Browse", "Search"], ["Browse", "Compare"], ["Pay", null]],
    width: 148 + 3 * 220 + 12, height: 188, left: 148, column_width: 220, ...extra,
  };
}

/** A model holding the `overlays` trait, with change events, like anywidget's. */
function traitModel(initial: unknown) {
  const state: Record<string, unknown> = { overlays: initial };
  const handlers = new Set<() => void>();
  return {
    model: {
      get: (k: string) => state[k],
      on: (_e: string, cb: () => void) => void handlers.add(cb),
      off: (_e?: string | null, cb?: (() => void) | null) => void (cb && handlers.delete(cb)),
    },
    set(v: unknown) {
      state.overlays = v;
      for (const cb of handlers) cb();
    },
    listeners: () => handlers.size,
  };
}

function decode(src: string): string {
  const prefix = "data:image/svg+xml;base64,";
  expect(src.startsWith(prefix)).toBe(true);
  const binary = atob(src.slice(prefix.length));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

describe("svgDataUrl", () => {
  it("encodes UTF-8 text as base64 and decodes back to the same SVG", () => {
    expect(decode(svgDataUrl(HOSTILE_SVG))).toBe(HOSTILE_SVG);
    const big = `<svg>${"é".repeat(100_000)}</svg>`; // larger than one encoding chunk
    expect(decode(svgDataUrl(big))).toBe(big);
  });
});

describe("normalizeOverlays", () => {
  it("keeps well-formed entries and drops the rest", () => {
    const got = normalizeOverlays([
      { name: "emotion", svg: "<svg/>", columns: [["A", null], ["A", 3], "x"], width: 10 },
      { name: 5, svg: "<svg/>" },
      null,
      { name: "metrics" },
    ]);
    expect(got).toEqual([{ name: "emotion", svg: "<svg/>", columns: [["A", null]], width: 10, height: 0, left: 148, column_width: 0 }]);
    expect(normalizeOverlays("nope")).toEqual([]);
  });
});

describe("OverlayView", () => {
  it("shows one image per overlay under the board, aligned to the columns", () => {
    const t = traitModel([overlay("emotion", HOSTILE_SVG), overlay("metrics", "<svg>m</svg>")]);
    const scroll = document.createElement("div");
    const board = document.createElement("div");
    scroll.appendChild(board);
    document.body.appendChild(scroll);
    const view = new OverlayView(traitOverlays(t.model));
    view.place(scroll, COLUMNS, 220);
    expect(scroll.lastElementChild).toBe(view.el);
    const imgs = Array.from(view.el.querySelectorAll("img"));
    expect(imgs.map((i) => i.getAttribute("data-jw-overlay"))).toEqual(["emotion", "metrics"]);
    expect(decode(imgs[0]!.getAttribute("src")!)).toBe(HOSTILE_SVG);
    expect(imgs[0]!.getAttribute("alt")).toBe("Emotion curve chart");
    // Same widths as the board: natural size, no shift.
    expect(imgs[0]!.style.width).toBe("820px");
    expect(imgs[0]!.style.marginLeft).toBe("0px");
    expect(imgs[0]!.hasAttribute("data-jw-overlay-stale")).toBe(false);
    // SVG markup never enters the DOM: no svg, script or text node from the chart.
    expect(document.querySelectorAll("svg, script")).toHaveLength(0);
    expect(view.el.textContent).toBe("");
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    // Placing again after the board was rebuilt keeps the overlays last.
    scroll.appendChild(document.createElement("div"));
    view.place(scroll, COLUMNS, 220);
    expect(scroll.lastElementChild).toBe(view.el);
  });

  it("scales and shifts when the board's column or lane width differs from the chart's", () => {
    const t = traitModel([overlay("emotion", "<svg/>")]);
    const scroll = document.createElement("div");
    const view = new OverlayView(traitOverlays(t.model));
    view.place(scroll, COLUMNS, 110, 100); // half-width columns, 100px lane headers
    const img = view.el.querySelector("img")!;
    expect(img.style.width).toBe("410px"); // 820 * 0.5
    expect(img.style.height).toBe("94px");
    expect(img.style.marginLeft).toBe("26px"); // 100 - 148 * 0.5: band 0 starts at 100px
  });

  it("updates the image when the trait changes, reusing the element, and removes dropped charts", () => {
    const t = traitModel([overlay("emotion", "<svg>1</svg>")]);
    const scroll = document.createElement("div");
    const view = new OverlayView(traitOverlays(t.model));
    view.place(scroll, COLUMNS, 220);
    const img = view.el.querySelector<HTMLImageElement>('[data-jw-overlay="emotion"]')!;
    const before = img.getAttribute("src");
    t.set([overlay("emotion", "<svg>2</svg>"), overlay("metrics", "<svg>m</svg>")]);
    const after = view.el.querySelector<HTMLImageElement>('[data-jw-overlay="emotion"]')!;
    expect(after).toBe(img);
    expect(after.getAttribute("src")).not.toBe(before);
    expect(decode(after.getAttribute("src")!)).toBe("<svg>2</svg>");
    expect(view.el.querySelectorAll("img")).toHaveLength(2);
    t.set([overlay("metrics", "<svg>m</svg>")]);
    expect(Array.from(view.el.querySelectorAll("img")).map((i) => i.dataset.jwOverlay)).toEqual(["metrics"]);
    t.set([]);
    expect(view.el.querySelectorAll("img")).toHaveLength(0);
  });

  it("dims a chart drawn for other columns until the kernel redraws it", () => {
    const t = traitModel([overlay("emotion", "<svg/>", { columns: [["Browse", "Search"], ["Pay", null]] })]);
    const scroll = document.createElement("div");
    const view = new OverlayView(traitOverlays(t.model));
    view.place(scroll, COLUMNS, 220);
    const img = view.el.querySelector("img")!;
    expect(img.hasAttribute("data-jw-overlay-stale")).toBe(true);
    expect(img.style.opacity).toBe("0.35");
    t.set([overlay("emotion", "<svg/>")]);
    expect(img.hasAttribute("data-jw-overlay-stale")).toBe(false);
    expect(img.style.opacity).toBe("");
  });

  it("stops listening when destroyed", () => {
    const t = traitModel([overlay("emotion", "<svg/>")]);
    const scroll = document.createElement("div");
    const view = new OverlayView(traitOverlays(t.model));
    view.place(scroll, COLUMNS, 220);
    expect(t.listeners()).toBe(1);
    view.destroy();
    expect(t.listeners()).toBe(0);
    expect(scroll.contains(view.el)).toBe(false);
  });
});

describe("MapView with overlays", () => {
  it("draws them under the board and marks them stale when the columns change", () => {
    const model = new FakeModel(makeStructure(), [card("a", { step: "Search" }), card("p", { stage: "Pay", step: null })], 3);
    const t = traitModel([overlay("emotion", "<svg/>")]);
    const host = document.createElement("div");
    document.body.appendChild(host);
    const view = new MapView(host, new Store(model, "ov"), { schedule: immediately, overlays: traitOverlays(t.model) });
    const scroll = view.root.querySelector(".jw-scroll")!;
    expect(scroll.lastElementChild!.hasAttribute("data-jw-overlays")).toBe(true);
    expect(scroll.querySelector(".jw-board")!.compareDocumentPosition(scroll.lastElementChild!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const img = view.root.querySelector<HTMLImageElement>('img[data-jw-overlay="emotion"]')!;
    expect(img.hasAttribute("data-jw-overlay-stale")).toBe(false);
    // A card without a step in Browse adds a (Browse, none) column: the chart is now stale.
    model.update({ cards: [...model.cards, card("n", { stage: "Browse", step: null })] });
    view.flush();
    expect(img.hasAttribute("data-jw-overlay-stale")).toBe(true);
    view.destroy();
    expect(t.listeners()).toBe(0);
  });
});
