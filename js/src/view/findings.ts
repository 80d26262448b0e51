// Findings on demand: the Check button asks the map's source to run `m.check()` (the kernel;
// a JupyterLab document has no checks and no button) and lists what it found. Each finding is a
// button that brings its card, or its stage (and lane), into view, focused and highlighted.
import { cellKey } from "../columns";
import type { Finding } from "../model/types";
import type { Store } from "../store";
import { type Frame, headerKey } from "./board";
import { countElements } from "./budget";
import type { CardView } from "./card";
import { h } from "./h";

/** Findings listed at most (each costs 4 elements); the rest are counted, m.check() has all. */
export const MAX_FINDINGS = 60;

/** What the panel needs from the view. */
export interface FindingsHost {
  root: HTMLElement;
  store: Store;
  expanded: Set<string>;
  frame(): Frame | null;
  cardView(id: string): CardView | undefined;
  announce(msg: string): void;
  flush(): void;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export class FindingsPanel {
  el: HTMLElement | null = null;
  findings: Finding[] = [];
  private title: HTMLElement | null = null;
  private checkedAt = -1;
  private highlighted: Element[] = [];
  private runs = 0;

  constructor(private v: FindingsHost, private check: () => Promise<Finding[]>, private anchor: HTMLElement) {}

  /** Elements the panel adds (for the DOM budget). */
  nodes(): number {
    return this.el ? countElements(this.el) : 0;
  }

  /** Ask for the findings and show them; a second click while open checks again. */
  async run(): Promise<void> {
    const run = ++this.runs;
    this.open();
    this.title!.textContent = "Checking the map\u2026";
    this.el!.setAttribute("aria-busy", "true");
    this.v.announce("Checking the map\u2026");
    let findings: Finding[] | null = null;
    let problem = "";
    try {
      findings = await this.check();
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
    }
    if (run !== this.runs || !this.el) return; // closed, or checked again meanwhile
    this.el.removeAttribute("aria-busy");
    if (findings) this.show(findings);
    else {
      this.title!.textContent = `The check did not run: ${problem}`;
      this.v.announce(`The check did not run: ${problem}`);
    }
  }

  close(): void {
    if (!this.el) return;
    this.runs++;
    this.unhighlight();
    this.el.remove();
    this.el = this.title = null;
    this.findings = [];
    this.v.flush();
    this.v.root.querySelector<HTMLElement>("[data-jw-check]")?.focus();
  }

  /** After each render: say when the map changed since the findings were made. */
  afterPaint(): void {
    if (!this.el || this.checkedAt < 0) return;
    this.el.toggleAttribute("data-jw-findings-stale", this.v.store.revision() !== this.checkedAt);
  }

  /** Bring a finding's card or stage into view, focused and highlighted. */
  reveal(f: Finding): void {
    const { v } = this;
    this.unhighlight();
    if (f.card) {
      const card = v.store.cards().find((c) => c.id === f.card);
      if (card && !v.cardView(card.id)) {
        v.expanded.add(cellKey(card.stage, card.step, card.lane)); // a collapsed cell opens
        v.flush();
      }
      const el = v.cardView(f.card)?.el;
      if (el) {
        this.highlight([el]);
        el.scrollIntoView?.({ block: "nearest", inline: "nearest" });
        el.focus({ preventScroll: true });
        return v.announce(`${f.rule}: ${f.message}`);
      }
    }
    const frame = v.frame();
    const head = f.stage != null ? frame?.headers.get(headerKey({ axis: "stage", name: f.stage, stage: null })) : null;
    if (!frame || !head) return v.announce(`${f.rule}: ${f.message} (not on the map any more)`);
    const cells = [...frame.cells.values()].filter((c) => c.stage === f.stage && (f.lane == null || c.lane === f.lane));
    this.highlight([head, ...cells.map((c) => c.el)]);
    head.setAttribute("tabindex", "-1");
    head.scrollIntoView?.({ block: "nearest", inline: "nearest" });
    head.focus({ preventScroll: true });
    v.announce(`${f.rule}: ${f.message}`);
  }

  private open(): void {
    if (this.el) return;
    this.title = h("div", { class: "jw-findings-title", id: `jw-findings-${this.v.store.prefix}` });
    const close = h("button", { type: "button", class: "jw-tool", "data-jw-findings-close": true, title: "Close the findings" }, "Close");
    this.el = h("section", {
      class: "jw-findings", "data-jw-findings": true, role: "region", "aria-labelledby": this.title.id,
    }, [h("div", { class: "jw-findings-head" }, [this.title, close])]);
    close.addEventListener("click", () => this.close());
    this.el.addEventListener("click", (e) => {
      const b = (e.target as Element).closest<HTMLElement>("[data-jw-finding]");
      const f = b ? this.findings[Number(b.dataset.index)] : undefined;
      if (f) this.reveal(f);
    });
    this.el.addEventListener("keydown", (e) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      e.stopPropagation();
      this.close();
    });
    this.anchor.after(this.el);
  }

  private show(findings: Finding[]): void {
    const el = this.el!;
    this.findings = findings;
    this.checkedAt = this.v.store.revision();
    el.removeAttribute("data-jw-findings-stale");
    for (const old of el.querySelectorAll(".jw-findings-list, [data-jw-findings-empty], .jw-findings-more")) old.remove();
    const count = findings.length ? plural(findings.length, "finding") : "No findings";
    this.title!.textContent = `Map check: ${count}`;
    if (!findings.length) {
      el.appendChild(h("p", { class: "jw-findings-empty", "data-jw-findings-empty": true }, "No findings: the map passes every check."));
    } else {
      el.appendChild(h("ul", { class: "jw-findings-list" }, findings.slice(0, MAX_FINDINGS).map((f, i) => h("li", {}, [
        h("button", {
          type: "button", class: `jw-finding jw-finding-${f.severity === "info" ? "info" : "warning"}`, "data-jw-finding": true,
          "data-index": i, "data-rule": f.rule, "data-severity": f.severity, "data-stage": f.stage, "data-lane": f.lane,
          "data-card": f.card,
        }, [h("span", { class: "jw-finding-rule" }, f.rule), h("span", { class: "jw-finding-message" }, f.message)]),
      ]))));
      if (findings.length > MAX_FINDINGS) {
        el.appendChild(h("p", { class: "jw-findings-more" }, `${findings.length - MAX_FINDINGS} more not listed; m.check() in the notebook lists them all.`));
      }
    }
    this.v.flush(); // the budget left for cards changed
    this.v.announce(`Map check: ${count}`);
  }

  private highlight(els: Element[]): void {
    for (const e of els) e.setAttribute("data-jw-highlight", "");
    this.highlighted = els;
  }

  private unhighlight(): void {
    for (const e of this.highlighted) e.removeAttribute("data-jw-highlight");
    this.highlighted = [];
  }
}
