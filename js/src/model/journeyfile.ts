// The `.journey.json` format, version 1 (src/journey_widget/io/json_format.py): read and
// validated the way Python reads it, and written byte for byte the way `JourneyMap.save` writes
// it (json.dumps, indent=1, floats as Python prints them), so a file saved in JupyterLab opens in
// Python and diffs cleanly against one saved from Python, and the other way round.
import { CONFIDENCE_LEVELS, isConfidence, isEmotionLaneName } from "../vocabulary";
import { PyFloat, pyG, pyJson, pyNumber, pyRepr, RawJson } from "./pyrepr";
import type { Card } from "./types";

export const FORMAT_NAME = "journey-map";
export const FORMAT_VERSION = 1;
/** The mime type of a map's versioned JSON in notebook outputs. */
export const MIME_TYPE = "application/vnd.journey-map+json";

export const CORE_COLUMNS = ["id", "stage", "step", "lane", "text", "score"] as const;
export const OPTIONAL_COLUMNS = [
  "channel", "owner", "confidence", "severity", "impact", "effort", "evidence", "persona", "tags",
] as const;
const STRING_COLUMNS = ["id", "stage", "step", "lane", "text"];
const PLACEMENT = ["id", "stage", "step", "lane"];
const METRIC_COLUMNS = ["stage", "metric", "value", "target", "unit", "n"];
const LANE_KINDS = ["text", "emotion", "metric"];

export interface ColumnSpec {
  name: string;
  /** The pandas dtype, as `str(dtype)`: "str", "float64", "Int64", "object", "category", ... */
  dtype: string;
  categories?: unknown[];
  ordered?: boolean;
}

export interface DocStage {
  name: string;
  steps: string[];
  description: string;
}

export interface DocLane {
  name: string;
  kind: string;
  prompt?: string;
}

export interface DocScale {
  min: number;
  max: number;
  step: number;
}

/** A map as the file holds it: every column of every card, metrics, persona details. */
export interface JourneyDoc {
  title: string;
  persona: Record<string, unknown> | null;
  state: string;
  scale: DocScale;
  stages: DocStage[];
  lanes: DocLane[];
  columns: ColumnSpec[];
  cards: readonly Card[];
  metrics?: Record<string, unknown>[];
}

/** A document Python would refuse to open; the message says what and where. */
export class JourneyFileError extends Error {
  override name = "JourneyFileError";
}

const fail = (message: string): never => {
  throw new JourneyFileError(message);
};

export function isMissing(v: unknown): boolean {
  return v == null || (typeof v === "number" && Number.isNaN(v));
}

export function isFloatDtype(dtype: string): boolean {
  return /^float\d*$/i.test(dtype);
}

/** The dtype pandas gives a column when a card without a value for it is added. */
export function nullableDtype(dtype: string): string {
  if (dtype === "bool" || dtype === "boolean") return "boolean";
  if (!/^u?int\d+$/i.test(dtype)) return dtype;
  return (dtype.charAt(0).toUpperCase() + dtype.slice(1).toLowerCase()).replace("Ui", "UI");
}

/** The scale as Python's `Scale.describe()` prints it: `-2..2`. */
export function describeScale(s: DocScale): string {
  return `${pyNumber(s.min, !Number.isInteger(s.min))}..${pyNumber(s.max, !Number.isInteger(s.max))}`;
}

/** The emotion-scale check of `model/cards.py check_scores`, for one card at `row`. */
export function checkScore(doc: JourneyDoc, lane: string, score: unknown, row = 0): void {
  if (isMissing(score) || typeof score !== "number") return;
  const emotion = doc.lanes.some((l) => l.name === lane && l.kind === "emotion");
  if (emotion && (score < doc.scale.min || score > doc.scale.max)) {
    fail(`column 'score' has value ${pyG(score)} at row ${row} on emotion lane ${pyRepr(lane)}, ` +
      `outside the map's scale ${describeScale(doc.scale)}`);
  }
}

function isNumber(v: unknown): v is number {
  return typeof v === "number";
}

/** `model/cards.py check_field_value`: one value for a card column, normalised. */
export function checkFieldValue(field: string, value: unknown): unknown {
  if (field === "text") {
    if (typeof value !== "string") fail(`column 'text' takes a string, got ${pyRepr(value)}`);
    return value;
  }
  if (field === "score") {
    if (isMissing(value)) return null;
    if (!isNumber(value)) fail(`column 'score' takes a number or nothing, got ${pyRepr(value)}`);
    return value;
  }
  if (field === "confidence" && !isMissing(value) && !isConfidence(value)) {
    fail(`column 'confidence' takes one of ${CONFIDENCE_LEVELS.join(", ")}, got ${pyRepr(value)}`);
  }
  if (field === "severity" && !isMissing(value) && (!isNumber(value) || value < 1 || value > 5)) {
    fail(`column 'severity' takes a number from 1 to 5, got ${pyRepr(value)}`);
  }
  return value;
}

