// Operation messages applied to a document the way the kernel applies them (protocol.py and the
// operations of model/*_ops.py): the same checks in the same order, the same reasons, the same
// result. Documents are values: every operation returns a new one and never changes its input.
import { applyOp, applyToState } from "../apply";
import { applyMetaMessage, META_KINDS } from "./docmeta";
import { renameRoundLane } from "./docparticipation";
import type { MapState } from "../structure";
import {
  checkFieldValue, checkName, checkScore, CORE_COLUMNS, type ColumnSpec, type DocStage,
  isFloatDtype, isMissing, type JourneyDoc, JourneyFileError, laneKindFor, nullableDtype, OPTIONAL_COLUMNS,
} from "./journeyfile";
import { PyFloat, pyRepr } from "./pyrepr";
import type { Card, CardOp, Op, Structure, StructureOp } from "./types";

/** The most operations one batch may carry (protocol.py MAX_BATCH). */
export const MAX_BATCH = 20;

type Msg = Record<string, unknown>;

const fail = (message: string): never => {
  throw new JourneyFileError(message);
};

function get(op: Msg, key: string, kind: "string" | "int", optional = false): unknown {
  const v = op[key];
  if (v == null && optional) return null;
  const ok = kind === "string" ? typeof v === "string" : Number.isInteger(v);
  if (!ok) fail(`malformed operation: ${pyRepr(key)} is ${pyRepr(v ?? null)}`);
  return v;
}

function flag(op: Msg, key: string): boolean {
  const v = op[key] ?? false;
  if (typeof v !== "boolean") fail(`malformed operation: ${pyRepr(key)} is ${pyRepr(v)}, expected true or false`);
  return v as boolean;
}

function rowOf(doc: JourneyDoc, id: string): number {
  const row = doc.cards.findIndex((c) => c.id === id);
  return row >= 0 ? row : fail(`there is no card with id ${pyRepr(id)}`);
}

function names(items: Array<{ name: string }>): string[] {
  return items.map((x) => x.name);
}

function indexOf(doc: JourneyDoc, axis: "stage" | "lane", name: string): number {
  const all = names(axis === "stage" ? doc.stages : doc.lanes);
  const i = all.indexOf(name);
  return i >= 0 ? i : fail(`there is no ${axis} ${pyRepr(name)}; the map's ${axis}s are ${pyRepr(all)}`);
}

function checkIndex(index: unknown, size: number): number {
  if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index >= Math.max(size, 1)) {
    fail(`index must be an integer from 0 to ${Math.max(size - 1, 0)}, got ${pyRepr(index)}`);
  }
  return index as number;
}

function checkCellIndex(index: unknown): void {
  if (index != null && (typeof index !== "number" || !Number.isInteger(index) || index < 0)) {
    fail(`index must be an integer of 0 or more (None: last), got ${pyRepr(index)}`);
  }
}

function checkPlace(doc: JourneyDoc, stage: string, step: string | null, lane: string): void {
  const st = doc.stages[indexOf(doc, "stage", stage)]!;
  indexOf(doc, "lane", lane);
  if (step != null && !st.steps.includes(step)) {
    fail(`stage ${pyRepr(stage)} has no step ${pyRepr(step)}; its steps are ${pyRepr(st.steps)}`);
  }
}

/** A card's value as Python prints it (floats of float columns as `1.0`). */
function shown(doc: JourneyDoc, field: string, v: unknown): string {
  const dtype = doc.columns.find((c) => c.name === field)?.dtype ?? "object";
  return pyRepr(typeof v === "number" && isFloatDtype(dtype) ? new PyFloat(v) : isMissing(v) ? null : v);
}

function same(a: unknown, b: unknown): boolean {
  return (isMissing(a) && isMissing(b)) || a === b;
}

/** Whether pandas stores `value` in a column of `dtype` without refusing it. */
function storable(dtype: string, value: unknown): boolean {
  if (isMissing(value)) return !/^(u?int\d+|bool)$/.test(dtype);
  if (/^(u?int\d+|U?Int\d+)$/i.test(dtype)) return typeof value === "number" && Number.isInteger(value);
  if (isFloatDtype(dtype)) return typeof value === "number";
  if (dtype === "bool" || dtype === "boolean") return typeof value === "boolean";
  if (dtype === "str" || dtype === "string") return typeof value === "string";
  return true;
}

