// A `.journey.json` document checked before anything is built from it, as Python checks it
// (src/journey_widget/io/validate.py `check_document`): the structure of the published JSON
// Schema plus what a schema cannot say (unique names, cards on the map's stages, lanes and steps,
// scores inside the scale, no NaN, no duplicate keys, bounded nesting). Every refusal is a
// JourneyFormatError with Python's message and JSON path.
import { AVATAR_COLORS, isEmotionLaneName } from "../vocabulary";
import { checkCards, type MapPlaces } from "./cardvalidate";
import { checkParticipation } from "./docparticipation";
import {
  asArray, asNames, asNumber, asObject, asText, checkValue, fail, get, got, hasSpace, isInt, isNumberValue,
  type JsonObject, keyPath, kindOf, numberOf, truthy, uniqueName,
} from "./jsonwalk";
import { pyG, pyRepr } from "./pyrepr";
import { keysOf } from "./strictjson";

const FORMAT_NAME = "journey-map";
const FORMAT_VERSION = 2;
const BASE_VERSION = 1;
const LANE_KINDS = ["text", "emotion", "metric"];
const MAP_STATES = ["current", "future"];
const METRIC_COLUMNS = ["stage", "metric", "value", "target", "unit", "n", "period"];
const KNOWN = new Set(["format", "version", "$schema", "title", "persona", "state", "scale", "stages", "lanes",
  "columns", "cards", "metrics", "comments", "voting"]);

/** Stage name -> its declared steps. */
function checkStages(value: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  asArray(value, "stages", "an array of stages").forEach((item, i) => {
    const path = `stages[${i}]`;
    const stage = asObject(typeof item === "string" ? { name: item } : item, path, 'a stage name or an object with a "name"');
    const name = asText(get(stage, "name"), `${path}.name`, false, true)!;
    uniqueName(`${path}.name`, name, [...out.keys()], "stage");
    const steps = get(stage, "steps");
    out.set(name, steps == null ? [] : asNames(steps, `${path}.steps`));
    asText(get(stage, "description"), `${path}.description`);
  });
  return out;
}

/** Lane name -> kind. */
function checkLanes(value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  asArray(value, "lanes", "an array of lanes").forEach((item, i) => {
    const path = `lanes[${i}]`;
    const lane = asObject(typeof item === "string" ? { name: item } : item, path, 'a lane name or an object with a "name"');
    const name = asText(get(lane, "name"), `${path}.name`, false, true)!;
    uniqueName(`${path}.name`, name, [...out.keys()], "lane");
    const kind = get(lane, "kind");
    if (kind != null && !LANE_KINDS.includes(kind as string)) {
      got(`${path}.kind`, kind, `one of ${LANE_KINDS.join(", ")} (or null)`);
    }
    asText(get(lane, "prompt"), `${path}.prompt`);
    out.set(name, truthy(kind) ? String(kind) : isEmotionLaneName(name) ? "emotion" : "text");
  });
  return out;
}

function checkScale(value: unknown): [number, number] {
  if (value == null) return [-2, 2];
  const scale = asObject(value, "scale", 'an object {"min", "max", "step"} or null');
  const entry = (key: string, fallback: number) => (key in scale ? get(scale, key) : fallback);
  const low = asNumber(entry("min", -2), "scale.min", false)!;
  const high = asNumber(entry("max", 2), "scale.max", false)!;
  const step = asNumber(entry("step", 1), "scale.step", false)!;
  if (!(low < high)) fail("scale", `min ${pyG(low)} is not below max ${pyG(high)}; expected min < max`);
  if (step <= 0) fail("scale.step", `expected a positive number, got ${pyG(step)}`);
  return [low, high];
}

function checkAvatar(value: unknown): void {
  if (value == null) return;
  const avatar = typeof value === "string"
    ? { initials: value }
    : asObject(value, "persona.avatar", 'initials or an object {"initials", "color"}');
  const initials = get(avatar, "initials");
  const length = typeof initials === "string" ? Array.from(initials).length : 0;
  if (typeof initials !== "string" || length < 1 || length > 3 || hasSpace(initials)) {
    got("persona.avatar.initials", initials, "1 to 3 characters without spaces");
  }
  const color = truthy(get(avatar, "color")) ? get(avatar, "color") : "";
  if (!["", ...AVATAR_COLORS].includes(color as string)) {
    got("persona.avatar.color", color, `one of ${AVATAR_COLORS.join(", ")} (or "")`);
  }
}

function checkPersona(value: unknown): void {
  if (value == null || typeof value === "string") return;
  const persona = asObject(value, "persona", "a name, an object or null");
  checkValue(persona, "persona");
  for (const key of ["name", "description", "quote"]) asText(get(persona, key), `persona.${key}`);
  for (const key of ["goals", "frustrations"]) {
    const items = get(persona, key);
    if (items == null || typeof items === "string") continue;
    asArray(items, `persona.${key}`, "a string, an array of strings or null")
      .forEach((item, i) => asText(item, `persona.${key}[${i}]`, false));
  }
  checkAvatar(get(persona, "avatar"));
}

