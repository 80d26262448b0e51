// Defensive readers for state that comes from outside (traits, a document file).
import type { Card, Lane, LaneKind, Scale, Stage, Structure } from "./types";

const KINDS: readonly LaneKind[] = ["text", "emotion", "metric"];

function str(v: unknown, fallback = ""): string {
  return typeof v === "string" ? v : v == null ? fallback : String(v);
}

function num(v: unknown, fallback: number): number {
  return typeof v === "number" && Number.isFinite(v) ? v : fallback;
}

function stage(v: unknown): Stage {
  const o = (v ?? {}) as Record<string, unknown>;
  const steps = Array.isArray(o.steps) ? o.steps.map((s) => str(s)) : [];
  return { name: str(o.name), steps, description: str(o.description) };
}

function lane(v: unknown): Lane {
  const o = (v ?? {}) as Record<string, unknown>;
  const kind = KINDS.includes(o.kind as LaneKind) ? (o.kind as LaneKind) : "text";
  return typeof o.prompt === "string" && o.prompt ? { name: str(o.name), kind, prompt: o.prompt } : { name: str(o.name), kind };
}

function scale(v: unknown): Scale {
  const o = (v ?? {}) as Record<string, unknown>;
  const min = num(o.min, -2);
  const max = num(o.max, 2);
  const step = num(o.step, 1);
  return max > min ? { min, max, step: step > 0 ? step : 1 } : { min: -2, max: 2, step: 1 };
}

export function normalizeStructure(v: unknown): Structure {
  const o = (v ?? {}) as Record<string, unknown>;
  const p = o.persona as Record<string, unknown> | null | undefined;
  return {
    title: str(o.title),
    persona: p && typeof p === "object" ? { ...p, name: str(p.name) } : null,
    state: str(o.state, "current"),
    stages: Array.isArray(o.stages) ? o.stages.map(stage) : [],
    lanes: Array.isArray(o.lanes) ? o.lanes.map(lane) : [],
    scale: scale(o.scale),
  };
}

export function normalizeCards(v: unknown): Card[] {
  if (!Array.isArray(v)) return [];
  return v.map((c: Record<string, unknown>) => ({
    ...c,
    id: str(c.id),
    stage: str(c.stage),
    step: c.step == null ? null : str(c.step),
    lane: str(c.lane),
    text: str(c.text),
    score: typeof c.score === "number" && Number.isFinite(c.score) ? c.score : null,
  }));
}
