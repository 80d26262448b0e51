// Presentation mode: the map read-only for this view only (the data is untouched; the store
// proposes nothing while it lasts), filling the window, one stage highlighted at a time and the
// lanes revealed one by one. Keys (docs/protocol.md): ArrowRight/PageDown and ArrowLeft/PageUp
// step stages (stopping at the ends), Home/End jump to the first/last stage, ArrowDown reveals the
// next lane and ArrowUp hides the last shown, A shows all lanes, Escape exits; after a revealed
// dot-voting round V steps through the top-voted cards instead (presentvotes.ts).
import type { Store } from "../store";
import { type Frame, headerKey } from "./board";
import { countElements } from "./budget";
import { h } from "./h";
import { VoteSpotlight } from "./presentvotes";

/** What presentation mode needs from the view. */
export interface PresentHost {
  root: HTMLElement;
  store: Store;
  frame(): Frame | null;
  announce(msg: string): void;
  flush(): void;
}

const NEXT = ["ArrowRight", "PageDown"];
const PREV = ["ArrowLeft", "PageUp"];

function button(hook: string, label: string, title: string): HTMLButtonElement {
  return h("button", { type: "button", class: "jw-tool", [hook]: true, title }, label);
}

export class Presenter {
  active = false;
  /** Index of the highlighted stage and the number of lanes shown (from the top). */
  stage = 0;
  lanes = 1;
  private bar: HTMLElement | null = null;
  private label: HTMLElement | null = null;
  /** Where the root sat before it moved to the page's body (a comment node left in its place). */
  private home: Comment | null = null;
  private marked = false;
  private scrolled = "";
  /** After a revealed round: the top-voted cards one by one (presentvotes.ts; V). */
  readonly votes: VoteSpotlight;

  constructor(private v: PresentHost) {
    this.votes = new VoteSpotlight({
      root: v.root, store: v.store, announce: (m) => v.announce(m),
      showStage: (name) => {
        this.stage = Math.max(v.store.structure().stages.findIndex((s) => s.name === name), 0);
        this.lanes = v.store.structure().lanes.length;
        v.flush();
      },
    });
    // Capture: while presenting, the arrows step the presentation even on a focused card.
    v.root.addEventListener("keydown", (e) => this.onKey(e), true);
  }

  /** Elements this mode adds outside the frame (for the DOM budget). */
  nodes(): number {
    return this.bar ? countElements(this.bar) : 0;
  }

  toggle(): void {
    if (this.active) this.exit();
    else this.enter();
  }

  enter(): void {
    const { root, store } = this.v;
    if (this.active) return;
    // An open editor commits first (leaving it commits), as when the user clicks away.
    const doc = root.ownerDocument;
    const focused = doc.activeElement;
    if (focused instanceof HTMLElement && root.contains(focused) && focused.closest(".jw-editor")) focused.blur();
    this.active = true;
    this.stage = 0;
    this.lanes = 1;
    store.lock(true);
    // Fill the window: a fixed overlay. Moved to the body, so no transformed or contained
    // ancestor (notebook output areas) can turn `position: fixed` into a local box.
    this.home = doc.createComment("journey map presenting");
    root.replaceWith(this.home);
    doc.body.appendChild(root);
    root.classList.add("jw-presenting");
    root.setAttribute("data-jw-presenting", "");
    root.setAttribute("tabindex", "-1");
    root.querySelector("[data-jw-present]")?.setAttribute("aria-pressed", "true");
    this.bar = this.buildBar();
    root.querySelector(".jw-toolbar")?.after(this.bar);
    this.v.flush();
    root.focus({ preventScroll: true });
    this.announceStage();
  }

  exit(): void {
    const { root, store } = this.v;
    if (!this.active) return;
    this.active = false;
    this.votes.active = false;
    this.bar?.remove();
    this.bar = this.label = null;
    root.classList.remove("jw-presenting");
    root.removeAttribute("data-jw-presenting");
    root.removeAttribute("data-jw-current-stage");
    root.removeAttribute("data-jw-lanes-shown");
    root.removeAttribute("tabindex");
    root.querySelector("[data-jw-present]")?.setAttribute("aria-pressed", "false");
    if (this.home?.isConnected) this.home.replaceWith(root);
    this.home = null;
    store.lock(false);
    this.v.flush();
    root.querySelector<HTMLElement>("[data-jw-present]")?.focus();
    this.v.announce("Presentation ended");
  }

  /** Step to another stage; returns false at the ends (nothing wraps). */
  step(by: number): boolean {
    const n = this.v.store.structure().stages.length;
    const to = Math.min(Math.max(this.stage + by, 0), Math.max(n - 1, 0));
    if (to === this.stage) {
      this.v.announce(by > 0 ? "Last stage" : "First stage");
      return false;
    }
    this.stage = to;
    this.v.flush();
    this.announceStage();
    return true;
  }

  /** Show one lane more (+1) or less (-1), or all of them (Infinity). */
  reveal(by: number): void {
    const lanes = this.v.store.structure().lanes;
    const to = Math.min(Math.max(this.lanes + by, 1), Math.max(lanes.length, 1));
    if (to === this.lanes) {
      this.v.announce(by > 0 ? "All lanes are shown" : "Only the first lane is shown");
      return;
    }
    this.lanes = to;
    this.v.flush();
    const name = lanes[by > 0 && Number.isFinite(by) ? to - 1 : to]?.name ?? "";
    this.v.announce(Number.isFinite(by) ? `${by > 0 ? "Showing" : "Hiding"} lane ${name} (${to} of ${lanes.length} shown)` : "All lanes shown");
  }