/** Columns with `field` added at its canonical place (model/card_ops.py `_with_columns`). */
function withColumn(columns: ColumnSpec[], field: string): ColumnSpec[] {
  const rank = (OPTIONAL_COLUMNS as readonly string[]).indexOf(field);
  const at = CORE_COLUMNS.length + OPTIONAL_COLUMNS.slice(0, rank).filter((c) => columns.some((x) => x.name === c)).length;
  const out = columns.slice();
  out.splice(at, 0, { name: field, dtype: "object" });
  return out;
}

function editCard(doc: JourneyDoc, op: { id: string; field: string; value: unknown }): JourneyDoc {
  const row = rowOf(doc, op.id);
  if (["id", "stage", "step", "lane"].includes(op.field)) {
    fail(op.field === "id" ? "a card's id cannot be changed" : `column ${pyRepr(op.field)} cannot be edited; move the card instead`);
  }
  const spec = doc.columns.find((c) => c.name === op.field);
  if (!spec && !(OPTIONAL_COLUMNS as readonly string[]).includes(op.field)) {
    const editable = doc.columns.map((c) => c.name).filter((c) => !["id", "stage", "step", "lane"].includes(c));
    fail(`there is no column ${pyRepr(op.field)}; editable columns are ${pyRepr(editable)}`);
  }
  const value = checkFieldValue(op.field, op.value);
  if (op.field === "score") checkScore(doc, doc.cards[row]!.lane, value);
  if (spec && !storable(spec.dtype, value)) {
    fail(`column ${pyRepr(op.field)} holds ${spec.dtype} values; cannot store ${pyRepr(value)}`);
  }
  const columns = spec ? doc.columns : withColumn(doc.columns, op.field);
  return { ...doc, columns, cards: applyOp(doc.cards, { kind: "edit", id: op.id, field: op.field, value, old: null }) };
}

function addCard(doc: JourneyDoc, op: Msg & { id: string }): JourneyDoc {
  const stage = checkName(op.stage, "stage");
  const lane = checkName(op.lane, "lane");
  const step = (op.step ?? null) as string | null;
  checkPlace(doc, stage, step, lane);
  checkCellIndex(op.index);
  const text = checkFieldValue("text", op.text ?? "") as string;
  const score = checkFieldValue("score", op.score ?? null);
  checkScore(doc, lane, score);
  const add = { kind: "add", stage, step, lane, text, index: (op.index ?? null) as number | null } as const;
  const cards = applyOp(doc.cards, add, op.id).map((c) => (c.id === op.id && score != null ? { ...c, score } as Card : c));
  const columns = doc.columns.map((c) => ({ ...c, dtype: nullableDtype(c.dtype) }));
  const changed = columns.some((c, i) => c.dtype !== doc.columns[i]!.dtype);
  return { ...doc, columns: changed ? columns : doc.columns, cards };
}

function moveCard(doc: JourneyDoc, op: { id: string; stage: string; step: string | null; lane: string; index: number | null }): JourneyDoc {
  const row = rowOf(doc, op.id);
  checkPlace(doc, op.stage, op.step, op.lane);
  checkCellIndex(op.index);
  checkScore(doc, op.lane, doc.cards[row]!.score);
  return { ...doc, cards: applyOp(doc.cards, { kind: "move", ...op }) };
}

