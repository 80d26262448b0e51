// The shared document of a `.journey.json` (docs/collaboration.md, "The shared document"): three
// roots, `meta` (Map of JSON texts), `cards` (Map of card id to a Map of JSON texts) and `order`
// (Array of card ids). readDocument gives the file's document, repaired; writeDocument writes a
// new document as one transaction of differences. Pure: no JupyterLab, no view.
import * as Y from "yjs";
import { versionFor } from "../model/docparticipation";
import { FORMAT_NAME, schemaId } from "../model/journeyfile";
import { byCodePoint, fieldOrder, isObj, placeable, repair } from "./repair";
import { orderEdits } from "./yorder";

/** The file's document as a JSON object (`format`, `version`, the meta keys, `cards`). */
export type FileDoc = Record<string, unknown>;
type Obj = Record<string, unknown>;

/** The meta keys in the file's key order; `cards` goes between `columns` and `metrics`. */
const BEFORE_CARDS = ["title", "persona", "state", "scale", "stages", "lanes", "columns"];
const AFTER_CARDS = ["metrics", "comments", "voting"];
/** Top-level keys that are not meta: the header (reading writes it itself) and the cards. */
const NOT_META = new Set(["$schema", "format", "version", "cards"]);

/** The three roots of a journey's shared document. */
export interface JourneyRoots {
  meta: Y.Map<string>;
  cards: Y.Map<Y.Map<string>>;
  order: Y.Array<string>;
}

export function journeyRoots(ydoc: Y.Doc): JourneyRoots {
  return {
    meta: ydoc.getMap<string>("meta"),
    cards: ydoc.getMap<Y.Map<string>>("cards"),
    order: ydoc.getArray<string>("order"),
  };
}

/** True when transaction `tr` changed the map (meta, a card or order). */
export function touchesMap(tr: Y.Transaction, roots: JourneyRoots): boolean {
  const mine = new Set<unknown>([roots.meta, roots.cards, roots.order]);
  for (const type of tr.changedParentTypes.keys()) if (mine.has(type)) return true;
  return false;
}

const NONE = Symbol("none");

/** A JSON text parsed, or NONE when it is not one (a value no writer of the contract writes). */
function parse(text: unknown): unknown {
  if (typeof text !== "string") return NONE;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NONE;
  }
}

/** A JSON value's text as Python's `str` gives it, for the values an id can be. */
function pyStr(v: unknown): string {
  if (typeof v === "boolean") return v ? "True" : "False";
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** Deep equality of parsed JSON values. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  }
  if (!isObj(a) || !isObj(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameJson(a[k], b[k]));
}

function readCard(id: string, ymap: Y.Map<string>): Obj {
  const fields: Obj = {};
  for (const [k, text] of ymap.entries()) {
    const v = parse(text);
    if (v !== NONE) fields[k] = v;
  }
  // The id field as stored when its text is the key (an integer id stays one), else the key.
  fields.id = fields.id != null && pyStr(fields.id) === id ? fields.id : id;
  return fieldOrder(fields);
}

/** Card ids in `order` (first occurrence, cards only), then the cards `order` misses, by id. */
function cardOrder(roots: JourneyRoots): string[] {
  const seen = new Set<string>();
  for (const id of roots.order.toArray()) if (typeof id === "string" && roots.cards.has(id)) seen.add(id);
  const rest = [...roots.cards.keys()].filter((id) => !seen.has(id)).sort(byCodePoint);
  return [...seen, ...rest];
}

/**
 * The file's document held by a shared journey document: `format`, `version` (2 when `comments` or
 * `voting` is held, else 1), the meta keys in the file's order (other keys, which readers
 * ignore, after them by name), `cards`
 * in `order` (a card without a stage or lane name is left out), repaired (repair.ts) where
 * concurrent edits left a card outside the structure. Values that are not JSON text are skipped.
 */
