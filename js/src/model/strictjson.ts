// `.journey.json` text read as src/journey_widget/io/parse.py reads it with Python's json module
// (the C scanner of CPython 3.11): the same grammar, the same error messages at the same line and
// column (counted in code points, as Python counts), and what the format refuses but JSON readers
// accept kept for the validator to report with its JSON path, as Python's markers are:
//
// - `NaN`, `Infinity`, `-Infinity`, floats too large (`1e999`) and integers of more than 20
//   digits become `Bad` values carrying Python's message;
// - a float is a `PyFloat` (Python's float: `1.0` stays a float), an integer a number, or a
//   bigint beyond 2**53 (exact, so "does not fit 64 bits" is told as Python tells it);
// - an object naming a key twice keeps the last value, as Python does, and remembers the key.
//
// `plainJson` turns the checked value into the plain JSON value JSON.parse would have given.
// CPython 3.13 words two errors differently ("Illegal trailing comma before end of object");
// this reader gives 3.11's "Expecting property name enclosed in double quotes" / "Expecting value".
import { JourneyFormatError } from "./fileerror";
import { PyFloat } from "./pyrepr";

/** How deep values may nest (io/parse.py MAX_DEPTH); deeper data is refused by the walk. */
export const MAX_DEPTH = 32;
/** Where the reader itself gives up, as Python's json does near its recursion limit (1000). */
export const PARSE_DEPTH = 900;
const FORMAT_HINT = 'a journey map (a JSON object with "format": "journey-map")';

/** A token Python would accept but the format refuses (reported later, with its JSON path). */
export class Bad {
  constructor(readonly problem: string, readonly token: string) {}
}

const duplicates = new WeakMap<object, string>();
const keyOrder = new WeakMap<object, string[]>();

/** The first key an object's text named twice, if any (Python's `_DuplicateKeys.key`). */
export function duplicateKey(value: object): string | undefined {
  return duplicates.get(value);
}

/** An object's keys in the order of its text (JavaScript puts index-like keys first). */
export function keysOf(value: object): string[] {
  return keyOrder.get(value) ?? Object.keys(value);
}

// Python's str.isspace(): what str.strip() and str.rstrip() remove.
const PY_SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const BLANK = new RegExp(`^[${PY_SPACE}]*$`);
const TRAILING_SPACE = new RegExp(`[${PY_SPACE}]+$`);

/** True when Python's `not text.strip()` holds: nothing but whitespace. */
export function isBlank(text: string): boolean {
  return BLANK.test(text);
}

/** True when Python's `str.isspace()` holds for a one-character string. */
export function isPySpace(ch: string): boolean {
  return ch !== "" && BLANK.test(ch);
}

class JsonSyntax extends Error {
  constructor(readonly msg: string, readonly pos: number) {
    super(msg);
  }
}

class TooDeep extends Error {}

const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

const isDigit = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

function hex4(s: string, at: number): number {
  const digits = s.slice(at, at + 4);
  return /^[0-9a-fA-F]{4}$/.test(digits) ? parseInt(digits, 16) : -1;
}

function constant(name: string): Bad {
  return new Bad(`${name} is not a JSON number; expected a finite number or null`, name);
}

function float(text: string): PyFloat | Bad {
  const value = Number(text);
  return Number.isFinite(value) ? new PyFloat(value) : new Bad(`${text} is too large for a number; expected a finite number`, text);
}

function int(text: string): number | bigint | Bad {
  if (text.replace(/^-+/, "").length > 20) {
    return new Bad(`the number ${text.slice(0, 12)}... (${text.length} digits) is too large; expected a ` +
      "number that fits 64 bits", `${text.slice(0, 12)}...`);
  }
  const value = Number(text);
  if (Number.isSafeInteger(value)) return value === 0 ? 0 : value; // Python's int has no -0
  return BigInt(text);
}

