// A `.journey.json` document read into a JourneyDoc as Python reads it (io/json_format.py
// `journey_from_json`): the text parsed strictly (strictjson.ts), the document checked
// (docvalidate.ts), then the map built with the checks of Python's model (`Journey(...)`), so
// the JupyterLab document refuses what `jw.load` refuses, with the same message and JSON path.
import { type ColumnSpec, type DocLane, type DocScale, type DocStage, type JourneyDoc, CORE_COLUMNS, OPTIONAL_COLUMNS,
  checkFieldValue, checkName, checkScore, isMissing, laneKindFor, newCardId } from "./journeyfile";
import { readParticipation } from "./docparticipation";
import { checkDocument } from "./docvalidate";
import { JourneyFileError, JourneyFormatError } from "./fileerror";
import { pyRepr } from "./pyrepr";
import { parseStrictJson, plainJson } from "./strictjson";
import type { Card } from "./types";

const LANE_KINDS = ["text", "emotion", "metric"];

// Refusals of the model's checks: Python reports them at the document (`$`).
const fail = (message: string): never => {
  throw new JourneyFormatError(message);
};

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

/** The map of a checked document, built the way `journey_from_dict` builds it. */
function buildDoc(doc: Record<string, unknown>): JourneyDoc {
  const scale = readScale(doc.scale);
  const rows = (Array.isArray(doc.cards) ? doc.cards : []).map(obj);
  // A map that does not list its stages or lanes has those of its cards, in order of appearance.
  const named = (k: string) => [...new Set(rows.filter((r) => !isMissing(r[k])).map((r) => String(r[k])))];
  let stages = (Array.isArray(doc.stages) ? doc.stages : named("stage")).map(readStage);
  const lanes = (Array.isArray(doc.lanes) ? doc.lanes : named("lane")).map(readLane);
  unique(stages.map((s) => s.name), "stage names");
  unique(lanes.map((l) => l.name), "lane names");
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
  return { ...out, ...readParticipation(doc) };
}

/** Python's `as_format_error`: whatever building refuses is a format error at `$`. */
function built(doc: Record<string, unknown>): JourneyDoc {
  try {
    return buildDoc(doc);
  } catch (err) {
    if (err instanceof JourneyFormatError) throw err;
    if (err instanceof JourneyFileError) throw new JourneyFormatError(err.message);
    const { name, message } = err as Error;
    throw new JourneyFormatError(`cannot be read as a journey map: ${name}: ${message}`);
  }
}

/**
 * A parsed JSON value read as `journey_from_dict` reads it: checked first (docvalidate.ts), then
 * built. Throws JourneyFormatError (`<JSON path>: <problem>`, Python's message) when refused.
 */
export function readJourneyDoc(value: unknown): JourneyDoc {
  checkDocument(value);
  return built(value as Record<string, unknown>);
}

/**
 * File text (or its bytes) read as `journey_from_json` reads it: strict JSON (duplicate keys, NaN,
 * numbers beyond 64 bits, depth), the document checked, the map built. Throws JourneyFormatError.
 */
export function parseJourneyText(text: string | Uint8Array): JourneyDoc {
  const value = parseStrictJson(text);
  checkDocument(value);
  return built(plainJson(value) as Record<string, unknown>);
}
