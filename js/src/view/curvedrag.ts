// Dragging a point of an emotion curve up or down changes its card's score: the value snaps to
// the scale's resolution and shows next to the point while dragging; releasing commits one
// `edit` of `score`. A focused point is a slider: arrows, Page Up/Down, Home and End.
import type { Scale } from "../model/types";
import type { Store } from "../store";
import { s } from "./h";
import { CURVE_HEIGHT } from "../vocabulary";
import { scoreToY, signed, snap, yToScore } from "./curve";

interface Drag {
  point: SVGCircleElement;
  svg: SVGSVGElement;
  id: string;
  old: number;
  value: number;
  label: SVGTextElement;
  pointerId: number;
  moved: boolean;
}

export class CurveDrag {
  private drag: Drag | null = null;

  constructor(
    private root: HTMLElement,
    private store: Store,
    /** Re-render now. */
    private flush: () => void,
    /** Something to tell screen-reader users. */
    private announce: (msg: string) => void,
    /** Focus the card of a point. */
    private focusCard: (id: string) => void,
  ) {
    root.addEventListener("pointerdown", (e) => this.down(e));
    root.addEventListener("pointermove", (e) => this.move(e));
    root.addEventListener("pointerup", (e) => this.up(e, true));
    root.addEventListener("pointercancel", (e) => this.up(e, false));
    root.addEventListener("keydown", (e) => this.key(e));
  }

  /** True while a point is being dragged: the view must not redraw the curve meanwhile. */
  get active(): boolean {
    return this.drag != null;
  }

  private scale(): Scale {
    return this.store.structure().scale;
  }

  private down(e: PointerEvent): void {
    const point = (e.target as Element).closest?.<SVGCircleElement>("[data-jw-point]") ?? null;
    if (!point || e.button !== 0 || this.store.readOnly() || this.drag) return;
    const svg = point.ownerSVGElement;
    const old = Number(point.getAttribute("data-score"));
    if (!svg || !Number.isFinite(old)) return;
    e.preventDefault();
    e.stopPropagation();
    point.setPointerCapture?.(e.pointerId);
    const label = s("text", { class: "jw-point-label", "data-jw-point-value": true, "aria-hidden": "true" });
    svg.appendChild(label);
    this.drag = { point, svg, id: point.getAttribute("data-jw-point")!, old, value: old, label, pointerId: e.pointerId, moved: false };
    point.classList.add("jw-dragging");
    this.show(old);
  }

  private move(e: PointerEvent): void {
    const d = this.drag;
    if (!d || e.pointerId !== d.pointerId) return;
    e.preventDefault();
    const box = d.svg.getBoundingClientRect();
    // The svg is drawn at its natural size (viewBox = width x height), so 1px = 1 unit.
    const scaleY = box.height ? CURVE_HEIGHT / box.height : 1;
    const value = yToScore((e.clientY - box.top) * scaleY, this.scale());
    d.moved = true;
    if (value !== d.value) this.show(value);
  }

  private show(value: number): void {
    const d = this.drag!;
    d.value = value;
    const y = scoreToY(value, this.scale());
    d.point.setAttribute("cy", String(Math.round(y * 10) / 10));
    d.point.setAttribute("aria-valuenow", String(value));
    d.point.setAttribute("aria-valuetext", signed(value));
    d.label.textContent = signed(value);
    d.label.setAttribute("x", String(Number(d.point.getAttribute("cx")) + 10));
    d.label.setAttribute("y", String(Math.max(12, y - 8)));
    // Move the point's vertex on its line too, so the curve follows the finger.
    const persona = d.point.getAttribute("data-persona");
    const line = Array.from(d.svg.querySelectorAll("polyline")).find((l) => l.getAttribute("data-persona") === persona);
    if (line) {
      const cx = d.point.getAttribute("cx");
      line.setAttribute("points", (line.getAttribute("points") ?? "").split(" ")
        .map((xy) => (xy.split(",")[0] === cx ? `${cx},${Math.round(y * 10) / 10}` : xy)).join(" "));
    }
  }

  private up(e: PointerEvent, commit: boolean): void {
    const d = this.drag;
    if (!d || e.pointerId !== d.pointerId) return;
    this.drag = null;
    d.label.remove();
    d.point.classList.remove("jw-dragging");
    if (!d.moved) {
      // A click without a drag: show the card the point belongs to.
      this.focusCard(d.id);
      this.flush();
      return;
    }
    if (commit && d.value !== d.old) this.commit(d.id, d.value, d.old);
    else this.flush();
  }

  private commit(id: string, value: number, old: number): void {
    this.store.propose({ kind: "edit", id, field: "score", value, old });
    this.announce(`Score ${signed(value)}`);
    this.flush();
  }

  private key(e: KeyboardEvent): void {
    const point = e.target as Element;
    if (!point.hasAttribute?.("data-jw-point") || this.store.readOnly() || e.ctrlKey || e.metaKey || e.altKey) return;
    const scale = this.scale();
    const old = Number(point.getAttribute("data-score"));
    const big = Math.max(scale.step, (scale.max - scale.min) / 4);
    const next: Record<string, number> = {
      ArrowUp: old + scale.step, ArrowRight: old + scale.step, ArrowDown: old - scale.step, ArrowLeft: old - scale.step,
      PageUp: old + big, PageDown: old - big, Home: scale.min, End: scale.max,
    };
    if (!(e.key in next)) return;
    e.preventDefault();
    e.stopPropagation();
    const value = snap(next[e.key]!, scale);
    if (value !== old) this.commit(point.getAttribute("data-jw-point")!, value, old);
  }
}