/** A key JavaScript objects list before the others (an array index). */
const isIndex = (key: string): boolean => /^(0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;

function setKey(out: Record<string, unknown>, key: string, value: unknown, seen: string[] | null): void {
  if (Object.prototype.hasOwnProperty.call(out, key)) {
    if (!duplicates.has(out)) duplicates.set(out, key);
  } else if (seen) {
    seen.push(key);
  }
  if (key === "__proto__") Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** Python's json scanner (Modules/_json.c scan_once_unicode and friends), position for position. */
class Scanner {
  /** The index after the value last scanned. */
  end = 0;
  private depth = 0;

  constructor(private readonly s: string) {}

  skip(i: number): number {
    const s = this.s;
    for (let c = s.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = s.charCodeAt(++i));
    return i;
  }

  value(i: number): unknown {
    const s = this.s;
    if (i >= s.length) throw new JsonSyntax("Expecting value", i);
    switch (s[i]) {
      case '"': return this.string(i + 1);
      case "{": return this.nested(() => this.object(i + 1));
      case "[": return this.nested(() => this.array(i + 1));
      case "n": if (s.startsWith("null", i)) return this.literal(null, i + 4); break;
      case "t": if (s.startsWith("true", i)) return this.literal(true, i + 4); break;
      case "f": if (s.startsWith("false", i)) return this.literal(false, i + 5); break;
      case "N": if (s.startsWith("NaN", i)) return this.literal(constant("NaN"), i + 3); break;
      case "I": if (s.startsWith("Infinity", i)) return this.literal(constant("Infinity"), i + 8); break;
      case "-": if (s.startsWith("-Infinity", i)) return this.literal(constant("-Infinity"), i + 9); break;
    }
    return this.number(i);
  }

  private literal(value: unknown, end: number): unknown {
    this.end = end;
    return value;
  }

  private nested<T>(read: () => T): T {
    if (++this.depth > PARSE_DEPTH) throw new TooDeep();
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  private number(start: number): unknown {
    const s = this.s;
    const last = s.length - 1;
    let i = start;
    if (s[i] === "-" && ++i > last) throw new JsonSyntax("Expecting value", start);
    const c = s.charCodeAt(i);
    if (c >= 49 && c <= 57) for (i++; i <= last && isDigit(s, i); i++);
    else if (c === 48) i++;
    else throw new JsonSyntax("Expecting value", start);
    let isFloat = false;
    if (i < last && s[i] === "." && isDigit(s, i + 1)) {
      isFloat = true;
      for (i += 2; i <= last && isDigit(s, i); i++);
    }
    if (i < last && (s[i] === "e" || s[i] === "E")) {
      const e = i++;
      if (i < last && (s[i] === "-" || s[i] === "+")) i++;
      while (i <= last && isDigit(s, i)) i++;
      if (isDigit(s, i - 1)) isFloat = true;
      else i = e;
    }
    this.end = i;
    const text = s.slice(start, i);
    return isFloat ? float(text) : int(text);
  }

  private string(end: number): string {
    const s = this.s;
    const len = s.length;
    const begin = end - 1;
    let out = "";
    for (;;) {
      let next = end;
      let c = 0;
      for (; next < len; next++) {
        c = s.charCodeAt(next);
        if (c === 34 || c === 92) break;
        if (c <= 0x1f) throw new JsonSyntax("Invalid control character at", next);
      }
      if (next >= len) throw new JsonSyntax("Unterminated string starting at", begin);
      out += s.slice(end, next);
      next++;
      if (c === 34) {
        this.end = next;
        return out;
      }
      if (next === len) throw new JsonSyntax("Unterminated string starting at", begin);
      if (s[next] !== "u") {
        end = next + 1;
        const ch = ESCAPES[s[next]!];
        if (ch === undefined) throw new JsonSyntax("Invalid \\escape", end - 2);
        out += ch;
      } else {
        out += this.unicodeEscape(next + 1);
        end = this.end;
      }
    }
  }

  /** A `\uXXXX` escape (with its low surrogate when one follows); `at` is after the `u`. */
  private unicodeEscape(at: number): string {
    const s = this.s;
    let end = at + 4;
    if (end >= s.length) throw new JsonSyntax("Invalid \\uXXXX escape", at - 1);
    let code = hex4(s, at);
    if (code < 0) throw new JsonSyntax("Invalid \\uXXXX escape", end - 5);
    if (code >= 0xd800 && code <= 0xdbff && end + 6 < s.length && s[end] === "\\" && s[end + 1] === "u") {
      end += 6;
      const low = hex4(s, end - 4);
      if (low < 0) throw new JsonSyntax("Invalid \\uXXXX escape", end - 5);
      if (low >= 0xdc00 && low <= 0xdfff) code = 0x10000 + (((code - 0xd800) << 10) | (low - 0xdc00));
      else end -= 6;
    }
    this.end = end;
    return String.fromCodePoint(code);
  }

  private object(idx: number): Record<string, unknown> {
    const s = this.s;
    const out: Record<string, unknown> = {};
    let order: string[] | null = null;
    idx = this.skip(idx);
    if (s[idx] !== "}") {
      for (;;) {
        if (s[idx] !== '"') throw new JsonSyntax("Expecting property name enclosed in double quotes", idx);
        const key = this.string(idx + 1);
        idx = this.skip(this.end);
        if (s[idx] !== ":") throw new JsonSyntax("Expecting ':' delimiter", idx);
        const value = this.value(this.skip(idx + 1));
        if (!order && isIndex(key)) order = Object.keys(out); // JavaScript would put it first
        setKey(out, key, value, order);
        idx = this.skip(this.end);
        if (s[idx] === "}") break;
        if (s[idx] !== ",") throw new JsonSyntax("Expecting ',' delimiter", idx);
        idx = this.skip(idx + 1);
      }
    }
    if (order) keyOrder.set(out, order);
    this.end = idx + 1;
    return out;
  }

  private array(idx: number): unknown[] {
    const s = this.s;
    const out: unknown[] = [];
    idx = this.skip(idx);
    if (s[idx] !== "]") {
      for (;;) {
        out.push(this.value(idx));
        idx = this.skip(this.end);
        if (s[idx] === "]") break;
        if (s[idx] !== ",") throw new JsonSyntax("Expecting ',' delimiter", idx);
        idx = this.skip(idx + 1);
      }
    }
    this.end = idx + 1;
    return out;
  }
}

/** Python's `json.loads(text)` (with parse.py's hooks); throws JsonSyntax or TooDeep. */
function decode(text: string): unknown {
  if (text.startsWith("\ufeff")) throw new JsonSyntax("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
  const scanner = new Scanner(text);
  const value = scanner.value(scanner.skip(0));
  const end = scanner.skip(scanner.end);
  if (end !== text.length) throw new JsonSyntax("Extra data", end);
  return value;
}

const codePoints = (text: string): number => {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)) n++;
  }
  return n;
};

/** JSONDecodeError's message as parse.py words it: line and column in code points. */
function syntaxProblem(err: JsonSyntax, text: string): string {
  const before = text.slice(0, err.pos);
  const line = before.split("\n").length;
  const column = codePoints(before.slice(before.lastIndexOf("\n") + 1)) + 1;
  const hint = err.pos >= text.replace(TRAILING_SPACE, "").length ? " (the text ends too early: truncated?)" : "";
  return `not valid JSON: ${err.msg} at line ${line} column ${column}${hint}`;
}

/** Where the first byte that is not UTF-8 starts (Python's UnicodeDecodeError.start), or -1. */
function firstNonUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const [n, low, high] = b >= 0xc2 && b <= 0xdf ? [1, 0x80, 0xbf] : b === 0xe0 ? [2, 0xa0, 0xbf]
      : b === 0xed ? [2, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [2, 0x80, 0xbf] : b === 0xf0 ? [3, 0x90, 0xbf]
        : b >= 0xf1 && b <= 0xf3 ? [3, 0x80, 0xbf] : b === 0xf4 ? [3, 0x80, 0x8f] : [0, 0, 0];
    if (!n || i + n > bytes.length - 1) return i; // not a start byte, or the text ends inside
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k <= n; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

/** File bytes as parse.py decodes them: UTF-16 refused, UTF-8 strictly, a BOM kept for later. */
export function decodeJourneyBytes(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new JourneyFormatError("the file is UTF-16 text; expected UTF-8 JSON");
  }
  const bad = firstNonUtf8(bytes);
  if (bad >= 0) {
    throw new JourneyFormatError(`not UTF-8 text: byte 0x${bytes[bad]!.toString(16).padStart(2, "0")} at offset ${bad}; ` +
      "expected a journey map document (UTF-8 JSON)");
  }
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

/**
 * File text (or bytes, UTF-8) parsed as parse.py's `parse_document` parses it. Throws
 * JourneyFormatError (path `$`) for empty text, text that is not JSON and JSON nested too deeply.
 */
export function parseStrictJson(source: string | Uint8Array): unknown {
  let text = typeof source === "string" ? source : decodeJourneyBytes(source);
  if (text.startsWith("\ufeff")) text = text.slice(1);
  if (isBlank(text)) throw new JourneyFormatError(`the document is empty; expected ${FORMAT_HINT}`);
  try {
    return decode(text);
  } catch (err) {
    if (err instanceof JsonSyntax) throw new JourneyFormatError(syntaxProblem(err, text));
    if (err instanceof TooDeep) {
      throw new JourneyFormatError(`not readable: values nested too deeply; expected at most ${MAX_DEPTH} levels`);
    }
    throw err;
  }
}

/** The value JSON.parse would give: floats and big integers as numbers, refused tokens as null. */
export function plainJson(value: unknown): unknown {
  if (value instanceof PyFloat) return value.value;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Bad) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = plainJson(value[i]);
  } else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const v = o[k];
      if (v !== null && (typeof v === "object" || typeof v === "bigint")) o[k] = plainJson(v);
    }
  }
  return value;
}
