// The map's columns: one per stage without steps; one per step of a stage with steps,
// preceded by a (stage, null) column only when some card of that stage has no step.
import type { Card, Structure } from "./model/types";

export interface Column {
  stage: string;
  step: string | null;
}

export function deriveColumns(structure: Structure, cards: readonly Card[]): Column[] {
  const stepless = new Set<string>();
  for (const c of cards) if (c.step == null) stepless.add(c.stage);
  const cols: Column[] = [];
  for (const s of structure.stages) {
    if (!s.steps.length || stepless.has(s.name)) cols.push({ stage: s.name, step: null });
    for (const step of s.steps) cols.push({ stage: s.name, step });
  }
  return cols;
}

/** A key naming one cell, exact for any stage, step (or none) and lane names (length-prefixed). */
export function cellKey(stage: string, step: string | null, lane: string): string {
  return `${stage.length}:${stage}|${step == null ? "-" : `${step.length}:${step}`}|${lane}`;
}
