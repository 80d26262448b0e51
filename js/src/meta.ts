// The map's title, persona and state: applied optimistically the way the Python model applies
// SetMeta (model/meta_ops.py), so a view shows an edit before the kernel answers.
import type { MetaOp, Op, Persona } from "./model/types";
import type { MapState } from "./structure";

export function isMetaOp(op: Op): op is MetaOp {
  return op.kind === "set_title" || op.kind === "set_persona" || op.kind === "set_state";
}

/** A new state with `op` applied; a value Python would refuse leaves the state as it is. */
export function applyMetaOp(s: MapState, op: MetaOp): MapState {
  switch (op.kind) {
    case "set_title":
      return typeof op.title === "string" ? { structure: { ...s.structure, title: op.title }, cards: s.cards } : s;
    case "set_state":
      return op.state === "current" || op.state === "future" ? { structure: { ...s.structure, state: op.state }, cards: s.cards } : s;
    case "set_persona":
      if (op.persona != null && !String(op.persona.name ?? "").trim()) return s;
      return { structure: { ...s.structure, persona: op.persona }, cards: s.cards };
  }
}

/** The persona's lines (goals, frustrations) as a list, whether given as a list or one string. */
export function personaList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x));
  return typeof v === "string" && v ? [v] : [];
}

/** The persona as a short text: what the error banner shows when an edit of it was refused. */
export function describePersona(p: Persona | null): string {
  if (!p) return "(no persona)";
  const goals = personaList(p.goals);
  const frustrations = personaList(p.frustrations);
  return [
    p.name || "(no name)",
    goals.length ? `Goals: ${goals.join("; ")}` : "",
    frustrations.length ? `Frustrations: ${frustrations.join("; ")}` : "",
    p.quote ? `Quote: ${String(p.quote)}` : "",
    p.description ? `Description: ${String(p.description)}` : "",
  ].filter(Boolean).join("\n");
}
