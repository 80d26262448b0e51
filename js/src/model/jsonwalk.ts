// The walk over a parsed `.journey.json` document (src/journey_widget/io/json_walk.py): typed
// reads that return the value when it is of the expected kind and otherwise refuse the document
// with Python's message and the JSON path (`cards[3].stage`). Values are the strict reader's
// (strictjson.ts): PyFloat for floats, bigint for integers beyond 2**53, Bad for refused tokens;
// plain JSON values (numbers only) are read too, an integral number as an int.
import { fail, JourneyFormatError } from "./fileerror";
import { PyFloat, pyFloat, pyRepr } from "./pyrepr";
import { Bad, duplicateKey, isBlank, isPySpace, keysOf, MAX_DEPTH } from "./strictjson";

export { fail, JourneyFormatError };

const INT_LIMIT = BigInt(2) ** BigInt(64);
const IDENTIFIER = /^[\p{XID_Start}_]\p{XID_Continue}*$/u;

export type JsonObject = Record<string, unknown>;

/** A JSON number: an int (number or bigint) or a float (PyFloat, or a number with a fraction). */
export function isNumberValue(v: unknown): v is number | bigint | PyFloat {
  return typeof v === "number" || typeof v === "bigint" || v instanceof PyFloat;
}

/** Python's `isinstance(v, int)` (booleans aside): integral numbers and bigints. */
export function isInt(v: unknown): v is number | bigint {
  return typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v));
}

/** A JSON number as a JavaScript number (Python's `float(value)`). */
export function numberOf(v: number | bigint | PyFloat): number {
  return v instanceof PyFloat ? v.value : Number(v);
}

/** Python's `repr()` of a value of the document (floats as `1.0`, exact big integers). */
export function reprOf(v: unknown): string {
  if (typeof v === "bigint") return String(v);
  if (typeof v === "number" && Number.isInteger(v) && Math.abs(v) < 1e21) return String(v);
  if (typeof v === "number") return pyFloat(v);
  return pyRepr(v);
}

/** A JSON object (not an array, a float or a refused token). */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof PyFloat) && !(v instanceof Bad);
}

/** Python's truthiness of a JSON value (`value or default`). */
export function truthy(v: unknown): boolean {
  if (v == null || v === false || v === "") return false;
  if (isNumberValue(v)) return numberOf(v) !== 0;
  if (Array.isArray(v)) return v.length > 0;
  return isObject(v) ? keysOf(v).length > 0 : true;
}

/** Python's `any(c.isspace() for c in text)`. */
export function hasSpace(text: string): boolean {
  for (const ch of text) if (isPySpace(ch)) return true;
  return false;
}

/** The value at `key` of an object, or undefined (Python's `dict.get`). */
export function get(o: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** What a JSON value is, for a message: `null`, `an array`, `'abc' (a string)`, `1.0 (a number)`. */
export function kindOf(value: unknown): string {
  if (value == null) return "null";
  if (typeof value === "boolean") return `${value ? "true" : "false"} (a boolean)`;
  if (isObject(value)) return "an object";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") {
    const chars = Array.from(value);
    return `${pyRepr(chars.length <= 40 ? value : chars.slice(0, 37).join("") + "...")} (a string)`;
  }
  if (value instanceof Bad) return `${value.token} (a number)`; // Python prints its marker object here
  return `${reprOf(value)} (a number)`;
}

/** Fail at `path`: expected this, got `value` (or the reader's own problem with it). */
export function got(path: string, value: unknown, expected: string): never {
  if (value instanceof Bad) fail(path, value.problem);
  return fail(path, `expected ${expected}, got ${kindOf(value)}`);
}

/** The path of `key` inside the object at `path`: `cards[3].stage`, `x["my key"]`. */
export function keyPath(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path === "$" ? key : `${path}.${key}`;
  return `${path}[${pyJsonString(key)}]`;
}

/** `json.dumps(text, ensure_ascii=False)`: as JSON.stringify, but lone surrogates stay as they are. */
function pyJsonString(text: string): string {
  let out = "";
  for (const ch of text) out += ch === '"' || ch === "\\" || ch < " " ? JSON.stringify(ch).slice(1, -1) : ch;
  return `"${out}"`;
}

function tooLarge(value: unknown): boolean {
  if (typeof value === "bigint") return value >= INT_LIMIT || value <= -INT_LIMIT;
  return typeof value === "number" && Number.isInteger(value) && Math.abs(value) >= 2 ** 64;
}

/**
 * Any JSON value: no NaN or Infinity, no huge numbers, no duplicate keys, bounded depth. Too deep
 * nesting is reported at `anchor` (where the walk entered), not at the leaf.
 */
export function checkValue(value: unknown, path: string, depth = 0, anchor: string = path): void {
  if (value instanceof Bad) fail(path, value.problem);
  if (tooLarge(value)) fail(path, `the number ${reprOf(value)} is too large; expected a number that fits 64 bits`);
  const isArray = Array.isArray(value);
  if (!isArray && !isObject(value)) return;
  if (depth >= MAX_DEPTH) fail(anchor, `values nested more than ${MAX_DEPTH} levels deep; expected flatter data`);
  const dup = duplicateKey(value);
  if (dup !== undefined) fail(path, `the key ${pyRepr(dup)} appears twice in this object; expected unique keys`);
  if (Array.isArray(value)) {
    value.forEach((v: unknown, i) => checkValue(v, `${path}[${i}]`, depth + 1, anchor));
  } else {
    for (const k of keysOf(value)) checkValue(value[k], keyPath(path, k), depth + 1, anchor);
  }
}

/** `value` if it is a JSON object without a repeated key; else fail expecting `what`. */
export function asObject(value: unknown, path: string, what = "an object"): JsonObject {
  if (!isObject(value)) got(path, value, what);
  const dup = duplicateKey(value);
  if (dup !== undefined) fail(path, `the key ${pyRepr(dup)} appears twice in this object; expected unique keys`);
  return value;
}

/** `value` if it is a JSON array; else fail expecting `what`. */
export function asArray(value: unknown, path: string, what: string): unknown[] {
  if (!Array.isArray(value)) got(path, value, what);
  return value;
}

/** `value` if it is a string (not blank when `nonempty`), or null when `optional`. */
export function asText(value: unknown, path: string, optional = true, nonempty = false): string | null {
  if (value == null && optional) return null;
  if (typeof value !== "string" || (nonempty && isBlank(value))) {
    got(path, value, nonempty ? "a non-empty string" : optional ? "a string or null" : "a string");
  }
  return value;
}

/** `value` as a number if it is a finite JSON number (null for null when `optional`). */
export function asNumber(value: unknown, path: string, optional = true): number | null {
  checkValue(value, path);
  if (value == null && optional) return null;
  if (!isNumberValue(value)) got(path, value, optional ? "a number or null" : "a number");
  return numberOf(value);
}

/** An array of non-empty strings, none twice. */
export function asNames(value: unknown, path: string): string[] {
  const out: string[] = [];
  asArray(value, path, "an array of strings").forEach((item, i) => {
    const name = asText(item, `${path}[${i}]`, false, true)!;
    if (out.includes(name)) fail(`${path}[${i}]`, `${pyRepr(name)} appears twice; expected unique names`);
    out.push(name);
  });
  return out;
}

/** Add `name` to `seen`, failing at `path` if it is there already. */
export function uniqueName(path: string, name: string, seen: string[], what: string): void {
  if (seen.includes(name)) fail(path, `${what} name ${pyRepr(name)} appears twice; expected unique ${what} names`);
  seen.push(name);
}
