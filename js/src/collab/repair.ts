// The repairs reading a shared journey document makes (docs/collaboration.md, "Reading"), rule
// for rule as Python's journey_widget/collab/repair.py makes them: two people's concurrent edits
// can leave a card in a stage, step or lane the other just removed or renamed, a field no column
// names, a score outside the emotion scale; reading fixes the document instead of losing a card.
import { laneKindFor } from "../model/journeyfile";

type Obj = Record<string, unknown>;

/** The core columns: a card's fields come in this order, then the others by name. */
const CORE = ["id", "stage", "step", "lane", "text", "score"];
/** Columns every map with cards has. */
const REQUIRED = ["stage", "lane", "text"];

export function isObj(v: unknown): v is Obj {
  return v != null && typeof v === "object" && !Array.isArray(v);
}

/** Python's sort order of strings (by code point; JS compares UTF-16 units). */
export function byCodePoint(a: string, b: string): number {
  const [x, y] = [Array.from(a), Array.from(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d) return d;
  }
  return x.length - y.length;
}

const isName = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/** A card's fields in a fixed order: the core columns, then the others sorted by name. */
export function fieldOrder(card: Obj): Obj {
  const keys = Object.keys(card);
  const order = [...CORE.filter((k) => k in card), ...keys.filter((k) => !CORE.includes(k)).sort(byCodePoint)];
  return Object.fromEntries(order.map((k) => [k, card[k]]));
}

/** Cards that can be placed at all: a stage and a lane that are names. */
export function placeable(card: Obj): boolean {
  return isName(card.stage) && isName(card.lane);
}

function names(items: unknown[]): unknown[] {
  return items.filter((i) => typeof i === "string" || isObj(i)).map((i) => (typeof i === "string" ? i : i.name));
}

/** Append a missing stage (and the card's missing step); the step the card keeps. */
function placeStep(stages: unknown[], stage: string, step: unknown): unknown {
  const known = names(stages);
  if (!known.includes(stage)) {
    stages.push({ name: stage, steps: [], description: "" });
    known.push(stage);
  }
  if (step == null || !isName(step)) return null; // a blank step is no step
  const at = known.indexOf(stage);
  const entry = stages[at];
  const steps = isObj(entry) ? entry.steps : undefined;
  // A stage without steps takes any step, as readers do.
  if (Array.isArray(steps) && steps.length && !steps.includes(step)) stages[at] = { ...(entry as Obj), steps: [...(steps as unknown[]), step] };
  return step;
}

/** Append card fields no column names (sorted by name), then give every card every column. */
function repairColumns(columns: unknown[], cards: Obj[]): void {
  const known = columns.filter(isObj).map((c) => c.name);
  const fields = new Set(cards.flatMap((c) => Object.keys(c)));
  if (cards.length) for (const k of REQUIRED) fields.add(k);
  for (const name of [...fields].filter((f) => !known.includes(f)).sort(byCodePoint)) {
    const texts = cards.every((c) => c[name] == null || typeof c[name] === "string");
    columns.push({ name, dtype: texts ? "str" : "object" });
    known.push(name);
  }
  cards.forEach((card, i) => {
    cards[i] = Object.fromEntries(known.map((n) => [String(n), card[String(n)] ?? null]));
  });
}

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Scores on emotion lanes brought inside the scale (to its ends). */
function clampScores(cards: Obj[], lanes: unknown[], scale: unknown): void {
  const kinds = new Map<string, unknown>();
  for (const lane of lanes) {
    if (typeof lane === "string") kinds.set(lane, laneKindFor(lane));
    else if (isObj(lane) && isName(lane.name)) kinds.set(lane.name, lane.kind || laneKindFor(lane.name));
  }
  let [low, high]: unknown[] = isObj(scale) ? ["min" in scale ? scale.min : -2, "max" in scale ? scale.max : 2] : [-2, 2];
  if (!isNumber(low) || !isNumber(high)) [low, high] = [-2, 2];
  for (const card of cards) {
    const score = card.score;
    if (kinds.get(card.lane as string) !== "emotion" || !isNumber(score)) continue;
    if (score < (low as number)) card.score = low;
    else if (score > (high as number)) card.score = high;
  }
}

/**
 * Make the cards and metrics of `doc` fit its stages, steps, lanes, columns and scale. In this
 * order: for each card (in card order) a missing stage is appended to `stages`, then its
 * missing step to the stage's steps, then a missing lane to `lanes`; then for each metric row
 * a missing stage; then card fields missing from `columns`; then emotion scores are brought
 * inside the scale. Each list is repaired only when the document holds it as a list.
 */
export function repair(doc: Obj): void {
  const cards = doc.cards as Obj[];
  const stages = Array.isArray(doc.stages) ? (doc.stages as unknown[]) : null;
  const lanes = Array.isArray(doc.lanes) ? (doc.lanes as unknown[]) : null;
  for (const card of cards) {
    if (stages) card.step = placeStep(stages, card.stage as string, card.step);
    if (lanes && !names(lanes).includes(card.lane)) lanes.push({ name: card.lane, kind: "text" });
  }
  for (const row of Array.isArray(doc.metrics) ? (doc.metrics as unknown[]) : []) {
    if (stages && isObj(row) && isName(row.stage)) placeStep(stages, row.stage, null);
  }
  if (Array.isArray(doc.columns)) repairColumns(doc.columns as unknown[], cards);
  if (lanes) clampScores(cards, lanes, doc.scale);
}