function checkColumns(value: unknown): string[] {
  const names: string[] = [];
  asArray(value, "columns", "an array of column objects").forEach((item, i) => {
    const path = `columns[${i}]`;
    const spec = asObject(item, path, 'an object {"name", "dtype"}');
    checkValue(spec, path);
    const name = asText(get(spec, "name"), `${path}.name`, false, true)!;
    uniqueName(`${path}.name`, name, names, "column");
    asText(get(spec, "dtype"), `${path}.dtype`);
    if (get(spec, "categories") != null) asArray(spec.categories, `${path}.categories`, "an array or null");
    const ordered = get(spec, "ordered");
    if (ordered != null && typeof ordered !== "boolean") got(`${path}.ordered`, ordered, "true, false or null");
  });
  return names;
}

function checkMetricCount(n: unknown, path: string): void {
  if (n != null && (!isInt(n) || n < 0)) {
    checkValue(n, path);
    got(path, n, "a whole number of 0 or more, or null");
  }
}

/** A metric's period: text, and on every row once row `timed` has one (metrics over time). */
function checkMetricPeriod(row: JsonObject, path: string, timed: number): string | null {
  const period = asText(get(row, "period"), `${path}.period`, true, true);
  if (period == null && timed >= 0) {
    fail(`${path}.period`, `missing; expected a period on every metric, as metrics[${timed}] has one`);
  }
  return period ?? null;
}

function checkMetrics(value: unknown, stages: Map<string, string[]> | null): void {
  const seen = new Set<string>();
  const rows = asArray(value, "metrics", "an array of metric objects or null");
  const timed = rows.findIndex((r) => r !== null && typeof r === "object" && !Array.isArray(r) &&
    get(r as JsonObject, "period") != null);
  rows.forEach((item, i) => {
    const path = `metrics[${i}]`;
    const row = asObject(item, path, 'a metric object {"stage", "metric", "value"}');
    const extra = keysOf(row).filter((k) => !METRIC_COLUMNS.includes(k));
    if (extra.length) fail(keyPath(path, extra[0]!), `unknown key; expected only ${METRIC_COLUMNS.join(", ")}`);
    const stage = asText(get(row, "stage"), `${path}.stage`, false, true)!;
    if (stages && !stages.has(stage)) {
      fail(`${path}.stage`, `${pyRepr(stage)} is not one of the map's stages ${pyRepr([...stages.keys()])}`);
    }
    const metric = asText(get(row, "metric"), `${path}.metric`, false, true)!;
    asNumber(get(row, "value"), `${path}.value`, false);
    asNumber(get(row, "target"), `${path}.target`);
    asText(get(row, "unit"), `${path}.unit`);
    checkMetricCount(get(row, "n"), `${path}.n`);
    const period = checkMetricPeriod(row, path, timed);
    const key = JSON.stringify([stage, metric, period]);
    if (seen.has(key)) {
      const each = timed >= 0 ? "stage and metric and period" : "stage and metric";
      fail(path, `stage ${pyRepr(stage)} has metric ${pyRepr(metric)} twice; expected one row per ${each}`);
    }
    seen.add(key);
  });
}

/** The document's format version, once checked to be 1 or 2. */
function checkHeader(doc: JsonObject): number {
  if (get(doc, "format") !== FORMAT_NAME) {
    const found = "format" in doc ? kindOf(get(doc, "format")) : "no format key";
    fail("format", `not a journey map document: expected "${FORMAT_NAME}", got ${found}`);
  }
  const version = get(doc, "version");
  if (isInt(version) && version > FORMAT_VERSION) {
    fail("version", `journey map version ${String(version)} is newer than this journey_widget reads ` +
      `(version ${FORMAT_VERSION}); update journey_widget to open it`);
  }
  if (!isNumberValue(version) || ![BASE_VERSION, FORMAT_VERSION].includes(numberOf(version))) {
    got("version", version, `the format version ${BASE_VERSION} or ${FORMAT_VERSION}`);
  }
  if ("$schema" in doc) asText(get(doc, "$schema"), "$schema", false);
  return numberOf(version);
}

/**
 * Refuse `value` unless it is a valid journey map, version 1 or 2 (validate.py `check_document`).
 * Unknown top-level keys are ignored (readers skip what they do not know); `comments` and `voting`
 * are version 2's and refused in a version 1 document.
 */
export function checkDocument(value: unknown): void {
  const doc = asObject(value, "$", `a journey map document (a JSON object with "format": "${FORMAT_NAME}")`);
  const version = checkHeader(doc);
  asText(get(doc, "title"), "title");
  checkPersona(get(doc, "persona"));
  const state = get(doc, "state");
  if (state != null && !MAP_STATES.includes(state as string)) got("state", state, `one of ${MAP_STATES.join(", ")} (or null)`);
  const scale = checkScale(get(doc, "scale"));
  const stages = get(doc, "stages") == null ? null : checkStages(doc.stages);
  const lanes = get(doc, "lanes") == null ? null : checkLanes(doc.lanes);
  const columns = get(doc, "columns") == null ? null : checkColumns(doc.columns);
  const places: MapPlaces = { stages, lanes, scale };
  if (get(doc, "cards") != null) checkCards(doc.cards, columns, places);
  if (get(doc, "metrics") != null) checkMetrics(doc.metrics, stages);
  checkParticipation(doc, version);
  for (const key of keysOf(doc)) if (!KNOWN.has(key)) checkValue(doc[key], keyPath("$", key), 1);
}
