// The pointer mechanics every drag of the board shares (cards in drag.ts, headers in
// headerdrag.ts): a press arms a gesture, moving past a few pixels starts it, the document's
// pointer events follow it, the board scrolls near its edges, Escape or a cancelled pointer
// abandons it, and the click that ends a drag is swallowed. Subclasses say what a press grabs,
// draw the drag, and decide what a drop proposes.
import type { Store } from "../store";

const THRESHOLD = 5;
const EDGE = 40;

/** One press-and-drag; subclasses add what they need. */
export interface Gesture {
  el: HTMLElement;
  pointerId: number;
  /** Where the press was, and its offset inside `el`. */
  x: number;
  y: number;
  dx: number;
  dy: number;
  started: boolean;
  ghost: HTMLElement | null;
}

/** The fields of a gesture pressed on `el` by `e`. */
export function pressed(el: HTMLElement, e: PointerEvent): Gesture {
  const r = el.getBoundingClientRect();
  return { el, pointerId: e.pointerId, x: e.clientX, y: e.clientY, dx: e.clientX - r.left, dy: e.clientY - r.top, started: false, ghost: null };
}

export abstract class PointerDrag<G extends Gesture> {
  protected g: G | null = null;

  constructor(protected root: HTMLElement, protected scroll: HTMLElement, protected store: Store) {
    root.addEventListener("pointerdown", (e) => this.down(e));
    root.addEventListener("selectstart", (e) => {
      if (this.g) e.preventDefault();
    });
  }

  get active(): boolean {
    return this.g?.started ?? false;
  }

  /** The gesture a primary press on `target` arms, or null when it grabs nothing. */
  protected abstract grab(target: Element, e: PointerEvent): G | null;
  /** Show the drag (ghost, marks) once the pointer moved far enough. */
  protected abstract begin(g: G): void;
  /** Follow the pointer: move the ghost, find and show where a drop would land. */
  protected abstract track(g: G, x: number, y: number): void;
  /** Remove what `begin` and `track` drew, then propose the drop when `commit`. */
  protected abstract finish(g: G, commit: boolean): void;

  /** Whether the pointer moved far enough from the press to start dragging. */
  protected passed(g: G, e: PointerEvent): boolean {
    return Math.hypot(e.clientX - g.x, e.clientY - g.y) >= THRESHOLD;
  }

  /** Whether the board scrolls sideways when the pointer nears its edges. */
  protected scrolls(_g: G): boolean {
    return true;
  }

  /** Stop the gesture; a started one is finished (dropped when `commit`). */
  protected end(commit: boolean): void {
    const g = this.g;
    if (!g) return;
    this.g = null;
    const doc = this.root.ownerDocument;
    doc.removeEventListener("pointermove", this.onMove, true);
    doc.removeEventListener("pointerup", this.onUp, true);
    doc.removeEventListener("pointercancel", this.onCancel, true);
    doc.removeEventListener("keydown", this.onDocKey, true);
    if (!g.started) return;
    g.ghost?.remove();
    this.root.classList.remove("jw-drag-active");
    // The click that ends a drag is not a click on what lies under the pointer.
    doc.addEventListener("click", stop, true);
    setTimeout(() => doc.removeEventListener("click", stop, true), 0);
    this.finish(g, commit);
  }

  private down(e: PointerEvent): void {
    if (e.button !== 0 || !e.isPrimary || this.g || this.store.readOnly()) return;
    const g = this.grab(e.target as Element, e);
    if (!g) return;
    this.g = g;
    const doc = this.root.ownerDocument;
    doc.addEventListener("pointermove", this.onMove, true);
    doc.addEventListener("pointerup", this.onUp, true);
    doc.addEventListener("pointercancel", this.onCancel, true);
    doc.addEventListener("keydown", this.onDocKey, true);
  }

  private onMove = (e: PointerEvent) => {
    const g = this.g;
    if (!g || e.pointerId !== g.pointerId) return;
    if (!g.started) {
      if (!this.passed(g, e)) return;
      if (this.store.readOnly()) return this.end(false); // became read-only (presenting, Python)
      g.started = true;
      this.root.ownerDocument.getSelection?.()?.removeAllRanges();
      this.root.classList.add("jw-drag-active");
      this.begin(g);
    }
    e.preventDefault();
    if (this.scrolls(g)) this.autoScroll(e.clientX);
    this.track(g, e.clientX, e.clientY);
  };

  private onUp = (e: PointerEvent) => {
    if (this.g && e.pointerId === this.g.pointerId) {
      if (this.g.started) this.track(this.g, e.clientX, e.clientY);
      this.end(true);
    }
  };

  private onCancel = (e: PointerEvent) => {
    if (this.g && e.pointerId === this.g.pointerId) this.end(false);
  };

  private onDocKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && this.g?.started) {
      e.preventDefault();
      e.stopPropagation();
      this.end(false);
    }
  };

  private autoScroll(x: number): void {
    const r = this.scroll.getBoundingClientRect();
    if (r.width <= 0) return;
    if (x < r.left + EDGE) this.scroll.scrollLeft -= 24;
    else if (x > r.right - EDGE) this.scroll.scrollLeft += 24;
  }
}

function stop(e: Event): void {
  e.stopPropagation();
}