export function readDocument(ydoc: Y.Doc): FileDoc {
  const roots = journeyRoots(ydoc);
  const meta: Obj = {};
  for (const [k, text] of roots.meta.entries()) {
    const v = parse(text);
    if (v !== NONE && !NOT_META.has(k)) meta[k] = v;
  }
  const cards = cardOrder(roots).map((id) => readCard(id, roots.cards.get(id)!)).filter(placeable);
  const known = [...BEFORE_CARDS, ...AFTER_CARDS];
  const others = Object.keys(meta).filter((k) => !known.includes(k)).sort(byCodePoint);
  const version = versionFor(meta);
  const doc: FileDoc = { $schema: schemaId(version), format: FORMAT_NAME, version };
  for (const k of BEFORE_CARDS) if (k in meta) doc[k] = meta[k];
  doc.cards = cards;
  for (const k of [...AFTER_CARDS, ...others]) if (k in meta) doc[k] = meta[k];
  repair(doc);
  return doc;
}

/** True when the shared document holds nothing yet (no meta key, no card). */
export function isEmptyDocument(ydoc: Y.Doc): boolean {
  const roots = journeyRoots(ydoc);
  return roots.meta.size === 0 && roots.cards.size === 0 && roots.order.length === 0;
}

/** Set `key` of `ymap` to `value`'s JSON text unless it already holds that value. */
function setJson(ymap: Y.Map<string>, key: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (ymap.has(key) && sameJson(parse(ymap.get(key)), value)) return false;
  ymap.set(key, JSON.stringify(value));
  return true;
}

/** Write `fields` into `ymap`: changed keys set, keys `fields` lacks deleted. */
function writeFields(ymap: Y.Map<string>, fields: Obj): boolean {
  let changed = false;
  for (const k of [...ymap.keys()]) {
    if (fields[k] === undefined) {
      ymap.delete(k);
      changed = true;
    }
  }
  for (const [k, v] of Object.entries(fields)) changed = setJson(ymap, k, v) || changed;
  return changed;
}

function writeCards(roots: JourneyRoots, cards: Obj[]): boolean {
  let changed = false;
  const ids = new Set(cards.map((c) => String(c.id)));
  for (const id of [...roots.cards.keys()]) {
    if (!ids.has(id)) {
      roots.cards.delete(id);
      changed = true;
    }
  }
  for (const card of cards) {
    const id = String(card.id);
    const fields = { ...card, id };
    const known = roots.cards.get(id);
    if (known instanceof Y.Map) {
      changed = writeFields(known, fields) || changed;
    } else {
      const ymap = new Y.Map<string>();
      for (const [k, v] of Object.entries(fields)) if (v !== undefined) ymap.set(k, JSON.stringify(v));
      roots.cards.set(id, ymap);
      changed = true;
    }
  }
  return changed;
}

function writeOrder(order: Y.Array<string>, ids: string[]): boolean {
  const { deletes, inserts } = orderEdits(order.toArray(), ids);
  for (const [at, n] of deletes) order.delete(at, n);
  for (const [at, run] of inserts) order.insert(at, run);
  return deletes.length + inserts.length > 0;
}

/**
 * Write `doc` (the file's document as a JSON object) into the shared document as one
 * transaction of its differences, with `origin`: meta keys set or deleted, cards added, deleted
 * or changed field by field, `order` edited by deletes and inserts where it differs. Values are
 * compared parsed. Returns whether anything changed.
 */
export function writeDocument(ydoc: Y.Doc, doc: FileDoc, origin: unknown): boolean {
  const roots = journeyRoots(ydoc);
  const cards = (Array.isArray(doc.cards) ? doc.cards : []).filter(isObj);
  const meta = Object.fromEntries(Object.entries(doc).filter(([k]) => !NOT_META.has(k)));
  let changed = false;
  ydoc.transact(() => {
    changed = writeFields(roots.meta, meta);
    changed = writeCards(roots, cards) || changed;
    changed = writeOrder(roots.order, cards.map((c) => String(c.id))) || changed;
  }, origin);
  return changed;
}
