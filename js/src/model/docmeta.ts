// The map's title, persona and state set on a document the way the kernel sets them
// (protocol.py `_META`, model/meta_ops.py `SetMeta`, model/structure.py `to_persona`): the same
// checks in the same order, the same reasons, and the persona stored as `Persona.to_dict()`.
import { AVATAR_COLORS } from "../vocabulary";
import { type JourneyDoc, JourneyFileError } from "./journeyfile";
import { pyRepr } from "./pyrepr";

export const META_KINDS = ["set_title", "set_persona", "set_state"];
const PERSONA_KEYS = ["name", "goals", "description", "frustrations", "quote", "avatar"];

type Msg = Record<string, unknown>;

const fail = (message: string): never => {
  throw new JourneyFileError(message);
};

function isObject(v: unknown): v is Msg {
  return v != null && typeof v === "object" && !Array.isArray(v);
}

/** Python's truthiness for JSON values (`x or ""`). */
function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return Boolean(v);
}

function text(p: Msg, key: string): string {
  const v = p[key];
  if (v == null) return "";
  return typeof v === "string" ? v : fail(`persona ${key} must be a string, got ${pyRepr(v)}`);
}

function list(p: Msg, key: string): string[] {
  const v = p[key];
  if (v == null) return [];
  if (typeof v === "string") return v ? [v] : [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) {
    fail(`persona ${key} must be a string or a list of strings, got ${pyRepr(v)}`);
  }
  return (v as string[]).slice();
}

function avatar(v: unknown): { initials: string; color: string } | null {
  if (v == null) return null;
  const raw = typeof v === "string" ? { initials: v } : v;
  if (!isObject(raw)) return fail(`persona avatar must be initials or a dict, got ${pyRepr(v)}`);
  const initials = raw.initials;
  const color = truthy(raw.color) ? raw.color : "";
  if (typeof initials !== "string" || [...initials].length < 1 || [...initials].length > 3 || /\s/u.test(initials)) {
    fail(`avatar initials must be 1 to 3 characters without spaces, got ${pyRepr(initials ?? null)}`);
  }
  if (color !== "" && !(typeof color === "string" && AVATAR_COLORS.includes(color))) {
    fail(`avatar color must be one of ${AVATAR_COLORS.join(", ")}, got ${pyRepr(color)}`);
  }
  return { initials: initials as string, color: color as string };
}

/** `check_persona(value).to_dict()`: a validated persona as Python stores and writes it. */
export function checkPersona(value: unknown): Msg | null {
  if (value == null) return null;
  if (!isObject(value)) return fail(`persona must be a name, a dict or a Persona, got ${pyRepr(value)}`);
  const out: Msg = {};
  for (const [k, v] of Object.entries(value)) if (!PERSONA_KEYS.includes(k)) out[k] = v;
  // Python builds the Persona from name, goals, description, frustrations, quote, avatar: in that order.
  const name = text(value, "name");
  const goals = list(value, "goals");
  const description = text(value, "description");
  const frustrations = list(value, "frustrations");
  const quote = text(value, "quote");
  const av = avatar(value.avatar);
  if (!name.trim()) fail(`a persona needs a non-empty name, got ${pyRepr(name)}`);
  Object.assign(out, { name, goals, description });
  if (frustrations.length) out.frustrations = frustrations;
  if (quote) out.quote = quote;
  if (av) out.avatar = av;
  return out;
}

function str(op: Msg, key: string): string {
  const v = op[key];
  return typeof v === "string" ? v : fail(`malformed operation: ${pyRepr(key)} is ${pyRepr(v ?? null)}`);
}

/** Apply a `set_title`, `set_persona` or `set_state` message to a document (a new one). */
export function applyMetaMessage(doc: JourneyDoc, op: Msg): JourneyDoc {
  if (op.kind === "set_title") return { ...doc, title: str(op, "title") };
  if (op.kind === "set_state") {
    const state = str(op, "state");
    if (state !== "current" && state !== "future") fail(`state must be one of current, future, got ${pyRepr(state)}`);
    return { ...doc, state };
  }
  if (!("persona" in op)) fail("malformed operation: set_persona needs 'persona' (an object, or null for no persona)");
  if (op.persona != null && !isObject(op.persona)) {
    fail(`malformed operation: 'persona' is ${pyRepr(op.persona)}, expected an object or null`);
  }
  return { ...doc, persona: checkPersona(op.persona) };
}
