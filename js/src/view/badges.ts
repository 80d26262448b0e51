// What a card shows besides its text: channel, confidence, severity, owner, evidence and persona.
// Icons are CSS masks keyed by class (styles.css), so a badge costs one element and its text.
// Channel keys, confidence letters and lane tones come from the vocabulary (../vocabulary.ts).
import type { Card } from "../model/types";
import { CONFIDENCE_LETTER, channelKey } from "../vocabulary";
import { confidenceOf, evidenceCount, unbacked } from "./evidence";

/** Channel suggestions offered by the attribute editor. */
export const CHANNEL_SUGGESTIONS = [
  "Website", "Email", "Phone", "Live chat", "Mobile app", "Social media", "In-store", "Search", "Knowledge base",
];

export interface Badge {
  cls: string;
  text: string;
  /** Full text for the tooltip and for screen readers. */
  label: string;
}

function text(v: unknown): string | null {
  if (v == null) return null;
  const s = Array.isArray(v) ? v.join(", ") : String(v);
  return s.trim() ? s : null;
}

/** The badges of a card, in display order; empty when it has no attributes. */
export function badgesOf(card: Card): Badge[] {
  const out: Badge[] = [];
  const channel = text(card.channel);
  if (channel) out.push({ cls: `jw-channel jw-ch-${channelKey(channel)}`, text: channel, label: `Channel: ${channel}` });
  const conf = text(card.confidence);
  if (conf) {
    const level = confidenceOf(card);
    // A letter as well as an icon and a colour: the four levels never differ by colour alone.
    out.push({
      cls: `jw-conf jw-conf-${level ?? "other"}`, text: level ? `${CONFIDENCE_LETTER[level]} ${conf}` : conf,
      label: `Confidence: ${conf}`,
    });
  }
  const sev = text(card.severity);
  if (sev) out.push({ cls: `jw-sev jw-sev-${Math.round(Number(sev)) || 0}`, text: `Severity ${sev}`, label: `Severity ${sev} of 5` });
  const owner = text(card.owner);
  if (owner) out.push({ cls: "jw-owner", text: owner, label: `Owner: ${owner}` });
  const persona = text(card.persona);
  if (persona) out.push({ cls: "jw-persona-badge", text: persona, label: `Persona: ${persona}` });
  const evidence = text(card.evidence);
  const n = evidenceCount(card.evidence);
  if (evidence && n) out.push({ cls: "jw-evidence", text: `${n} \u00b7 ${evidence}`, label: `Evidence (${n}): ${evidence}` });
  else if (unbacked(card)) out.push({ cls: "jw-no-evidence", text: "No evidence", label: "No evidence: an assumption" });
  return out;
}

const BADGE_FIELDS = ["channel", "confidence", "severity", "owner", "persona", "evidence"] as const;

/** A key that changes whenever any badge would change ("" for a card without any). */
export function badgeKey(card: Card): string {
  let key = "";
  for (const f of BADGE_FIELDS) {
    const v = card[f];
    if (v != null && v !== "") key += `${f}\u0000${Array.isArray(v) ? v.join(", ") : String(v)}\u0000`;
  }
  return unbacked(card) ? `${key}unbacked` : key;
}

/** How many badges a card shows (cheap: for the DOM budget of every card). */
export function badgeCount(card: Card): number {
  let n = 0;
  for (const f of BADGE_FIELDS) {
    const v = card[f];
    if (v != null && String(v).trim() !== "") n++;
  }
  // The "No evidence" mark stands where the evidence badge would.
  return n + (evidenceCount(card.evidence) === 0 && unbacked(card) ? 1 : 0);
}
