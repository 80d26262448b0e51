// The strict reader of `.journey.json` text (src/model/strictjson.ts) at its edges. Every message
// below is the one CPython 3.11 gives through src/journey_widget/io/parse.py for the same text;
// tests/unit/io/test_malformed_corpus_lab.py compares the two on the whole malformed corpus.
import { describe, expect, it } from "vitest";
import { checkValue } from "../src/model/jsonwalk";
import { PyFloat } from "../src/model/pyrepr";
import { Bad, duplicateKey, keysOf, PARSE_DEPTH, parseStrictJson, plainJson } from "../src/model/strictjson";

const refusal = (source: string | Uint8Array): string => {
  try {
    parseStrictJson(source);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("accepted");
};

const bytes = (...values: number[]) => Uint8Array.from(values);

describe("text that is not JSON, in Python's words at Python's line and column", () => {
  const json = (problem: string) => `$: not valid JSON: ${problem}`;
  const cases: Array<[string, string]> = [
    ["", '$: the document is empty; expected a journey map (a JSON object with "format": "journey-map")'],
    ["  \u3000\n", '$: the document is empty; expected a journey map (a JSON object with "format": "journey-map")'],
    ["{", json("Expecting property name enclosed in double quotes at line 1 column 2 (the text ends too early: truncated?)")],
    ["[1,]", json("Expecting value at line 1 column 4")],
    ['{"a":1,}', json("Expecting property name enclosed in double quotes at line 1 column 8")],
    ['{"a" 1}', json("Expecting ':' delimiter at line 1 column 6")],
    ["[1 2]", json("Expecting ',' delimiter at line 1 column 4")],
    ['"abc', json("Unterminated string starting at at line 1 column 1")],
    ['"a\u0001"', json("Invalid control character at at line 1 column 3")],
    ['"\\x"', json("Invalid \\escape at line 1 column 2")],
    ['"\\u12"', json("Invalid \\uXXXX escape at line 1 column 3")],
    ['"\\u12G4"', json("Invalid \\uXXXX escape at line 1 column 3")],
    ["{} {}", json("Extra data at line 1 column 4")],
    ["\ufeff\ufeff{}", json("Unexpected UTF-8 BOM (decode using utf-8-sig) at line 1 column 1")],
    ['{"\u{1f600}": x}', json("Expecting value at line 1 column 7")], // columns count code points
    ["1e", json("Extra data at line 1 column 2")],
    ["-", json("Expecting value at line 1 column 1")],
    ["[-]", json("Expecting value at line 1 column 2")],
    ["01", json("Extra data at line 1 column 2")],
    ["1.", json("Extra data at line 1 column 2")],
    [".5", json("Expecting value at line 1 column 1")],
    ["[\n  1,\n  tru\n]", json("Expecting value at line 3 column 3")],
    ["nul", json("Expecting value at line 1 column 1")],
  ];
  it.each(cases)("%j", (text, message) => {
    expect(refusal(text)).toBe(message);
  });

  it("gives up on values nested deeper than the reader goes, as Python's recursion limit does", () => {
    expect(() => parseStrictJson("[".repeat(PARSE_DEPTH) + "]".repeat(PARSE_DEPTH))).not.toThrow();
    expect(refusal("[".repeat(100_000) + "]".repeat(100_000)))
      .toBe("$: not readable: values nested too deeply; expected at most 32 levels");
  });
});

describe("bytes, decoded as Python decodes them", () => {
  it("refuses UTF-16 and names the first byte that is not UTF-8", () => {
    expect(refusal(bytes(0xff, 0xfe, 0x7b, 0, 0x7d, 0))).toBe("$: the file is UTF-16 text; expected UTF-8 JSON");
    const notUtf8 = (offset: number, byte: string) =>
      `$: not UTF-8 text: byte 0x${byte} at offset ${offset}; expected a journey map document (UTF-8 JSON)`;
    expect(refusal(bytes(0x7b, 0x7d, 0xe2, 0x82))).toBe(notUtf8(2, "e2")); // the text ends inside
    expect(refusal(bytes(0x5b, 0x22, 0xc0, 0xaf, 0x22, 0x5d))).toBe(notUtf8(2, "c0")); // overlong
    expect(refusal(bytes(0x5b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x5d))).toBe(notUtf8(2, "ed")); // a surrogate
  });

  it("ignores one UTF-8 byte order mark and reads the rest", () => {
    expect(parseStrictJson(bytes(0xef, 0xbb, 0xbf, 0x7b, 0x7d))).toEqual({});
    expect(parseStrictJson(new TextEncoder().encode('["é\u{1f600}"]'))).toEqual(["é\u{1f600}"]);
  });
});

describe("what JSON readers accept and the format refuses, kept for the walk to report", () => {
  it("keeps floats as floats, integers as integers, big integers exactly", () => {
    const v = parseStrictJson("[1e5, 1E+2, -0, 2.50, 1.0, 7, 9007199254740993]") as unknown[];
    expect(v.slice(0, 5)).toEqual([new PyFloat(1e5), new PyFloat(100), 0, new PyFloat(2.5), new PyFloat(1)]);
    expect(Object.is(v[2], 0)).toBe(true); // Python's int has no -0
    expect(v.slice(5)).toEqual([7, BigInt("9007199254740993")]);
    expect(plainJson(v)).toEqual([1e5, 100, 0, 2.5, 1, 7, 9007199254740992]);
  });

  it("marks NaN, Infinity, floats too large and integers of more than 20 digits", () => {
    const v = parseStrictJson("[NaN, Infinity, -Infinity, 1e999, -1E400, 123456789012345678901]") as Bad[];
    expect(v.map((b) => b.problem)).toEqual([
      "NaN is not a JSON number; expected a finite number or null",
      "Infinity is not a JSON number; expected a finite number or null",
      "-Infinity is not a JSON number; expected a finite number or null",
      "1e999 is too large for a number; expected a finite number",
      "-1E400 is too large for a number; expected a finite number",
      "the number 123456789012... (21 digits) is too large; expected a number that fits 64 bits",
    ]);
    expect(() => checkValue(v, "x")).toThrow("x[0]: NaN is not a JSON number; expected a finite number or null");
    expect(plainJson([new Bad("b", "NaN")])).toEqual([null]);
  });

  it("tells an integer that does not fit 64 bits, digit for digit", () => {
    const v = parseStrictJson('{"n": 18446744073709551616, "m": -18446744073709551615}');
    expect(() => checkValue(v, "$")).toThrow("n: the number 18446744073709551616 is too large; expected a number that fits 64 bits");
    expect(() => checkValue({ m: (v as { m: bigint }).m }, "$")).not.toThrow();
  });

  it("remembers the first key named twice and keeps the last value, as Python does", () => {
    const v = parseStrictJson('{"a": 1, "b": 2, "a": 3, "b": 4}') as Record<string, unknown>;
    expect(v).toEqual({ a: 3, b: 4 });
    expect(duplicateKey(v)).toBe("a");
    expect(() => checkValue({ x: [v] }, "$")).toThrow("x[0]: the key 'a' appears twice in this object; expected unique keys");
  });

  it("keeps keys in the order of the text and `__proto__` as a plain key", () => {
    const v = parseStrictJson('{"b": 1, "2": 2, "a": 3, "1": 4, "__proto__": {"x": 1}}') as Record<string, unknown>;
    expect(keysOf(v)).toEqual(["b", "2", "a", "1", "__proto__"]);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(v, "__proto__")).toBe(true);
  });

  it("decodes escapes, surrogate pairs and lone surrogates as Python does", () => {
    expect(parseStrictJson('["\\ud83d\\ude00", "\\ud83d\\u0041", "\\/\\b\\f\\n\\r\\t\\"\\\\"]'))
      .toEqual(["\u{1f600}", "\ud83dA", "/\b\f\n\r\t\"\\"]);
  });

  it("refuses values nested more than 32 levels where the walk looks, at the place it entered", () => {
    const deep = parseStrictJson(`{"tags": ${"[".repeat(40)}${"]".repeat(40)}}`);
    expect(() => checkValue(deep, "cards[0]", 1))
      .toThrow("cards[0]: values nested more than 32 levels deep; expected flatter data");
  });
});