/** The kind Python gives a lane named without one. */
export function laneKindFor(name: string): string {
  return isEmotionLaneName(name) ? "emotion" : "text";
}

export function checkName(value: unknown, what: string): string {
  if (typeof value !== "string" || !value.trim()) fail(`${what} name must be a non-empty string, got ${pyRepr(value)}`);
  return value as string;
}

function unique(names: string[], what: string): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) fail(`${what} must be unique; ${pyRepr(n)} appears twice`);
    seen.add(n);
  }
}

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function readStage(v: unknown): DocStage {
  if (typeof v === "string") return { name: checkName(v, "stage"), steps: [], description: "" };
  const o = obj(v);
  const steps = (Array.isArray(o.steps) ? o.steps : []).map((s) => checkName(s, "step"));
  unique(steps, `steps of stage ${pyRepr(o.name)}`);
  return { name: checkName(o.name, "stage"), steps, description: o.description ? String(o.description) : "" };
}

function readLane(v: unknown): DocLane {
  if (typeof v === "string") return { name: checkName(v, "lane"), kind: laneKindFor(v) };
  const o = obj(v);
  const name = checkName(o.name, "lane");
  const kind = (o.kind as string) || laneKindFor(name);
  if (!LANE_KINDS.includes(kind)) fail(`lane ${pyRepr(name)} has kind ${pyRepr(kind)}; expected one of ${LANE_KINDS.join(", ")}`);
  const prompt = (o.prompt || "") as string;
  if (typeof prompt !== "string") fail(`lane ${pyRepr(name)} has prompt ${pyRepr(prompt)}; expected a string`);
  return prompt ? { name, kind, prompt } : { name, kind };
}

function readScale(v: unknown): DocScale {
  const o = v == null ? {} : obj(v);
  const s = { min: o.min ?? -2, max: o.max ?? 2, step: o.step ?? 1 } as Record<string, unknown>;
  for (const k of ["min", "max", "step"]) {
    if (typeof s[k] !== "number" || Number.isNaN(s[k])) fail(`scale ${k} must be a number, got ${pyRepr(s[k])}`);
  }
  const { min, max, step } = s as unknown as DocScale;
  if (!(min < max)) fail(`scale min must be below max, got ${min}..${max}`);
  if (step <= 0) fail(`scale step must be positive, got ${step}`);
  return { min, max, step };
}

function readPersona(v: unknown): Record<string, unknown> | null {
  if (v == null) return null;
  if (typeof v === "string") return { name: v, goals: [], description: "" };
  if (typeof v !== "object" || Array.isArray(v)) return fail(`persona must be a name, a dict or a Persona, got ${pyRepr(v)}`);
  return { ...(v as Record<string, unknown>) };
}

function canonicalColumns(given: ColumnSpec[]): ColumnSpec[] {
  const byName = new Map(given.map((c) => [c.name, c]));
  const core = CORE_COLUMNS.map((name) => ({ name, dtype: name === "score" ? "float64" : "str" }));
  const optional = OPTIONAL_COLUMNS.filter((n) => byName.has(n)).map((n) => byName.get(n)!);
  const extras = given.filter((c) => !(CORE_COLUMNS as readonly string[]).includes(c.name) &&
    !(OPTIONAL_COLUMNS as readonly string[]).includes(c.name));
  return [...core, ...optional, ...extras];
}

function readColumns(doc: Record<string, unknown>, cards: Record<string, unknown>[]): ColumnSpec[] {
  if (Array.isArray(doc.columns)) {
    return doc.columns.map((c) => {
      const o = obj(c);
      const spec: ColumnSpec = { name: String(o.name), dtype: String(o.dtype ?? "object") };
      if (Array.isArray(o.categories)) [spec.categories, spec.ordered] = [o.categories, Boolean(o.ordered)];
      return spec;
    });
  }
  const names: string[] = [];
  for (const c of cards) for (const k of Object.keys(c)) if (!names.includes(k)) names.push(k);
  return names.map((name) => ({ name, dtype: "object" }));
}

