// The cards of a `.journey.json` document checked against the map the document declares
// (src/journey_widget/io/validate_cards.py): every card an object whose keys are the document's
// columns, with a unique id, a stage, lane and step of the map, a score inside the emotion scale
// on emotion lanes, and a valid severity and confidence. Messages and JSON paths are Python's.
import { pyG, pyRepr } from "./pyrepr";
import { CONFIDENCE_LEVELS } from "../vocabulary";
import {
  asArray, asNumber, asObject, asText, checkValue, fail, get, got, isInt, isObject, type JsonObject, keyPath,
  reprOf,
} from "./jsonwalk";
import { Bad, keysOf } from "./strictjson";

const SEVERITY_RANGE = [1, 5] as const;

/** Stage name -> its declared steps; lane name -> its kind (null: not declared, anything goes). */
export interface MapPlaces {
  stages: Map<string, string[]> | null;
  lanes: Map<string, string> | null;
  scale: [number, number];
}

function severity(value: unknown, path: string): void {
  const [low, high] = SEVERITY_RANGE;
  const number = asNumber(value, path);
  if (number != null && !(low <= number && number <= high)) {
    fail(path, `expected a number from ${low} to ${high} or null, got ${reprOf(value)}`);
  }
}

function confidence(value: unknown, path: string): void {
  if (value != null && !(CONFIDENCE_LEVELS as readonly unknown[]).includes(value)) {
    got(path, value, `one of ${CONFIDENCE_LEVELS.join(", ")} or null`);
  }
}

const FIELD_CHECKS: Array<[string, (value: unknown, path: string) => void]> = [
  ["severity", severity], ["confidence", confidence],
];

/** The declared columns include the ones every card needs. */
function checkRequiredColumns(columns: string[]): void {
  const missing = ["stage", "lane", "text"].filter((c) => !columns.includes(c));
  if (missing.length) {
    fail("columns", `no column ${pyRepr(missing[0])}; expected the columns to include stage, lane and text`);
  }
}

/** Every key is a declared column; nested and very large values are valid JSON data. */
function checkKeys(card: JsonObject, path: string, known: Set<string> | null): void {
  const keys = keysOf(card);
  const extra = known ? keys.filter((k) => !known.has(k)) : [];
  if (extra.length) {
    fail(keyPath(path, extra[0]!), 'not one of the document\'s columns; expected a key listed in "columns" (it would be lost)');
  }
  for (const key of keys) {
    const item = card[key];
    if (Array.isArray(item) || isObject(item) || item instanceof Bad || typeof item === "bigint") {
      checkValue(item, keyPath(path, key), 1);
    }
  }
}

/** A string id (or null) not used by an earlier card; `ids` records it. */
function checkId(cardId: unknown, path: string, index: number, ids: Map<string, number>): void {
  if (cardId == null) return;
  if (typeof cardId !== "string" && !isInt(cardId)) got(`${path}.id`, cardId, "a string (or null: a new id is made)");
  const id = String(cardId);
  const earlier = ids.get(id);
  if (earlier !== undefined) fail(`${path}.id`, `${pyRepr(id)} is also the id of cards[${earlier}]; expected unique ids`);
  ids.set(id, index);
}

/** The card's stage, lane and step are the map's; returns the lane. */
function checkPlace(card: JsonObject, path: string, map: MapPlaces): string {
  const stage = asText(get(card, "stage"), `${path}.stage`, false, true)!;
  const lane = asText(get(card, "lane"), `${path}.lane`, false, true)!;
  if (map.stages && !map.stages.has(stage)) {
    fail(`${path}.stage`, `${pyRepr(stage)} is not one of the map's stages ${pyRepr([...map.stages.keys()])}`);
  }
  if (map.lanes && !map.lanes.has(lane)) {
    fail(`${path}.lane`, `${pyRepr(lane)} is not one of the map's lanes ${pyRepr([...map.lanes.keys()])}`);
  }
  const step = asText(get(card, "step"), `${path}.step`);
  const steps = map.stages ? map.stages.get(stage)! : null;
  if (step != null && steps?.length && !steps.includes(step)) {
    fail(`${path}.step`, `${pyRepr(step)} is not one of the steps of stage ${pyRepr(stage)} ${pyRepr(steps)}`);
  }
  return lane;
}

/** A number or null; on an emotion lane, inside the map's scale. */
function checkScore(value: unknown, path: string, lane: string, map: MapPlaces): void {
  const score = asNumber(value, `${path}.score`);
  const [low, high] = map.scale;
  if (score != null && map.lanes?.get(lane) === "emotion" && !(low <= score && score <= high)) {
    fail(`${path}.score`, `${pyG(score)} is outside the map's scale ${pyG(low)}..${pyG(high)} ` +
      `(on emotion lane ${pyRepr(lane)}); expected a score inside it`);
  }
}

/** Refuse the document unless its cards fit the map (validate_cards.py `check_cards`). */
export function checkCards(value: unknown, columns: string[] | null, map: MapPlaces): void {
  const cards = asArray(value, "cards", "an array of card objects");
  if (cards.length && columns) checkRequiredColumns(columns);
  const known = columns ? new Set(columns) : null;
  const ids = new Map<string, number>();
  cards.forEach((item, i) => {
    const path = `cards[${i}]`;
    const card = asObject(item, path, "a card object");
    checkKeys(card, path, known);
    checkId(get(card, "id"), path, i, ids);
    const lane = checkPlace(card, path, map);
    asText(get(card, "text"), `${path}.text`);
    checkScore(get(card, "score"), path, lane, map);
    for (const [field, check] of FIELD_CHECKS) {
      if (get(card, field) != null) check(card[field], `${path}.${field}`);
    }
  });
}
