// Dot voting in the view: the toolbar's Start voting (a small form: budget, lanes, anonymous,
// minutes) and End voting, and while a round is open the bar `[data-jw-voting]`: who votes from
// this view (an editable name, the JupyterLab identity's at first, so a facilitator on one shared
// screen can place dots for each person in turn), the dots left and the countdown computed from
// the round's `ends` ("Time is up" at 0; the kernel refuses later dots).
import type { VotingRound } from "../model/types";
import type { Store } from "../store";
import { h } from "./h";

/** What the voting tools need from the view. */
export interface VotingHost {
  store: Store;
  announce(msg: string): void;
  /** The voter of this view (null: nobody named yet) and its change. */
  voter(): string | null;
  setVoter(name: string | null): void;
}

/** "m:ss" left until `ends` at `now` (ms), or null once time is up. */
export function countdown(ends: string, now: number): string | null {
  const left = Math.ceil((Date.parse(ends) - now) / 1000);
  if (!Number.isFinite(left) || left <= 0) return null;
  const m = Math.floor(left / 60);
  const s = left % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

function field(label: string, input: HTMLElement): HTMLElement {
  return h("label", { class: "jw-voting-field" }, [h("span", {}, label), input]);
}

export class VotingTools {
  readonly start = h("button", {
    type: "button", class: "jw-tool", "data-jw-start-voting": true, title: "Start a round of dot voting",
  }, "Start voting");
  readonly end = h("button", {
    type: "button", class: "jw-tool", "data-jw-end-voting": true, hidden: true, title: "End the round and reveal the votes",
  }, "End voting");
  readonly bar = h("div", { class: "jw-voting", "data-jw-voting": true, role: "group", "aria-label": "Dot voting", hidden: true });
  form: HTMLFormElement | null = null;
  private label = h("span", { class: "jw-voting-label" });
  private name = h("input", { type: "text", class: "jw-voter", "data-jw-voter": true, maxlength: 200, "aria-label": "Voting as", autocomplete: "off" });
  private left = h("span", { class: "jw-budget-left", "data-jw-budget-left": true });
  private clock = h("span", { class: "jw-countdown", "data-jw-countdown": true, role: "timer", "aria-live": "off" });
  private timer: ReturnType<typeof setInterval> | null = null;
  private round: VotingRound | null = null;

  constructor(private v: VotingHost, private anchor: HTMLElement) {
    this.bar.append(this.label, field("Voting as", this.name), this.left, this.clock);
    this.start.addEventListener("click", () => (this.form ? this.closeForm() : this.openForm()));
    this.end.addEventListener("click", () => {
      if (v.store.propose({ kind: "end_voting" })) v.announce("Ending the round\u2026");
    });
    this.name.addEventListener("change", () => v.setVoter(this.name.value.trim() || null));
    this.name.addEventListener("keydown", (e) => {
      if (e.key === "Enter") this.name.blur();
    });
  }

  /** Put the tools in step with the round open now (null: none). */
  update(round: VotingRound | null, readOnly: boolean, available: boolean): void {
    this.start.hidden = !available || readOnly || round != null;
    this.end.hidden = !available || readOnly || round == null;
    if (round && this.form) this.closeForm();
    this.bar.hidden = round == null;
    this.round = round;
    if (!round) {
      this.stopClock();
      return;
    }
    this.label.textContent = `Round ${round.round}${round.anonymous ? " (anonymous)" : ""}: ${round.lanes.length ? round.lanes.join(", ") : "every lane"}`;
    const voter = this.v.voter();
    if (this.name.ownerDocument.activeElement !== this.name) this.name.value = voter ?? "";
    const dots = this.v.store.dots();
    const used = dots && dots.round === round.round && dots.voter === voter ? dots.used : 0;
    const left = Math.max(round.budget - used, 0);
    this.left.setAttribute("data-jw-budget-left", String(left));
    this.left.textContent = voter ? `${left} of ${round.budget} dots left` : "Type your name to vote";
    this.tick();
    if (round.ends && !this.timer) this.timer = setInterval(() => this.tick(), 1000);
    if (!round.ends) this.stopClock();
  }

  destroy(): void {
    this.stopClock();
  }

  /** The countdown now; "Time is up" (and `data-jw-time-up`) at 0. */
  tick(now: number = Date.now()): void {
    const ends = this.round?.ends ?? null;
    this.clock.hidden = ends == null;
    if (ends == null) return;
    const left = countdown(ends, now);
    this.clock.textContent = left ?? "Time is up";
    this.clock.toggleAttribute("data-jw-time-up", left == null);
    if (left == null) this.stopClock();
  }

  private stopClock(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

   
  openForm(): void {
    const lanes = this.v.store.structure().lanes.map((l) => l.name);
    const budget = h("input", { type: "number", min: 1, max: 99, step: 1, value: 3, "data-jw-voting-budget": true });
    const minutes = h("input", { type: "number", min: 0, step: "any", placeholder: "no timer", "data-jw-voting-minutes": true });
    const anonymous = h("input", { type: "checkbox", "data-jw-voting-anonymous": true, checked: true });
    const boxes = lanes.map((name) => h("input", { type: "checkbox", "data-jw-voting-lane": name, value: name }));
    const error = h("div", { class: "jw-comment-error", role: "alert", hidden: true });
    const form = h("form", { class: "jw-voting-form", "data-jw-voting-form": true, "aria-label": "Start voting" }, [
      field("Dots per person", budget),
      h("fieldset", { class: "jw-voting-lanes" }, [
        h("legend", {}, "Lanes (none ticked: every lane)"),
        ...boxes.map((b, i) => h("label", {}, [b, h("span", {}, lanes[i])])),
      ]),
      h("label", { class: "jw-voting-field" }, [anonymous, h("span", {}, "Anonymous")]),
      field("Minutes", minutes),
      error,
      h("div", { class: "jw-voting-actions" }, [
        h("button", { type: "submit", class: "jw-tool", "data-jw-voting-start": true }, "Start"),
        h("button", { type: "button", class: "jw-tool", "data-jw-voting-cancel": true }, "Cancel"),
      ]),
    ]);
    form.querySelector("[data-jw-voting-cancel]")!.addEventListener("click", () => this.closeForm());
    form.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        this.closeForm();
      }
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const n = Number(budget.value);
      const mins = minutes.value.trim() === "" ? null : Number(minutes.value);
      const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
      const problem = !Number.isInteger(n) || n < 1 || n > 99 ? "The budget is a whole number of dots from 1 to 99."
        : mins != null && !(mins > 0) ? "Minutes must be above 0, or empty for no timer." : "";
      if (problem) {
        error.textContent = problem;
        error.hidden = false;
        return;
      }
      this.v.store.propose({ kind: "start_voting", budget: n, lanes: chosen.length ? chosen : null, anonymous: anonymous.checked, minutes: mins });
      this.closeForm(false);
    });
    this.form = form;
    this.anchor.after(form);
    budget.focus();
    budget.select();
  }

  closeForm(refocus = true): void {
    this.form?.remove();
    this.form = null;
    if (refocus && !this.start.hidden) this.start.focus();
  }
}