function newCardId(): string {
  const bytes = new Uint8Array(5);
  globalThis.crypto.getRandomValues(bytes);
  return "c-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function firstBad(cards: Card[], bad: (c: Card) => boolean): number {
  return cards.findIndex(bad);
}

/** Card rows checked in the order `model/cards.py card_table` checks them. */
function readCards(rows: Record<string, unknown>[], columns: ColumnSpec[], stages: DocStage[], lanes: DocLane[]): Card[] {
  const cards = rows.map((r) => {
    const card: Record<string, unknown> = {};
    for (const { name } of columns) card[name] = r[name] ?? null;
    return card as Card;
  });
  for (const k of ["stage", "lane"] as const) {
    const missing = cards.filter((c) => isMissing(c[k])).length;
    if (missing) {
      fail(`column '${k}' has ${missing} missing value(s), first at row ${firstBad(cards, (c) => isMissing(c[k]))}; ` +
        `every card needs a ${k}`);
    }
  }
  for (const c of cards) [c.stage, c.lane] = [String(c.stage), String(c.lane)];
  for (const [k, names] of [["stage", stages.map((s) => s.name)], ["lane", lanes.map((l) => l.name)]] as const) {
    const row = firstBad(cards, (c) => !names.includes(c[k]));
    if (row >= 0) {
      fail(`column '${k}' has value ${pyRepr(cards[row]![k])} at row ${row}, which is not one of the map's ${k}s: ${pyRepr(names)}`);
    }
  }
  const seen = new Set<string>();
  for (const [row, c] of cards.entries()) {
    c.step = isMissing(c.step) ? null : String(c.step);
    c.text = isMissing(c.text) ? "" : String(c.text);
    if (!isMissing(c.score) && (typeof c.score !== "number")) {
      fail(`column 'score' has value ${pyRepr(c.score)} at row ${row}; expected a number or a missing value`);
    }
    c.score = isMissing(c.score) ? null : c.score;
    if (isMissing(c.id)) c.id = newCardId();
    c.id = String(c.id);
    if (seen.has(c.id)) fail(`column 'id' must be unique; ${pyRepr(c.id)} appears more than once`);
    seen.add(c.id);
  }
  return cards;
}

/** Steps of stages given without steps come from the cards, in order of first appearance. */
function stepsFromCards(stages: DocStage[], cards: Card[]): DocStage[] {
  return stages.map((stage) => {
    const used = cards.filter((c) => c.stage === stage.name && c.step != null).map((c) => c.step as string);
    if (stage.steps.length) {
      const bad = cards.findIndex((c) => c.stage === stage.name && c.step != null && !stage.steps.includes(c.step));
      if (bad >= 0) {
        fail(`column 'step' has value ${pyRepr(cards[bad]!.step)} at row ${bad}, which is not one of the steps of stage ` +
          `${pyRepr(stage.name)}: ${pyRepr(stage.steps)}`);
      }
      return stage;
    }
    return { ...stage, steps: [...new Set(used)] };
  });
}

/**
 * A parsed document checked the way `journey_from_dict` checks it. Throws JourneyFileError
 * with Python's message for anything Python would refuse.
 */
export function readJourneyDoc(value: unknown): JourneyDoc {
  const doc = obj(value);
  if (doc.format !== FORMAT_NAME) fail(`not a journey map document: expected an object with "format": "${FORMAT_NAME}"`);
  if (doc.version !== FORMAT_VERSION) {
    fail(`journey map version ${pyRepr(doc.version)} is not supported; this journey_widget reads version ${FORMAT_VERSION}`);
  }
  const scale = readScale(doc.scale);
  let stages = (Array.isArray(doc.stages) ? doc.stages : []).map(readStage);
  const lanes = (Array.isArray(doc.lanes) ? doc.lanes : []).map(readLane);
  unique(stages.map((s) => s.name), "stage names");
  unique(lanes.map((l) => l.name), "lane names");
  const rows = (Array.isArray(doc.cards) ? doc.cards : []).map(obj);
  const columns = canonicalColumns(readColumns(doc, rows));
  const cards = readCards(rows, columns, stages, lanes);
  stages = stepsFromCards(stages, cards);
  const state = doc.state || "current";
  if (state !== "current" && state !== "future") fail(`state must be one of current, future, got ${pyRepr(state)}`);
  const out: JourneyDoc = {
    title: doc.title ? String(doc.title) : "", persona: readPersona(doc.persona), state: state as string,
    scale, stages, lanes, columns, cards,
  };
  cards.forEach((c, row) => checkScore(out, c.lane, c.score, row));
  for (const field of ["confidence", "severity"]) {
    if (!columns.some((c) => c.name === field)) continue;
    cards.forEach((c, row) => {
      try {
        checkFieldValue(field, c[field]);
      } catch (err) {
        fail(`${(err as Error).message} at row ${row}`);
      }
    });
  }
  if (Array.isArray(doc.metrics)) out.metrics = doc.metrics.map(obj);
  return out;
}

