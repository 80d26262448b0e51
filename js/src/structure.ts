// Structure operations applied to the state exactly as the Python model applies them, so a
// view can show a renamed, moved, added or removed stage, step or lane before the kernel answers.
import type { Card, Lane, LaneKind, Stage, Structure, StructureOp } from "./model/types";
import { isEmotionLaneName } from "./vocabulary";

export interface MapState {
  structure: Structure;
  cards: readonly Card[];
}

/** The kind Python gives a lane named without one (model/structure.py `to_lane`). */
export function guessLaneKind(name: string): LaneKind {
  return isEmotionLaneName(name) ? "emotion" : "text";
}

function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const out = items.slice();
  const [x] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(to, out.length)), 0, x as T);
  return out;
}

function inserted<T>(items: readonly T[], item: T, index: number | null): T[] {
  const out = items.slice();
  out.splice(index == null ? out.length : Math.max(0, Math.min(index, out.length)), 0, item);
  return out;
}

function withStage(s: MapState, stages: Stage[], cards = s.cards): MapState {
  return { structure: { ...s.structure, stages }, cards };
}

function withLanes(s: MapState, lanes: Lane[], cards = s.cards): MapState {
  return { structure: { ...s.structure, lanes }, cards };
}

/** A new state with `op` applied; an operation Python would refuse leaves the state as it is. */
export function applyStructureOp(s: MapState, op: StructureOp): MapState {
  const { stages, lanes } = s.structure;
  const si = (name: string) => stages.findIndex((x) => x.name === name);
  const li = (name: string) => lanes.findIndex((x) => x.name === name);
  switch (op.kind) {
    case "add_stage":
      if (si(op.name) >= 0 || !op.name.trim()) return s;
      return withStage(s, inserted(stages, { name: op.name, steps: [], description: "" }, op.index));
    case "add_lane":
      if (li(op.name) >= 0 || !op.name.trim()) return s;
      return withLanes(s, inserted(lanes, { name: op.name, kind: op.lane_kind ?? guessLaneKind(op.name) }, op.index));
    case "rename_stage": {
      const i = si(op.old);
      if (i < 0 || (op.new !== op.old && si(op.new) >= 0) || !op.new.trim()) return s;
      const out = stages.slice();
      out[i] = { ...stages[i]!, name: op.new };
      return withStage(s, out, s.cards.map((c) => (c.stage === op.old ? { ...c, stage: op.new } : c)));
    }
    case "rename_lane": {
      const i = li(op.old);
      if (i < 0 || (op.new !== op.old && li(op.new) >= 0) || !op.new.trim()) return s;
      const out = lanes.slice();
      out[i] = { ...lanes[i]!, name: op.new };
      return withLanes(s, out, s.cards.map((c) => (c.lane === op.old ? { ...c, lane: op.new } : c)));
    }
    case "move_stage": {
      const i = si(op.name);
      return i < 0 || op.index < 0 || op.index >= stages.length ? s : withStage(s, moved(stages, i, op.index));
    }
    case "move_lane": {
      const i = li(op.name);
      return i < 0 || op.index < 0 || op.index >= lanes.length ? s : withLanes(s, moved(lanes, i, op.index));
    }
    case "remove_stage": {
      const i = si(op.name);
      const hit = s.cards.some((c) => c.stage === op.name);
      if (i < 0 || (hit && !op.drop_cards)) return s;
      return withStage(s, stages.filter((_, j) => j !== i), hit ? s.cards.filter((c) => c.stage !== op.name) : s.cards);
    }
    case "remove_lane": {
      const i = li(op.name);
      const hit = s.cards.some((c) => c.lane === op.name);
      if (i < 0 || (hit && !op.drop_cards)) return s;
      return withLanes(s, lanes.filter((_, j) => j !== i), hit ? s.cards.filter((c) => c.lane !== op.name) : s.cards);
    }
    default:
      return applyStepOp(s, op, si(op.stage));
  }
}

type StepOp = Extract<StructureOp, { stage: string }>;

function applyStepOp(s: MapState, op: StepOp, i: number): MapState {
  if (i < 0) return s;
  const stage = s.structure.stages[i]!;
  const steps = stage.steps;
  const setSteps = (next: string[], cards = s.cards): MapState => {
    const stages = s.structure.stages.slice();
    stages[i] = { ...stage, steps: next };
    return withStage(s, stages, cards);
  };
  const inStep = (c: Card, step: string) => c.stage === op.stage && c.step === step;
  switch (op.kind) {
    case "add_step":
      return steps.includes(op.name) || !op.name.trim() ? s : setSteps(inserted(steps, op.name, op.index));
    case "rename_step": {
      const j = steps.indexOf(op.old);
      if (j < 0 || (op.new !== op.old && steps.includes(op.new)) || !op.new.trim()) return s;
      const next = steps.slice();
      next[j] = op.new;
      return setSteps(next, s.cards.map((c) => (inStep(c, op.old) ? { ...c, step: op.new } : c)));
    }
    case "move_step": {
      const j = steps.indexOf(op.name);
      return j < 0 || op.index < 0 || op.index >= steps.length ? s : setSteps(moved(steps, j, op.index));
    }
    case "remove_step": {
      const j = steps.indexOf(op.name);
      const hit = s.cards.some((c) => inStep(c, op.name));
      if (j < 0 || (hit && !op.drop_cards)) return s;
      return setSteps(steps.filter((x) => x !== op.name), hit ? s.cards.filter((c) => !inStep(c, op.name)) : s.cards);
    }
  }
}