  /** Mark the frame: the current stage, dimmed others, concealed lanes. Runs after each paint. */
  apply(frame: Frame): void {
    const { root, store } = this.v;
    if (!this.active && !this.marked) return;
    const st = store.structure();
    const stages = st.stages;
    this.stage = Math.min(this.stage, Math.max(stages.length - 1, 0));
    this.lanes = Math.min(Math.max(this.lanes, 1), Math.max(st.lanes.length, 1));
    const current = this.active ? (stages[this.stage]?.name ?? null) : null;
    if (current != null) root.setAttribute("data-jw-current-stage", current);
    root.toggleAttribute("data-jw-lanes-shown", this.active);
    if (this.active) root.setAttribute("data-jw-lanes-shown", String(this.lanes));
    for (const s of stages) {
      const head = frame.headers.get(headerKey({ axis: "stage", name: s.name, stage: null }));
      if (!head) continue;
      const on = s.name === current;
      head.toggleAttribute("data-jw-current", on);
      if (on) head.setAttribute("aria-current", "step");
      else head.removeAttribute("aria-current");
    }
    for (const cell of frame.cells.values()) cell.el.classList.toggle("jw-current", cell.stage === current);
    for (const el of frame.el.querySelectorAll<HTMLElement>(".jw-step")) {
      el.classList.toggle("jw-current", (el.dataset.stage ?? "") === current);
    }
    st.lanes.forEach((lane, i) => {
      const head = frame.headers.get(headerKey({ axis: "lane", name: lane.name, stage: null }));
      const hide = this.active && i >= this.lanes;
      head?.toggleAttribute("data-jw-concealed", hide);
      head?.parentElement?.classList.toggle("jw-concealed", hide);
    });
    this.marked = this.active;
    const top = this.votes.apply();
    if (this.label && current != null) this.label.textContent = `Stage ${this.stage + 1} of ${stages.length}: ${current}`;
    if (this.label && top) this.label.textContent = `Top ${this.votes.index + 1} of ${top.of}: ${top.votes} vote${top.votes === 1 ? "" : "s"}`;
    if (this.active && current != null && this.scrolled !== current) {
      this.scrolled = current;
      frame.headers.get(headerKey({ axis: "stage", name: current, stage: null }))
        ?.scrollIntoView?.({ block: "nearest", inline: "center" });
    }
    if (!this.active) this.scrolled = "";
  }

  private announceStage(): void {
    const stages = this.v.store.structure().stages;
    const s = stages[this.stage];
    if (!s) return this.v.announce("Presenting: the map has no stages");
    this.v.announce(`Stage ${this.stage + 1} of ${stages.length}: ${s.name}${s.description ? `. ${s.description}` : ""}`);
  }

  private buildBar(): HTMLElement {
    this.label = h("span", { class: "jw-present-label", "data-jw-present-label": true });
    const bar = h("div", { class: "jw-present-bar", "data-jw-present-bar": true, role: "group", "aria-label": "Presentation" }, [
      button("data-jw-present-prev", "\u25c0 Stage", "Previous stage (Left arrow, Page Up)"),
      this.label,
      button("data-jw-present-next", "Stage \u25b6", "Next stage (Right arrow, Page Down)"),
      button("data-jw-present-less", "\u25b2 Lane", "Hide the last lane shown (Up arrow)"),
      button("data-jw-present-more", "\u25bc Lane", "Reveal the next lane (Down arrow)"),
      button("data-jw-present-all", "All lanes", "Show every lane (A)"),
      this.votes.button,
      button("data-jw-present-exit", "Exit", "Leave presentation mode (Escape)"),
    ]);
    bar.addEventListener("click", (e) => {
      const t = (e.target as Element).closest("button");
      if (!t) return;
      if (t.hasAttribute("data-jw-present-prev")) this.step(-1);
      else if (t.hasAttribute("data-jw-present-next")) this.step(1);
      else if (t.hasAttribute("data-jw-present-less")) this.reveal(-1);
      else if (t.hasAttribute("data-jw-present-more")) this.reveal(1);
      else if (t.hasAttribute("data-jw-present-all")) this.reveal(Infinity);
      else if (t.hasAttribute("data-jw-present-exit")) this.exit();
    });
    return bar;
  }

  /** The view is going away: take the root's place holder and the bar with it. */
  destroy(): void {
    this.home?.remove();
    this.bar?.remove();
    this.active = false;
  }

  private onKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as Element;
    // Text fields keep their keys; the presentation's keys work everywhere else in the map.
    if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return;
    const k = e.key;
    if (!this.active) {
      if ((k !== "p" && k !== "P") || t.closest("[role=menu], [data-jw-confirm]")) return;
      this.enter();
    } else if (this.votes.active && (NEXT.includes(k) || PREV.includes(k))) this.votes.step(NEXT.includes(k) ? 1 : -1);
    else if (k === "v" || k === "V") this.votes.toggle();
    else if (NEXT.includes(k)) this.step(1);
    else if (PREV.includes(k)) this.step(-1);
    else if (k === "Home") this.step(-Infinity);
    else if (k === "End") this.step(Infinity);
    else if (k === "ArrowDown") this.reveal(1);
    else if (k === "ArrowUp") this.reveal(-1);
    else if (k === "a" || k === "A") this.reveal(Infinity);
    else if (k === "Escape") this.exit();
    else return;
    e.preventDefault();
    e.stopImmediatePropagation();
  }
}
