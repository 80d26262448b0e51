import { describe, expect, it } from "vitest";
import { applyToState, opCardIds } from "../src/apply";
import type { StructureOp } from "../src/model/types";
import { applyStructureOp, guessLaneKind, type MapState } from "../src/structure";
import { card, makeStructure } from "./fake";

function state(): MapState {
  return {
    structure: makeStructure(),
    cards: [
      card("a"), card("b", { step: "Compare" }), card("n", { step: null }),
      card("e", { lane: "Emotions", score: 1 }), card("p", { stage: "Pay", step: null }),
    ],
  };
}

const names = (s: MapState) => ({
  stages: s.structure.stages.map((x) => `${x.name}[${x.steps.join(",")}]`),
  lanes: s.structure.lanes.map((x) => `${x.name}:${x.kind}`),
});

describe("structure ops applied in the browser", () => {
  it("adds stages and lanes where asked, guessing an emotion lane from its name", () => {
    let s = applyStructureOp(state(), { kind: "add_stage", name: "Review", index: 1 });
    s = applyStructureOp(s, { kind: "add_lane", name: "Feelings", lane_kind: null, index: null });
    s = applyStructureOp(s, { kind: "add_lane", name: "NPS", lane_kind: "metric", index: 0 });
    expect(names(s)).toEqual({
      stages: ["Browse[Search,Compare]", "Review[]", "Pay[]"],
      lanes: ["NPS:metric", "Actions:text", "Emotions:emotion", "Feelings:emotion"],
    });
    expect(guessLaneKind("Customer mood")).toBe("emotion");
    expect(guessLaneKind("Pain points")).toBe("text");
  });

  it("renames on the map and on its cards", () => {
    let s = applyStructureOp(state(), { kind: "rename_stage", old: "Browse", new: "Search" });
    s = applyStructureOp(s, { kind: "rename_lane", old: "Actions", new: "Doing" });
    s = applyStructureOp(s, { kind: "rename_step", stage: "Search", old: "Compare", new: "Weigh" });
    expect(names(s).stages).toEqual(["Search[Search,Weigh]", "Pay[]"]);
    expect(s.cards.map((c) => `${c.id}:${c.stage}/${c.step}/${c.lane}`)).toEqual([
      "a:Search/Search/Doing", "b:Search/Weigh/Doing", "n:Search/null/Doing",
      "e:Search/Search/Emotions", "p:Pay/null/Doing",
    ]);
  });

  it("moves stages, lanes and steps", () => {
    let s = applyStructureOp(state(), { kind: "move_stage", name: "Pay", index: 0 });
    s = applyStructureOp(s, { kind: "move_lane", name: "Actions", index: 1 });
    s = applyStructureOp(s, { kind: "move_step", stage: "Browse", name: "Compare", index: 0 });
    expect(names(s)).toEqual({ stages: ["Pay[]", "Browse[Compare,Search]"], lanes: ["Emotions:emotion", "Actions:text"] });
  });

  it("removes with the cards only when told to, like Python", () => {
    const s0 = state();
    expect(applyStructureOp(s0, { kind: "remove_stage", name: "Browse", drop_cards: false })).toBe(s0);
    const s = applyStructureOp(s0, { kind: "remove_stage", name: "Browse", drop_cards: true });
    expect(s.cards.map((c) => c.id)).toEqual(["p"]);
    const t = applyStructureOp(s0, { kind: "remove_step", stage: "Browse", name: "Compare", drop_cards: true });
    expect(names(t).stages[0]).toBe("Browse[Search]");
    expect(t.cards.map((c) => c.id)).toEqual(["a", "n", "e", "p"]);
    const empty = applyStructureOp(s0, { kind: "add_lane", name: "Empty", lane_kind: "text", index: null });
    expect(names(applyStructureOp(empty, { kind: "remove_lane", name: "Empty", drop_cards: false })).lanes).toHaveLength(2);
  });

  it("leaves the state alone for what Python would refuse", () => {
    const s0 = state();
    const refused: StructureOp[] = [
      { kind: "add_stage", name: "Pay", index: null },
      { kind: "add_stage", name: "  ", index: null },
      { kind: "rename_stage", old: "Nope", new: "X" },
      { kind: "rename_lane", old: "Actions", new: "Emotions" },
      { kind: "move_stage", name: "Pay", index: 5 },
      { kind: "move_lane", name: "Nope", index: 0 },
      { kind: "add_step", stage: "Nope", name: "x", index: null },
      { kind: "add_step", stage: "Browse", name: "Search", index: null },
      { kind: "rename_step", stage: "Browse", old: "Search", new: "Compare" },
      { kind: "remove_step", stage: "Browse", name: "Search", drop_cards: false },
    ];
    for (const op of refused) expect(applyStructureOp(s0, op)).toBe(s0);
  });

  it("applyToState routes every kind, and undo changes nothing locally", () => {
    const s0 = state();
    expect(applyToState(s0, { kind: "undo" })).toBe(s0);
    const s = applyToState(s0, { kind: "batch", ops: [
      { kind: "edit", id: "a", field: "owner", value: "Ana", old: null },
      { kind: "delete", id: "p" },
    ] });
    expect(s.cards.map((c) => c.id)).toEqual(["a", "b", "n", "e"]);
    expect(s.cards[0]!.owner).toBe("Ana");
    expect(opCardIds({ kind: "batch", ops: [{ kind: "delete", id: "p" }, { kind: "edit", id: "a", field: "x", value: 1, old: 0 }] })).toEqual(["p", "a"]);
  });
});
