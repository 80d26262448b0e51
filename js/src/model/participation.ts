// Comments and dot voting from a kernel (docs/protocol.md, "Comments and dot voting"): the
// `participation` trait read defensively, and this view's own dots. The kernel sends each view
// its voter's dots in a `dots` message carrying the view's id; every view receives every custom
// message of the widget, so a view keeps the one addressed to it and drops the others unread:
// another person's hidden dots never reach its state or its DOM.
import type { AnyModel } from "@anywidget/types";
import type { Comment, OwnDots, Participation, VoteTotal, VotingRound } from "./types";

export const EMPTY_PARTICIPATION: Participation = { comments: [], rounds: [], totals: [] };

function str(v: unknown): string {
  return typeof v === "string" ? v : v == null ? "" : String(v);
}

function strOrNull(v: unknown): string | null {
  return typeof v === "string" && v ? v : null;
}

function num(v: unknown): number {
  const n = Number(v);
  return Number.isFinite(n) ? n : 0;
}

function list(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === "object") : [];
}

function comment(o: Record<string, unknown>): Comment {
  return {
    id: str(o.id), card: str(o.card), parent: strOrNull(o.parent), author: str(o.author),
    created: str(o.created), text: str(o.text), resolved: o.resolved === true,
  };
}

function round(o: Record<string, unknown>): VotingRound {
  return {
    round: num(o.round), lanes: Array.isArray(o.lanes) ? o.lanes.map(str) : [], budget: num(o.budget),
    anonymous: o.anonymous !== false, started: str(o.started), ends: strOrNull(o.ends), ended: strOrNull(o.ended),
  };
}

/** The `participation` trait as typed data (text stays text; anything odd becomes empty). */
export function readParticipation(raw: unknown): Participation {
  if (!raw || typeof raw !== "object") return EMPTY_PARTICIPATION;
  const r = raw as Record<string, unknown>;
  return {
    comments: list(r.comments).map(comment),
    rounds: list(r.rounds).map(round),
    totals: list(r.totals).map((o): VoteTotal => ({ round: num(o.round), card: str(o.card), votes: num(o.votes) })),
  };
}

/** The own dots of a `dots` message addressed to `view`, or null for any other message. */
export function readDots(msg: unknown, view: string): OwnDots | null {
  const m = msg as Record<string, unknown> | null;
  if (!m || m.type !== "dots" || m.view !== view || typeof m.voter !== "string") return null;
  const cards: Record<string, number> = {};
  if (m.cards && typeof m.cards === "object") {
    for (const [id, n] of Object.entries(m.cards as Record<string, unknown>)) {
      if (num(n) > 0) cards[id] = num(n);
    }
  }
  return { voter: m.voter, round: m.round == null ? null : num(m.round), cards, used: num(m.used) };
}

/** This view's voter and dots over a kernel: `{type: "dots", view, voter}` out, dots back. */
export class KernelDots {
  private dots: OwnDots | null = null;
  private voter: string | null = null;
  private listeners = new Set<() => void>();
  private readonly onMessage = (msg: unknown) => {
    const d = readDots(msg, this.view);
    if (!d || d.voter !== this.voter) return;
    this.dots = d;
    for (const cb of [...this.listeners]) cb();
  };

  constructor(private model: AnyModel, readonly view: string) {}

  get(): OwnDots | null {
    return this.dots;
  }

  /** Who votes from this view (null: nobody); asks the kernel for their dots. */
  setVoter(voter: string | null): void {
    if (voter === this.voter) {
      if (voter) this.model.send({ type: "dots", view: this.view, voter });
      return;
    }
    this.voter = voter;
    this.dots = null;
    this.model.send({ type: "dots", view: this.view, voter });
    for (const cb of [...this.listeners]) cb();
  }

  listen(cb: () => void): () => void {
    if (!this.listeners.size) this.model.on("msg:custom", this.onMessage);
    this.listeners.add(cb);
    return () => {
      if (!this.listeners.delete(cb) || this.listeners.size) return;
      this.model.off("msg:custom", this.onMessage);
      if (this.voter) this.model.send({ type: "dots", view: this.view, voter: null });
    };
  }
}
