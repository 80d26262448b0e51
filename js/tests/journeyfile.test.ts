import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseJourneyText, readJourneyDoc } from "../src/model/docread";
import { journeyDocValue, JourneyFileError, nullableDtype, writeJourneyDoc } from "../src/model/journeyfile";
import { PyFloat, pyFloat, pyG, pyJson, pyRepr } from "../src/model/pyrepr";

// vitest runs in js/; the repository is one level up.
const ROOT = resolve(process.cwd(), "..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

describe("Python's text for values", () => {
  // Each pair printed by CPython: repr(x) and format(x, "g").
  const floats: Array<[number, string, string]> = [
    [0, "0.0", "0"], [-0, "-0.0", "-0"], [1, "1.0", "1"], [-2, "-2.0", "-2"], [0.5, "0.5", "0.5"],
    [1e16, "1e+16", "1e+16"], [1.5e16, "1.5e+16", "1.5e+16"], [1234567890123456, "1234567890123456.0", "1.23457e+15"],
    [0.0001, "0.0001", "0.0001"], [0.00001, "1e-05", "1e-05"], [1.5e-7, "1.5e-07", "1.5e-07"],
    [1e100, "1e+100", "1e+100"], [123.456, "123.456", "123.456"], [-1e-5, "-1e-05", "-1e-05"],
    [1 / 3, "0.3333333333333333", "0.333333"], [100, "100.0", "100"], [1e15, "1000000000000000.0", "1e+15"],
  ];
  it.each(floats)("%s is %s and %s", (x, repr, g) => {
    expect(pyFloat(x)).toBe(repr);
    expect(pyG(x)).toBe(g);
  });

  it("prints strings, lists and None as repr() does", () => {
    expect(pyRepr("a'b")).toBe(`"a'b"`);
    expect(pyRepr('a"b')).toBe(`'a"b'`);
    expect(pyRepr(`a'"b`)).toBe(`'a\\'"b'`);
    expect(pyRepr("é\n\t\x01\x7f")).toBe("'é\\n\\t\\x01\\x7f'");
    // As Python's str.isprintable(): format, separator and unassigned characters are escaped.
    expect(pyRepr("a\u200bb\u2028\u00a0 c")).toBe("'a\\u200bb\\u2028\\xa0 c'");
    expect(pyRepr("\u{c9089}\u{1f600}")).toBe("'\\U000c9089\u{1f600}'");
    expect(pyRepr(["a", 1, null, true, 1.5, new PyFloat(2)])).toBe("['a', 1, None, True, 1.5, 2.0]");
  });

  it("writes json.dumps(indent=1) text", () => {
    const value = { a: [], b: {}, c: [1, new PyFloat(2), "x\u2028\"\\"], d: { e: null, f: false } };
    expect(pyJson(value)).toBe('{\n "a": [],\n "b": {},\n "c": [\n  1,\n  2.0,\n  "x\u2028\\"\\\\"\n ],\n "d": {\n  "e": null,\n  "f": false\n }\n}');
  });

  it("names the nullable dtype pandas switches an int or bool column to", () => {
    expect(["int64", "uint8", "Int64", "UInt16", "bool", "float64", "str"].map(nullableDtype))
      .toEqual(["Int64", "UInt8", "Int64", "UInt16", "boolean", "float64", "str"]);
  });
});

describe("files written by Python", () => {
  const files = ["examples/checkout.journey.json",
    ...readdirSync(join(ROOT, "src/journey_widget/templates")).filter((f) => f.endsWith(".journey.json"))
      .map((f) => `src/journey_widget/templates/${f}`)];

  it.each(files)("%s is read and written back byte for byte", (path) => {
    const text = read(path);
    expect(writeJourneyDoc(parseJourneyText(text))).toBe(text.replace(/\n$/, ""));
  });

  it("keeps every column, the analyst's too, and gives the mime bundle's plain value", () => {
    const doc = parseJourneyText(read("examples/checkout.journey.json"));
    expect(doc.columns.map((c) => c.name)).toEqual(["id", "stage", "step", "lane", "text", "score", "source"]);
    expect(doc.cards[0]!.source).toBe("interview 2");
    const value = journeyDocValue(doc);
    expect(value.format).toBe("journey-map");
    expect(readJourneyDoc(value)).toEqual(doc);
  });
});

describe("documents Python would refuse", () => {
  const base = () => JSON.parse(read("examples/checkout.journey.json"));
  const refused = (doc: unknown) => {
    try {
      readJourneyDoc(doc);
    } catch (err) {
      expect(err).toBeInstanceOf(JourneyFileError);
      return (err as Error).message;
    }
    throw new Error("accepted");
  };

  it("says what is wrong, where, and what was expected, in Python's words", () => {
    expect(refused({ format: "other" })).toBe(`format: not a journey map document: expected "journey-map", got 'other' (a string)`);
    expect(refused({ ...base(), version: 3 })).toBe("version: journey map version 3 is newer than this journey_widget " +
      "reads (version 2); update journey_widget to open it");
    const d = base();
    d.cards[3].stage = "Nowhere";
    expect(refused(d)).toBe("cards[3].stage: 'Nowhere' is not one of the map's stages " +
      "['Discover', 'Browse', 'Cart', 'Checkout', 'Delivery']");
    const e = base();
    const emotion = e.cards.findIndex((c: { lane: string }) => c.lane === "Emotions");
    e.cards[emotion].score = 5;
    expect(refused(e)).toBe(`cards[${emotion}].score: 5 is outside the map's scale -2..2 (on emotion lane 'Emotions'); ` +
      "expected a score inside it");
    const f = base();
    f.cards[1].id = f.cards[0].id;
    expect(refused(f)).toBe(`cards[1].id: '${f.cards[0].id}' is also the id of cards[0]; expected unique ids`);
    expect(refused({ ...base(), stages: ["A", "A"] })).toBe("stages[1].name: stage name 'A' appears twice; expected unique stage names");
    expect(refused({ ...base(), scale: { min: 2, max: -2 } })).toBe("scale: min 2 is not below max -2; expected min < max");
    expect(() => parseJourneyText("{oops")).toThrow(
      "$: not valid JSON: Expecting property name enclosed in double quotes at line 1 column 2");
  });

  it("gives cards without ids fresh ones, and takes steps from the cards as Python does", () => {
    const d = base();
    delete d.cards[0].id;
    d.cards[0].step = "Scroll";
    const doc = readJourneyDoc(d);
    expect(doc.cards[0]!.id).toMatch(/^c-[0-9a-f]{10}$/);
    expect(doc.stages[0]!.steps).toEqual(["Scroll"]);
  });
});
