import { describe, expect, it } from "vitest";
import { cellKey, deriveColumns } from "../src/columns";
import { card, structure } from "./fake";

describe("deriveColumns", () => {
  const st = structure();
  it("one column per step, one for a stage without steps", () => {
    expect(deriveColumns(st, [])).toEqual([
      { stage: "Browse", step: "Search" },
      { stage: "Browse", step: "Compare" },
      { stage: "Pay", step: null },
    ]);
  });
  it("a stage with steps gets a leading step-less column only when one of its cards has no step", () => {
    expect(deriveColumns(st, [card("x", { stage: "Browse", step: null })])).toEqual([
      { stage: "Browse", step: null },
      { stage: "Browse", step: "Search" },
      { stage: "Browse", step: "Compare" },
      { stage: "Pay", step: null },
    ]);
    // A step-less card of another stage does not add one here.
    expect(deriveColumns(st, [card("y", { stage: "Pay", step: null })])).toHaveLength(3);
  });
  it("keeps stage order", () => {
    const rev = structure({ stages: [{ name: "Z", steps: [] }, { name: "A", steps: ["1"] }] });
    expect(deriveColumns(rev, []).map((c) => c.stage)).toEqual(["Z", "A"]);
  });
});

describe("cellKey", () => {
  it("is exact: no step differs from a step called 'null' or ''", () => {
    const keys = new Set([cellKey("a", null, "l"), cellKey("a", "null", "l"), cellKey("a", "", "l"), cellKey("a,", null, "l")]);
    expect(keys.size).toBe(4);
  });
});
