// Who else is on a shared map, from the Y doc's awareness: jupyter-collaboration puts each
// browser's JupyterLab identity in its state's `user` field; the map adds `journey: {card}`, the
// card whose editor that browser has open. Awareness states come from anyone, so every field is
// checked before use.
import type { Presence } from "../model/types";
import { byCodePoint } from "./repair";

/** The awareness field the map writes (docs/collaboration.md). */
export const PRESENCE_FIELD = "journey";

/** The parts of y-protocols' Awareness used here. */
export interface AwarenessLike {
  clientID: number;
  getStates(): Map<number, Record<string, unknown>>;
  getLocalState(): Record<string, unknown> | null;
  setLocalStateField(field: string, value: unknown): void;
  on(event: "change", cb: () => void): void;
  off(event: "change", cb: () => void): void;
}

const text = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

function userName(state: Record<string, unknown> | null | undefined): string | null {
  const user = state?.user;
  return user && typeof user === "object" ? text((user as Record<string, unknown>).name) : null;
}

function presenceOf(state: Record<string, unknown>): Presence | null {
  const user = state.user as Record<string, unknown>;
  const name = userName(state);
  if (!name) return null;
  const journey = state[PRESENCE_FIELD];
  const card = journey && typeof journey === "object" ? text((journey as Record<string, unknown>).card) : null;
  return { name, display_name: text(user.display_name) ?? name, color: text(user.color), card };
}

/**
 * The other people on the map, one entry per person (their `user.name`; a person in two tabs
 * shows the card of the tab that edits one), sorted by name. This browser's own user, in this
 * tab or another, is left out.
 */
export function presenceList(awareness: AwarenessLike): Presence[] {
  const own = userName(awareness.getLocalState());
  const people = new Map<string, Presence>();
  for (const [client, state] of awareness.getStates()) {
    if (client === awareness.clientID || !state || typeof state !== "object") continue;
    const found = presenceOf(state);
    if (!found || found.name === own) continue;
    const known = people.get(found.name);
    if (!known || (known.card == null && found.card != null)) people.set(found.name, found);
  }
  return [...people.values()].sort((a, b) => byCodePoint(a.name, b.name));
}

/** The presence of the others on one awareness, calling `onChange` when it changes. */
export class PresenceTracker {
  private list: Presence[];
  private key: string;

  constructor(private awareness: AwarenessLike, private onChange: () => void) {
    this.list = presenceList(awareness);
    this.key = JSON.stringify(this.list);
    awareness.on("change", this.update);
  }

  get(): readonly Presence[] {
    return this.list;
  }

  /** Tell the others which card this browser edits (null: none). */
  setEditing(card: string | null): void {
    this.awareness.setLocalStateField(PRESENCE_FIELD, { card });
  }

  dispose(): void {
    this.awareness.off("change", this.update);
  }

  private update = (): void => {
    const list = presenceList(this.awareness);
    const key = JSON.stringify(list);
    if (key === this.key) return;
    [this.list, this.key] = [list, key];
    this.onChange();
  };
}
