// The compare view's data: the card changes (jw.diff) and emotion change (jw.emotion_change)
// from the CompareView traits, read defensively, and what each changed card's label says.
// Pure logic; no DOM. The label words come from Python (compare_html.change_label), so the
// widget and the static HTML say the same.

export type ChangeKind = "added" | "removed" | "moved" | "edited";
export type Side = "before" | "after";

export const KINDS: readonly ChangeKind[] = ["added", "removed", "moved", "edited"];
export const ICONS: Record<ChangeKind, string> = { added: "+", removed: "\u00d7", moved: "\u2192", edited: "\u270e" };
export const TITLES: Record<ChangeKind, string> = { added: "Added", removed: "Removed", moved: "Moved", edited: "Edited" };

interface Place {
  stage: string | null;
  step: string | null;
  lane: string | null;
  text: string | null;
}

/** One row of jw.diff(before, after). */
export interface Change {
  id: string;
  change: ChangeKind;
  before: Place;
  after: Place;
  /** The other columns that differ, comma-separated ("text, score"); "" when none. */
  fields: string;
  /** What the card's label says in each map ("Moved from Pay, Actions"), worded by Python. */
  labels: Record<Side, string>;
}

/** One row of jw.emotion_change(before, after); numbers are null where a map has no score. */
export interface EmotionRow {
  stage: string;
  persona: string | null;
  hasPersona: boolean;
  before: number | null;
  after: number | null;
  change: number | null;
}

/** How a card is marked in one map. */
export interface Mark {
  kind: ChangeKind;
  label: string;
}

function str(v: unknown): string | null {
  return v == null ? null : String(v);
}

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function place(o: Record<string, unknown>, side: Side): Place {
  return { stage: str(o[`stage_${side}`]), step: str(o[`step_${side}`]), lane: str(o[`lane_${side}`]), text: str(o[`text_${side}`]) };
}

export function normalizeChanges(v: unknown): Change[] {
  if (!Array.isArray(v)) return [];
  const out: Change[] = [];
  for (const raw of v) {
    const o = (raw ?? {}) as Record<string, unknown>;
    const kind = o.change as ChangeKind;
    if (!KINDS.includes(kind) || o.id == null) continue;
    const labels = { before: str(o.label_before) ?? TITLES[kind], after: str(o.label_after) ?? TITLES[kind] };
    out.push({ id: String(o.id), change: kind, before: place(o, "before"), after: place(o, "after"), fields: str(o.fields) ?? "", labels });
  }
  return out;
}

export function normalizeEmotion(v: unknown): EmotionRow[] {
  if (!Array.isArray(v)) return [];
  return v.map((raw) => {
    const o = (raw ?? {}) as Record<string, unknown>;
    return {
      stage: str(o.stage) ?? "", persona: str(o.persona), hasPersona: "persona" in o,
      before: num(o.before), after: num(o.after), change: num(o.change),
    };
  });
}

export function countChanges(changes: readonly Change[]): Record<ChangeKind, number> {
  const counts = { added: 0, removed: 0, moved: 0, edited: 0 };
  for (const c of changes) counts[c.change]++;
  return counts;
}

/** What a changed card's label says in the before or the after map. */
export function changeLabel(c: Change, side: Side): string {
  return c.labels[side];
}

/** The side a change's card is shown on first: removed cards live only in the before map. */
export function homeSide(c: Change): Side {
  return c.change === "removed" ? "before" : "after";
}

/** The cards marked in one map: removed ones only before, added ones only after. */
export function marksFor(changes: readonly Change[], side: Side): Map<string, Mark> {
  const hidden: ChangeKind = side === "before" ? "added" : "removed";
  const out = new Map<string, Mark>();
  for (const c of changes) if (c.change !== hidden) out.set(c.id, { kind: c.change, label: changeLabel(c, side) });
  return out;
}

/** A signed number with one decimal ("+1.5", "-2.0", "0.0"); an en dash when missing. */
export function signed(n: number | null): string {
  if (n == null) return "\u2013";
  const r = Math.round(n * 10) / 10;
  return `${r > 0 ? "+" : ""}${r.toFixed(1)}`;
}
