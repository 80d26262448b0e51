// The compare view's summary: the number of changes per kind, the list of changed cards (each
// item shows its card when clicked) and the emotion change per stage. Text via textContent only.
import { h } from "../view/h";
import {
  type Change, changeLabel, countChanges, type EmotionRow, homeSide, ICONS, KINDS, signed, TITLES,
} from "./changes";

export interface SummaryOptions {
  labels: [string, string];
  /** Show (scroll to and focus) the card of a change. */
  show: (c: Change) => void;
}

function counts(changes: readonly Change[]): HTMLElement {
  const n = countChanges(changes);
  return h("ul", { class: "jw-change-counts", "data-jw-change-counts": true, "aria-label": "Changes per kind" },
    KINDS.map((k) => h("li", { "data-jw-count": k, "data-jw-change": k }, [
      h("span", { class: "jw-change-icon", "aria-hidden": "true" }, ICONS[k]),
      h("span", {}, `${n[k]} ${TITLES[k].toLowerCase()}`),
    ])));
}

function item(c: Change, o: SummaryOptions): HTMLElement {
  const side = homeSide(c);
  const place = side === "before" ? c.before : c.after;
  const text = place.text?.trim() || "(empty card)";
  const detail = c.change === "moved" || c.change === "edited" ? changeLabel(c, "after") : `${o.labels[side === "before" ? 0 : 1]}`;
  const button = h("button", {
    type: "button", class: "jw-change-item", "data-jw-change-item": c.id, "data-jw-change": c.change,
    title: "Show this card",
  }, [
    h("span", { class: "jw-change-icon", "aria-hidden": "true" }, ICONS[c.change]),
    h("span", { class: "jw-change-kind" }, `${TITLES[c.change]}:`),
    h("span", { class: "jw-change-text" }, text),
    h("span", { class: "jw-change-detail" }, `(${detail})`),
  ]);
  button.addEventListener("click", () => o.show(c));
  return h("li", {}, [button]);
}

function emotionTable(rows: readonly EmotionRow[], labels: [string, string]): HTMLElement | null {
  if (!rows.length) return null;
  const persona = rows.some((r) => r.hasPersona);
  const head = h("tr", {}, [
    h("th", { scope: "col" }, "Stage"),
    persona ? h("th", { scope: "col" }, "Persona") : null,
    h("th", { scope: "col" }, labels[0]),
    h("th", { scope: "col" }, labels[1]),
    h("th", { scope: "col" }, "Change"),
  ]);
  const body = rows.map((r) => {
    const dir = r.change == null || r.change === 0 ? "same" : r.change > 0 ? "up" : "down";
    const arrow = dir === "up" ? "\u25b2 " : dir === "down" ? "\u25bc " : "";
    return h("tr", { "data-jw-emotion-stage": r.stage }, [
      h("th", { scope: "row" }, r.stage),
      persona ? h("td", {}, r.persona ?? "(none)") : null,
      h("td", {}, signed(r.before)),
      h("td", {}, signed(r.after)),
      h("td", { class: `jw-emotion-${dir}`, "data-jw-emotion-change": dir }, `${arrow}${signed(r.change)}`),
    ]);
  });
  return h("table", { class: "jw-emotion-change", "data-jw-emotion-change-table": true }, [
    h("caption", {}, "Emotion per stage (mean score)"),
    h("thead", {}, [head]),
    h("tbody", {}, body),
  ]);
}

/** Fill `host` with the summary (replacing what it held). */
export function renderSummary(host: HTMLElement, changes: readonly Change[], emotion: readonly EmotionRow[], o: SummaryOptions): void {
  host.textContent = "";
  const total = changes.length;
  host.appendChild(h("div", { class: "jw-compare-title" },
    total ? `${total} ${total === 1 ? "change" : "changes"} from ${o.labels[0]} to ${o.labels[1]}` : `No changes from ${o.labels[0]} to ${o.labels[1]}`));
  host.appendChild(counts(changes));
  if (total) {
    host.appendChild(h("ol", { class: "jw-change-list", "data-jw-change-list": true, "aria-label": "Changed cards" },
      changes.map((c) => item(c, o))));
  }
  const table = emotionTable(emotion, o.labels);
  if (table) host.appendChild(table);
}