/** One card operation, built (and checked against a stale base) like protocol.py `_card_op`. */
function buildCardOp(doc: JourneyDoc, raw: unknown, stale: boolean, newId: () => string): (d: JourneyDoc) => JourneyDoc {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) fail(`malformed operation: ${pyRepr(raw)}`);
  const op = raw as Msg;
  switch (op.kind) {
    case "edit": {
      const id = get(op, "id", "string") as string;
      const field = get(op, "field", "string") as string;
      if (stale && "old" in op) {
        const current = doc.cards[rowOf(doc, id)]![field];
        if (!same(current, op.old)) {
          fail(`this card was changed elsewhere meanwhile (${field} is now ${shown(doc, field, current)}); ` +
            `your edit ${pyRepr(op.value ?? null)} was not applied`);
        }
      }
      return (d) => editCard(d, { id, field, value: op.value ?? null });
    }
    case "add": {
      const card = {
        id: newId(), stage: get(op, "stage", "string"), lane: get(op, "lane", "string"),
        step: get(op, "step", "string", true), text: (get(op, "text", "string", true) as string | null) || "",
        score: op.score ?? null, index: get(op, "index", "int", true),
      };
      return (d) => addCard(d, card);
    }
    case "delete": {
      const id = get(op, "id", "string") as string;
      return (d) => {
        rowOf(d, id);
        return { ...d, cards: applyOp(d.cards, { kind: "delete", id }) };
      };
    }
    case "move": {
      const move = {
        id: get(op, "id", "string") as string, stage: get(op, "stage", "string") as string,
        step: get(op, "step", "string", true) as string | null, lane: get(op, "lane", "string") as string,
        index: get(op, "index", "int", true) as number | null,
      };
      return (d) => moveCard(d, move);
    }
    default:
      return fail(`unknown operation kind ${pyRepr(op.kind ?? null)}`);
  }
}

// ---- stages, lanes and steps ------------------------------------------------------------------
function asState(doc: JourneyDoc): MapState {
  const structure = { title: doc.title, persona: null, state: doc.state, scale: doc.scale, stages: doc.stages, lanes: doc.lanes };
  return { structure: structure as unknown as Structure, cards: doc.cards };
}

function fromState(doc: JourneyDoc, s: MapState): JourneyDoc {
  return { ...doc, stages: s.structure.stages as DocStage[], lanes: s.structure.lanes, cards: s.cards };
}

function structural(doc: JourneyDoc, op: StructureOp): JourneyDoc {
  return fromState(doc, applyToState(asState(doc), op));
}

function cardsOn(doc: JourneyDoc, pick: (c: Card) => boolean): number {
  return doc.cards.filter(pick).length;
}

function axisOp(doc: JourneyDoc, op: Msg, kind: string): JourneyDoc {
  const axis = kind.endsWith("stage") ? "stage" : "lane";
  const items: Array<{ name: string }> = axis === "stage" ? doc.stages : doc.lanes;
  if (kind.startsWith("add_")) {
    // The order of protocol.py: the name, the lane's kind (checked by to_lane), the index.
    const name = get(op, "name", "string") as string;
    const laneKind = axis === "lane" ? get(op, "lane_kind", "string", true) : null;
    if (axis === "lane") checkName(name, axis);
    if (axis === "lane" && laneKind && !["text", "emotion", "metric"].includes(laneKind as string)) {
      fail(`lane ${pyRepr(name)} has kind ${pyRepr(laneKind)}; expected one of text, emotion, metric`);
    }
    const index = get(op, "index", "int", true);
    checkName(name, axis);
    if (names(items).includes(name)) fail(`there is already a ${axis} ${pyRepr(name)}`);
    if (index != null) checkIndex(index, items.length + 1);
    const lk = (laneKind ?? laneKindFor(name)) as "text";
    return structural(doc, axis === "stage"
      ? { kind: "add_stage", name, index: index as number | null }
      : { kind: "add_lane", name, lane_kind: lk, index: index as number | null });
  }
  if (kind.startsWith("rename_")) {
    const [old, name] = [get(op, "old", "string") as string, get(op, "new", "string") as string];
    indexOf(doc, axis, old);
    checkName(name, axis);
    if (name !== old && names(items).includes(name)) fail(`there is already a ${axis} ${pyRepr(name)}`);
    const next = structural(doc, { kind: `rename_${axis}`, old, new: name });
    if (axis === "lane") return doc.voting ? { ...next, voting: renameRoundLane(doc, old, name) } : next;
    if (!doc.metrics) return next;
    return { ...next, metrics: doc.metrics.map((m) => (m.stage === old ? { ...m, stage: name } : m)) };
  }
  if (kind.startsWith("move_")) {
    const [name, index] = [get(op, "name", "string") as string, get(op, "index", "int") as number];
    indexOf(doc, axis, name);
    checkIndex(index, items.length);
    return structural(doc, { kind: `move_${axis}`, name, index });
  }
  const [name, drop] = [get(op, "name", "string") as string, flag(op, "drop_cards")];
  indexOf(doc, axis, name);
  const n = cardsOn(doc, (c) => c[axis] === name);
  if (n && !drop) fail(`${axis} ${pyRepr(name)} has ${n} card(s); remove them first or pass drop_cards=True`);
  return structural(doc, { kind: `remove_${axis}`, name, drop_cards: drop });
}

