// The board's zoom in a view (issue 19): fit to the output area's width by default (measured by a
// ResizeObserver), the toolbar's Fit / 100% / out / in, Ctrl/Cmd + wheel and Ctrl/Cmd with =, -
// and 0 while focus is in the map (the map's own keydown: JupyterLab's shortcuts elsewhere are
// untouched). Each change is said in the toolbar's status line. The scale is one CSS custom
// property on the root (`--jw-zoom`, read by zoom.css); nothing else is redrawn. Views that
// share a ZoomShare (the compare view's two maps) share the mode and, fitting, the smaller fit.
import type { Frame } from "./board";
import { h } from "./h";
import {
  fitZoom, MIN_TEXT_PX, naturalWidth, overflows, percent, stepZoom, textFloored, wheelZoom, type ZoomMode, zoomKey, zoomMessage,
} from "./zoom";

/** What the zoom needs from the view. */
export interface ZoomHost {
  root: HTMLElement;
  scroll: HTMLElement;
  frame(): Frame | null;
  announce(msg: string): void;
}

/** A zoom several views follow together. */
export interface ZoomShare {
  mode: ZoomMode;
  members: Set<ZoomControl>;
}

export function shareZoom(): ZoomShare {
  return { mode: "fit", members: new Set() };
}

const MAC = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform ?? "");
const MOD = MAC ? "\u2318" : "Ctrl+";

function tool(hook: string, label: string, title: string, keys: string | null): HTMLButtonElement {
  return h("button", {
    type: "button", class: "jw-tool jw-zoom-tool", [hook]: true, title, "aria-label": title.replace(/ \(.*\)$/, ""),
    "aria-keyshortcuts": keys,
  }, label);
}

export class ZoomControl {
  /** The toolbar's zoom group (view.ts puts it in the toolbar). */
  readonly tools: HTMLElement;
  /** The scale shown now, and whether the board is still wider than the output at it. */
  scale = 1;
  overflow = false;
  /** Called after every change of scale or overflow (the overview strip follows). */
  onChange: () => void = () => {};
  private level = h("span", { class: "jw-zoom-level", "data-jw-zoom-level": true, "aria-hidden": "true" }, "100%");
  private fitBtn: HTMLButtonElement;
  private ownFit = 1;
  private width = -1;
  private natural = 0;
  private observer: ResizeObserver | null = null;
  private share: ZoomShare;

  constructor(private host: ZoomHost, share?: ZoomShare) {
    this.share = share ?? shareZoom();
    this.share.members.add(this);
    host.root.style.setProperty("--jw-min-text", `${MIN_TEXT_PX}px`);
    this.fitBtn = tool("data-jw-zoom-fit", "Fit", "Fit the map to the width", null);
    const tools: HTMLButtonElement[] = [
      tool("data-jw-zoom-out", "\u2212", `Zoom out (${MOD}-)`, "Control+- Meta+-"),
      tool("data-jw-zoom-in", "+", `Zoom in (${MOD}=)`, "Control+= Meta+="),
      this.fitBtn,
      tool("data-jw-zoom-reset", "100%", `Actual size, 100% (${MOD}0)`, "Control+0 Meta+0"),
    ];
    this.tools = h("div", { class: "jw-tools jw-zoom-tools", role: "group", "aria-label": "Zoom" }, [tools[0]!, this.level, ...tools.slice(1)]);
    this.tools.addEventListener("click", (e) => this.onClick(e));
    host.root.addEventListener("keydown", (e) => this.onKey(e));
    host.root.addEventListener("wheel", (e) => this.onWheel(e), { passive: false });
    if (typeof ResizeObserver !== "undefined") {
      this.observer = new ResizeObserver((entries) => {
        const w = entries[entries.length - 1]?.contentRect.width ?? 0;
        if (Math.abs(w - this.width) >= 0.5) this.measured(Math.round(w));
      });
      this.observer.observe(host.scroll);
    }
  }

  get mode(): ZoomMode {
    return this.share.mode;
  }

  /** Elements the zoom adds outside the frame (for the DOM budget). */
  nodes(): number {
    return 6;
  }

  /** Set the mode (for every view sharing it), apply it and say so. */
  set(mode: ZoomMode, announce = true): void {
    this.share.mode = mode;
    for (const m of this.share.members) m.apply(true);
    if (announce) this.host.announce(zoomMessage(mode, this.scale, this.overflow));
  }

  zoomIn(): void {
    this.set(stepZoom(this.scale, 1));
  }

  zoomOut(): void {
    this.set(stepZoom(this.scale, -1));
  }

  /** After each paint: the frame's columns may have changed. */
  refresh(): void {
    if (this.width < 0) this.width = this.host.scroll.clientWidth; // first paint: no observation yet
    this.recompute();
    for (const m of this.share.members) if (m !== this) m.apply();
  }

  private measured(width: number): void {
    this.width = width;
    this.recompute();
    for (const m of this.share.members) if (m !== this) m.apply();
  }

  private recompute(): void {
    this.natural = naturalWidth(this.host.frame()?.columns.length ?? 1);
    this.ownFit = fitZoom(this.width, this.natural);
    this.apply();
  }

  /** Show the shared mode's scale; `keep`: keep the scroll position in proportion (user zooms). */
  private apply(keep = false): void {
    const mode = this.share.mode;
    const fits = [...this.share.members].map((m) => m.ownFit);
    const z = mode === "fit" ? Math.min(...fits) : mode;
    const { root, scroll } = this.host;
    const ratio = keep && scroll.scrollWidth > 0 ? scroll.scrollLeft / scroll.scrollWidth : null;
    const overflow = overflows(this.width, this.natural, z);
    const modeName = mode === "fit" ? "fit" : "manual";
    if (z === this.scale && overflow === this.overflow && root.getAttribute("data-jw-zoom-mode") === modeName) return;
    this.scale = z;
    this.overflow = overflow;
    root.style.setProperty("--jw-zoom", String(z));
    root.setAttribute("data-jw-zoom", String(z));
    root.setAttribute("data-jw-zoom-mode", modeName);
    root.toggleAttribute("data-jw-overflow", overflow);
    root.toggleAttribute("data-jw-zoom-clamp", textFloored(z));
    this.level.textContent = percent(z);
    this.fitBtn.setAttribute("aria-pressed", String(mode === "fit"));
    if (ratio != null) scroll.scrollLeft = ratio * scroll.scrollWidth;
    this.onChange();
  }

  private onClick(e: Event): void {
    const b = (e.target as Element).closest("button");
    if (!b) return;
    if (b.hasAttribute("data-jw-zoom-in")) this.zoomIn();
    else if (b.hasAttribute("data-jw-zoom-out")) this.zoomOut();
    else if (b.hasAttribute("data-jw-zoom-fit")) this.set("fit");
    else if (b.hasAttribute("data-jw-zoom-reset")) this.set(1);
  }

  private onKey(e: KeyboardEvent): void {
    const what = zoomKey(e);
    if (!what) return;
    // The browser's own page zoom (and JupyterLab) would take these keys otherwise.
    e.preventDefault();
    e.stopPropagation();
    if (what === "in") this.zoomIn();
    else if (what === "out") this.zoomOut();
    else this.set(1);
  }

  private onWheel(e: WheelEvent): void {
    if (!(e.ctrlKey || e.metaKey) || e.deltaY === 0) return;
    e.preventDefault();
    this.set(wheelZoom(this.scale, e.deltaY));
  }

  destroy(): void {
    this.observer?.disconnect();
    this.share.members.delete(this);
  }
}