/** Parse file text; JSON errors become JourneyFileError like Python's "not valid JSON". */
export function parseJourneyText(text: string): JourneyDoc {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return fail(`not valid JSON: ${(err as Error).message}`);
  }
  return readJourneyDoc(value);
}

const PERSONA_KEYS = ["name", "goals", "description", "frustrations", "quote", "avatar"];

function personaOut(p: Record<string, unknown>): Record<string, unknown> {
  const list = (v: unknown) => (v == null ? [] : typeof v === "string" ? (v ? [v] : []) : v);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (!PERSONA_KEYS.includes(k)) out[k] = v;
  Object.assign(out, { name: p.name ?? "", goals: list(p.goals), description: p.description ?? "" });
  const frustrations = list(p.frustrations) as unknown[];
  if (frustrations.length) out.frustrations = frustrations;
  if (p.quote) out.quote = p.quote;
  if (p.avatar != null) {
    const a = typeof p.avatar === "string" ? { initials: p.avatar } : obj(p.avatar);
    out.avatar = { initials: a.initials, color: a.color || "" };
  }
  return out;
}

function cell(value: unknown, dtype: string): unknown {
  if (isMissing(value)) return null;
  return typeof value === "number" && isFloatDtype(dtype) ? new PyFloat(value) : value;
}

function metricOut(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of METRIC_COLUMNS) {
    const v = row[k];
    out[k] = (k === "value" || k === "target") ? cell(v, "float64") : isMissing(v) ? null : v;
  }
  return out;
}

/** The document as the JSON object `journey_to_dict` builds, floats marked as PyFloat. */
export function journeyDocJson(doc: JourneyDoc): Record<string, unknown> {
  return {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    title: doc.title,
    persona: doc.persona ? personaOut(doc.persona) : null,
    state: doc.state,
    scale: { min: doc.scale.min, max: doc.scale.max, step: doc.scale.step },
    stages: doc.stages.map((s) => ({ name: s.name, steps: [...s.steps], description: s.description })),
    lanes: doc.lanes.map((l) => (l.prompt ? { name: l.name, kind: l.kind, prompt: l.prompt } : { name: l.name, kind: l.kind })),
    columns: doc.columns.map((c) => (c.dtype === "category" && c.categories
      ? { name: c.name, dtype: c.dtype, categories: c.categories, ordered: Boolean(c.ordered) }
      : { name: c.name, dtype: c.dtype })),
    cards: doc.cards.map((card) => Object.fromEntries(doc.columns.map((c) => [c.name, cell(card[c.name], c.dtype)]))),
    // Rows of a removed stage stay aside (undo brings them back) but are not written.
    ...(doc.metrics ? { metrics: doc.metrics.filter((m) => doc.stages.some((s) => s.name === m.stage)).map(metricOut) } : {}),
  };
}

// A card's text, kept while the card object and the column list are the same: an edit
// re-serialises only the cards it replaced (documents are values; unchanged cards are shared).
const cardTexts = new WeakMap<object, { columns: ColumnSpec[]; text: string }>();

function cardText(card: Card, columns: ColumnSpec[]): RawJson {
  let hit = cardTexts.get(card);
  if (!hit || hit.columns !== columns) {
    hit = { columns, text: pyJson(Object.fromEntries(columns.map((c) => [c.name, cell(card[c.name], c.dtype)])), 2) };
    cardTexts.set(card, hit);
  }
  return new RawJson(hit.text);
}

/** The file text: what `JourneyMap.save` writes for the same map. */
export function writeJourneyDoc(doc: JourneyDoc): string {
  return pyJson({ ...journeyDocJson({ ...doc, cards: [] }), cards: doc.cards.map((c) => cardText(c, doc.columns)) });
}

/** The same document as a plain JSON value (PyFloat unwrapped), e.g. for a mime bundle. */
export function journeyDocValue(doc: JourneyDoc): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(journeyDocJson(doc), (_k, v: unknown) => (v instanceof PyFloat ? v.value : v)),
  ) as Record<string, unknown>;
}

export { PLACEMENT, STRING_COLUMNS, newCardId };