function stepOp(doc: JourneyDoc, op: Msg, kind: string): JourneyDoc {
  const stage = get(op, "stage", "string") as string;
  const first = get(op, kind === "rename_step" ? "old" : "name", "string") as string;
  const second = kind === "rename_step" ? get(op, "new", "string") as string
    : kind === "remove_step" ? flag(op, "drop_cards") : get(op, "index", "int", kind === "add_step");
  const steps = doc.stages[indexOf(doc, "stage", stage)]!.steps;
  if (kind === "add_step") {
    checkName(first, "step");
    if (steps.includes(first)) fail(`stage ${pyRepr(stage)} already has a step ${pyRepr(first)}`);
    if (second != null) checkIndex(second, steps.length + 1);
    return structural(doc, { kind: "add_step", stage, name: first, index: second as number | null });
  }
  if (!steps.includes(first)) fail(`stage ${pyRepr(stage)} has no step ${pyRepr(first)}`);
  if (kind === "rename_step") {
    checkName(second, "step");
    if (second !== first && steps.includes(second as string)) fail(`stage ${pyRepr(stage)} already has a step ${pyRepr(second)}`);
    return structural(doc, { kind: "rename_step", stage, old: first, new: second as string });
  }
  if (kind === "move_step") {
    checkIndex(second, steps.length);
    return structural(doc, { kind: "move_step", stage, name: first, index: second as number });
  }
  const n = cardsOn(doc, (c) => c.stage === stage && c.step === first);
  if (n && !second) {
    fail(`step ${pyRepr(first)} of stage ${pyRepr(stage)} has ${n} card(s); remove them first or pass drop_cards=True`);
  }
  return structural(doc, { kind: "remove_step", stage, name: first, drop_cards: Boolean(second) });
}

const AXIS_KINDS = ["add", "rename", "move", "remove"].flatMap((v) => [`${v}_stage`, `${v}_lane`]);
const STEP_KINDS = ["add_step", "rename_step", "move_step", "remove_step"];

export interface Applied {
  doc: JourneyDoc;
  /** The id of the card an `add` created (protocol.md: the ack carries it). */
  id: string | null;
}

/**
 * Apply the `op` of an operation message (protocol.py `op_from_message` and the model's
 * `apply`). Throws JourneyFileError with the kernel's reason when the kernel would refuse;
 * `stale` is true when the message's base revision is older than the document's.
 */
export function applyMessageOp(doc: JourneyDoc, raw: unknown, stale: boolean, newId: () => string): Applied {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) fail(`malformed operation: ${pyRepr(raw ?? null)}`);
  const op = raw as Msg;
  const kind = op.kind;
  if (kind === "batch") {
    const ops = op.ops;
    if (!Array.isArray(ops) || ops.length < 1 || ops.length > MAX_BATCH) {
      fail(`malformed operation: a batch holds 1 to ${MAX_BATCH} card operations, got ${pyRepr(ops ?? null)}`);
    }
    const steps = (ops as unknown[]).map((o) => buildCardOp(doc, o, stale, newId));
    return { doc: steps.reduce((d, step) => step(d), doc), id: null };
  }
  if (typeof kind === "string" && AXIS_KINDS.includes(kind)) return { doc: axisOp(doc, op, kind), id: null };
  if (typeof kind === "string" && STEP_KINDS.includes(kind)) return { doc: stepOp(doc, op, kind), id: null };
  if (typeof kind === "string" && META_KINDS.includes(kind)) return { doc: applyMetaMessage(doc, op), id: null };
  let id: string | null = null;
  const step = buildCardOp(doc, op, stale, () => (id = newId()));
  return { doc: step(doc), id };
}

/** The view's Op type, narrowed: tells card ops apart for callers that build messages. */
export type { CardOp, Op };
