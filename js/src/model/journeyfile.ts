// The `.journey.json` format, versions 1 and 2 (src/journey_widget/io/json_format.py): its parts, the
// model's checks of single values, and the writer: byte for byte what `JourneyMap.save` writes
// (json.dumps, indent=1, `$schema` first, floats as Python prints them), so a file saved in
// JupyterLab opens in Python and diffs cleanly against one saved from Python, and the other way
// round. Reading a file (strictly, checked as Python checks it) is docread.ts.
import { CONFIDENCE_LEVELS, isConfidence, isEmotionLaneName } from "../vocabulary";
import { type DocParticipation, participationJson, versionFor } from "./docparticipation";
import { JourneyFileError } from "./fileerror";
import { PyFloat, pyG, pyJson, pyNumber, pyRepr, RawJson } from "./pyrepr";
import type { Card } from "./types";

export { JourneyFileError };

export const FORMAT_NAME = "journey-map";
/** The version written for maps without comments and voting; 2 (SCHEMA_ID_V2) with either. */
export const FORMAT_VERSION = 1;
/** The `$schema` every written document starts with (io/json_format.py SCHEMA_ID): an id, never fetched. */
export const SCHEMA_ID = "urn:journey-widget:schema:journey-map:1";
/** The `$schema` of version 2 documents (io/json_format.py SCHEMA_ID_V2). */
export const SCHEMA_ID_V2 = "urn:journey-widget:schema:journey-map:2";

/** The `$schema` written in a document of format `version`. */
export function schemaId(version: number): string {
  return version >= 2 ? SCHEMA_ID_V2 : SCHEMA_ID;
}
/** The mime type of a map's versioned JSON in notebook outputs. */
export const MIME_TYPE = "application/vnd.journey-map+json";

export const CORE_COLUMNS = ["id", "stage", "step", "lane", "text", "score"] as const;
export const OPTIONAL_COLUMNS = [
  "channel", "owner", "confidence", "severity", "impact", "effort", "evidence", "persona", "tags",
] as const;
const STRING_COLUMNS = ["id", "stage", "step", "lane", "text"];
const PLACEMENT = ["id", "stage", "step", "lane"];
const METRIC_COLUMNS = ["stage", "metric", "value", "target", "unit", "n"];

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

/** A map as the file holds it: every column of every card, metrics, persona details, comments, votes. */
export interface JourneyDoc extends DocParticipation {
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

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function newCardId(): string {
  const bytes = new Uint8Array(5);
  globalThis.crypto.getRandomValues(bytes);
  return "c-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
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

function metricOut(row: Record<string, unknown>, timed: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of timed ? [...METRIC_COLUMNS, "period"] : METRIC_COLUMNS) {
    const v = row[k];
    out[k] = (k === "value" || k === "target") ? cell(v, "float64") : isMissing(v) ? null : v;
  }
  return out;
}

/** The metrics rows a file holds: those of the map's stages, `period` last when they have one. */
function metricsOut(doc: JourneyDoc): Record<string, unknown>[] {
  const rows = (doc.metrics ?? []).filter((m) => doc.stages.some((s) => s.name === m.stage));
  const timed = (doc.metrics ?? []).some((m) => !isMissing(m.period));
  return rows.map((m) => metricOut(m, timed));
}

/** The document as the JSON object `journey_to_dict` builds, floats marked as PyFloat. */
export function journeyDocJson(doc: JourneyDoc): Record<string, unknown> {
  const participation = participationJson(doc);
  const version = versionFor(participation);
  return {
    $schema: schemaId(version),
    format: FORMAT_NAME,
    version,
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
    ...(doc.metrics ? { metrics: metricsOut(doc) } : {}),
    ...participation,
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
