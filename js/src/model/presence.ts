// Presence over a kernel (docs/protocol.md, "Presence"): this view tells the kernel which card's
// editor it has open (`{type: "presence", view, card, user}`, refreshed while open, null when it
// closes, the view goes away or the page is hidden); the kernel broadcasts everyone's entries
// (`{type: "presence", entries}`) and this keeps them, the own user's left out.
import type { AnyModel } from "@anywidget/types";
import { currentIdentity } from "../identity";
import type { Presence } from "./types";

/** Seconds between refreshes while an editor stays open (the kernel forgets entries after 60). */
export const PRESENCE_REFRESH_MS = 20_000;

function text(v: unknown): string | null {
  return typeof v === "string" && v ? v : null;
}

/** The entries of a kernel broadcast, read defensively (text stays text). */
export function readEntries(raw: unknown): Presence[] {
  if (!Array.isArray(raw)) return [];
  const out: Presence[] = [];
  for (const e of raw as unknown[]) {
    const o = (e ?? {}) as Record<string, unknown>;
    const name = text(o.name);
    const card = text(o.card);
    if (!name || !card) continue;
    out.push({ name, display_name: text(o.display_name) ?? name, color: text(o.color), card });
  }
  return out;
}

/** Others' entries: the own user's left out, one per person (their latest). */
export function othersOf(entries: readonly Presence[], me: string | null): Presence[] {
  const byName = new Map<string, Presence>();
  for (const e of entries) if (e.name !== me) byName.set(e.name, e);
  return [...byName.values()];
}

export class KernelPresence {
  private entries: Presence[] = [];
  private listeners = new Set<() => void>();
  private editing: string | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly view = "v" + Math.random().toString(36).slice(2, 10);
  private readonly onMessage = (msg: unknown) => {
    const m = msg as { type?: unknown; entries?: unknown } | null;
    if (!m || m.type !== "presence") return;
    this.entries = readEntries(m.entries);
    for (const cb of [...this.listeners]) cb();
  };
  private readonly onHide = () => this.set(null);

  constructor(private model: AnyModel) {}

  /** Others on this map now (the own user left out). */
  get(): readonly Presence[] {
    return othersOf(this.entries, currentIdentity()?.name ?? null);
  }

  /** Listen to presence changes; the first listener joins (asks the kernel for the entries). */
  listen(cb: () => void): () => void {
    if (!this.listeners.size) {
      this.model.on("msg:custom", this.onMessage);
      globalThis.addEventListener?.("pagehide", this.onHide);
      this.send(null);
    }
    this.listeners.add(cb);
    return () => {
      if (!this.listeners.delete(cb) || this.listeners.size) return;
      this.set(null);
      this.model.off("msg:custom", this.onMessage);
      globalThis.removeEventListener?.("pagehide", this.onHide);
    };
  }

  /** Tell the kernel which card this view edits (null: none); refreshed while it stays open. */
  set(card: string | null): void {
    if (card === this.editing) return;
    this.editing = card;
    if (this.timer) clearInterval(this.timer);
    this.timer = card ? setInterval(() => this.send(this.editing), PRESENCE_REFRESH_MS) : null;
    this.send(card);
  }

  /** Only a view that knows its user takes part (outside JupyterLab there is nobody to name). */
  private send(card: string | null): void {
    const me = currentIdentity();
    if (!me) return;
    const user = { name: me.name, display_name: me.display_name || me.name, color: me.color };
    this.model.send({ type: "presence", view: this.view, card, user });
  }
}
