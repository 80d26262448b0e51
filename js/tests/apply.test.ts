import { describe, expect, it } from "vitest";
import { applyOp, insertionRow } from "../src/apply";
import { card } from "./fake";

const ids = (cs: readonly { id: string }[]) => cs.map((c) => c.id);

// Rows: a1 a2 in cell A (Browse/Search/Actions), b1 in cell B (Pay/null/Actions), a3 in A.
const A = { stage: "Browse", step: "Search", lane: "Actions" } as const;
const B = { stage: "Pay", step: null, lane: "Actions" } as const;
const rows = [card("a1", A), card("a2", A), card("b1", B), card("a3", A)];

describe("add", () => {
  it("index null lands right after the last card of the cell", () => {
    expect(ids(applyOp(rows, { kind: "add", ...A, text: "n", index: null }, "n"))).toEqual(["a1", "a2", "b1", "a3", "n"]);
    expect(ids(applyOp(rows, { kind: "add", ...B, text: "n", index: null }, "n"))).toEqual(["a1", "a2", "b1", "n", "a3"]);
  });
  it("index i lands before the card now at position i of the cell", () => {
    expect(ids(applyOp(rows, { kind: "add", ...A, text: "n", index: 0 }, "n"))).toEqual(["n", "a1", "a2", "b1", "a3"]);
    expect(ids(applyOp(rows, { kind: "add", ...A, text: "n", index: 2 }, "n"))).toEqual(["a1", "a2", "b1", "n", "a3"]);
  });
  it("an index past the end means last; an empty cell appends to the table", () => {
    expect(ids(applyOp(rows, { kind: "add", ...A, text: "n", index: 9 }, "n"))).toEqual(["a1", "a2", "b1", "a3", "n"]);
    const empty = { stage: "Pay", step: null, lane: "Emotions" };
    expect(insertionRow(rows, empty.stage, empty.step, empty.lane, 0)).toBe(4);
  });
  it("creates a plain card with the given text and no score", () => {
    const out = applyOp(rows, { kind: "add", ...B, text: "hello", index: 0 }, "n");
    expect(out.find((c) => c.id === "n")).toEqual({ id: "n", ...B, text: "hello", score: null });
  });
  it("tells a step-less cell from a cell with a step", () => {
    const mixed = [card("s", { ...A }), card("x", { ...A, step: null })];
    expect(insertionRow(mixed, "Browse", null, "Actions", 0)).toBe(1);
    expect(insertionRow(mixed, "Browse", "Search", "Actions", 0)).toBe(0);
  });
});

describe("move", () => {
  it("index is the position in the target cell after the card left its cell", () => {
    expect(ids(applyOp(rows, { kind: "move", id: "a1", ...A, index: 2 }))).toEqual(["a2", "b1", "a3", "a1"]);
    expect(ids(applyOp(rows, { kind: "move", id: "a1", ...A, index: 1 }))).toEqual(["a2", "b1", "a1", "a3"]);
    expect(ids(applyOp(rows, { kind: "move", id: "a3", ...A, index: 0 }))).toEqual(["a3", "a1", "a2", "b1"]);
  });
  it("moves across cells and rewrites stage, step and lane", () => {
    const out = applyOp(rows, { kind: "move", id: "a2", ...B, index: 0 });
    expect(ids(out)).toEqual(["a1", "a2", "b1", "a3"]);
    expect(out[1]).toMatchObject({ id: "a2", stage: "Pay", step: null, lane: "Actions" });
    expect(ids(applyOp(rows, { kind: "move", id: "a1", ...B, index: null }))).toEqual(["a2", "b1", "a1", "a3"]);
  });
});

describe("edit and delete", () => {
  it("edit replaces one field on a new object and leaves the input alone", () => {
    const out = applyOp(rows, { kind: "edit", id: "a2", field: "text", value: "new", old: "text a2" });
    expect(out[1]!.text).toBe("new");
    expect(rows[1]!.text).toBe("text a2");
    expect(out[0]).toBe(rows[0]);
  });
  it("delete removes the card; unknown ids change nothing", () => {
    expect(ids(applyOp(rows, { kind: "delete", id: "b1" }))).toEqual(["a1", "a2", "a3"]);
    expect(applyOp(rows, { kind: "delete", id: "zz" })).toBe(rows);
    expect(applyOp(rows, { kind: "edit", id: "zz", field: "text", value: 1, old: 0 })).toBe(rows);
    expect(applyOp(rows, { kind: "move", id: "zz", ...A, index: 0 })).toBe(rows);
  });
});
