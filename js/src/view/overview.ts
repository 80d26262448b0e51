// The overview strip (issue 19): for a map still wider than its output at the zoom shown, the
// stages as a thin bar above the board, each as wide as its columns, with the part in view
// marked; a click (or Enter) on a stage scrolls the board to it. Hidden while the board fits.
// Geometry comes from the column counts and the zoom (zoom.ts), so keeping it in step with
// scrolling reads two numbers and writes a few attributes.
import type { Frame } from "./board";
import { h } from "./h";
import { inView, stageSpans } from "./zoom";
import { LANE_WIDTH } from "../vocabulary";

export interface OverviewHost {
  scroll: HTMLElement;
  announce(msg: string): void;
}

interface Stop {
  name: string;
  el: HTMLButtonElement;
  span: [number, number];
}

export class Overview {
  readonly el = h("div", {
    class: "jw-overview", "data-jw-overview": true, role: "group", "aria-label": "Stages overview", hidden: true,
  });
  private window = h("div", { class: "jw-overview-window", "data-jw-overview-window": true, "aria-hidden": "true" });
  private stops: Stop[] = [];
  private key = "";
  private scale = 1;
  private shown = false;

  constructor(private host: OverviewHost) {
    this.el.appendChild(this.window);
    host.scroll.addEventListener("scroll", () => this.sync(), { passive: true });
    this.el.addEventListener("click", (e) => {
      const b = (e.target as Element).closest<HTMLButtonElement>("button[data-jw-overview-stage]");
      if (b) this.go(b.getAttribute("data-jw-overview-stage") ?? "");
    });
  }

  /** Elements it adds (for the DOM budget): two, and one per stage while shown. */
  nodes(): number {
    return 2 + (this.shown ? this.stops.length : 0);
  }

  /** Show it (the board overflows) or hide it; rebuild the stops when the stages changed. */
  update(frame: Frame | null, show: boolean, scale: number): void {
    this.scale = scale;
    this.shown = show && !!frame;
    this.el.hidden = !this.shown;
    if (!this.shown || !frame) return;
    const names: string[] = [];
    const counts: number[] = [];
    for (const c of frame.columns) {
      if (names[names.length - 1] !== c.stage) {
        names.push(c.stage);
        counts.push(0);
      }
      counts[counts.length - 1]!++;
    }
    const key = JSON.stringify([names, counts]);
    if (key !== this.key) {
      this.key = key;
      for (const s of this.stops) s.el.remove();
      const spans = stageSpans(counts);
      this.stops = names.map((name, i) => {
        const el = h("button", {
          type: "button", class: "jw-overview-stage", "data-jw-overview-stage": name,
          title: `Scroll to stage ${name}`, "aria-label": `Scroll to stage ${name}`,
        }, name);
        el.style.flexGrow = String(counts[i]);
        this.el.insertBefore(el, this.window);
        return { name, el, span: spans[i]! };
      });
    }
    this.sync();
  }

  /** Mark what is in view: the window over the strip and the stages it covers. */
  sync(): void {
    if (!this.shown || !this.stops.length) return;
    const { scroll } = this.host;
    const left = scroll.scrollLeft;
    const width = scroll.clientWidth;
    const total = this.stops[this.stops.length - 1]!.span[1] * this.scale;
    if (total <= 0) return;
    const from = Math.min(left / total, 1);
    const size = Math.min(Math.max((width - LANE_WIDTH * this.scale) / total, 0), 1 - from);
    this.window.style.left = `${(from * 100).toFixed(2)}%`;
    this.window.style.width = `${(size * 100).toFixed(2)}%`;
    for (const s of this.stops) {
      const on = inView(s.span, left, width, this.scale);
      s.el.toggleAttribute("data-jw-in-view", on);
      s.el.setAttribute("aria-pressed", String(on));
    }
  }

  /** Scroll the board so that stage `name` starts just right of the sticky lane column. */
  go(name: string): void {
    const stop = this.stops.find((s) => s.name === name);
    if (!stop) return;
    this.host.scroll.scrollLeft = stop.span[0] * this.scale;
    this.sync();
    this.host.announce(`Scrolled to stage ${name}`);
  }
}
