// What comments and dot voting add to a card (docs/protocol.md, "Comments and dot voting"): a
// comment count badge that opens the card's threads, and while a round is open in the card's
// lane the vote button, this view's own dots and a button taking one back; after a reveal the
// card's total. One small row per card that has any of them, rebuilt only when its key changes.
import type { Comment, OwnDots, Participation, VotingRound } from "../model/types";
import { h, toggleAttr } from "./h";

/** What one card's marks show. */
export interface CardMarks {
  comments: number;
  unresolved: number;
  /** Voting is open on this card's lane (for this view: not read-only). */
  votable: boolean;
  dots: number;
  /** The card's total in the last revealed round, or null (none, or a round is open). */
  votes: number | null;
}

/** The round open now, or null. */
export function openRound(p: Participation): VotingRound | null {
  return p.rounds.find((r) => r.ended == null) ?? null;
}

/** The last revealed round, or null. */
export function lastRevealed(p: Participation): VotingRound | null {
  let last: VotingRound | null = null;
  for (const r of p.rounds) if (r.ended != null && (!last || r.round > last.round)) last = r;
  return last;
}

/** True when `lane` is voted on in `round` (no lanes listed: every lane). */
export function inRound(round: VotingRound, lane: string): boolean {
  return !round.lanes.length || round.lanes.includes(lane);
}

/** Threads (first comments) of a card and their replies, in order. */
export function threadsOf(comments: readonly Comment[], card: string): Array<{ root: Comment; replies: Comment[] }> {
  const out: Array<{ root: Comment; replies: Comment[] }> = [];
  const byId = new Map<string, { root: Comment; replies: Comment[] }>();
  for (const c of comments) {
    if (c.card !== card) continue;
    const thread = c.parent ? byId.get(c.parent) : undefined;
    if (thread) thread.replies.push(c);
    else {
      const t = { root: c, replies: [] as Comment[] };
      byId.set(c.id, t);
      out.push(t);
    }
  }
  return out;
}

/** The marks of every card that has any, by card id. */
export function marksByCard(
  p: Participation, dots: OwnDots | null, lanes: ReadonlyMap<string, string>, canVote: boolean,
): Map<string, CardMarks> {
  const out = new Map<string, CardMarks>();
  const get = (id: string) => {
    let m = out.get(id);
    if (!m) out.set(id, (m = { comments: 0, unresolved: 0, votable: false, dots: 0, votes: null }));
    return m;
  };
  const resolved = new Map(p.comments.filter((c) => !c.parent).map((c) => [c.id, c.resolved]));
  for (const c of p.comments) {
    const m = get(c.card);
    m.comments++;
    if (!(resolved.get(c.parent ?? c.id) ?? c.resolved)) m.unresolved++;
  }
  const open = openRound(p);
  if (open) {
    for (const [id, lane] of lanes) {
      if (canVote && inRound(open, lane)) get(id).votable = true;
    }
    if (dots && dots.round === open.round) for (const [id, n] of Object.entries(dots.cards)) if (n > 0) get(id).dots = n;
  } else {
    const last = lastRevealed(p);
    for (const t of p.totals) if (last && t.round === last.round && t.votes > 0 && lanes.has(t.card)) get(t.card).votes = t.votes;
  }
  for (const [id, m] of out) if (!m.comments && !m.votable && !m.dots && m.votes == null) out.delete(id);
  return out;
}

function key(m: CardMarks | undefined): string {
  return m ? `${m.comments}/${m.unresolved}/${m.votable}/${m.dots}/${m.votes}` : "";
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The row of marks for one card (null: none). */
export function buildMarks(id: string, m: CardMarks): HTMLElement {
  const parts: HTMLElement[] = [];
  if (m.comments) {
    const open = m.unresolved ? `, ${m.unresolved} unresolved` : ", all resolved";
    const badge = h("button", {
      type: "button", class: `jw-comments ${m.unresolved ? "jw-unresolved" : "jw-resolved"}`,
      "data-jw-comments": m.comments, "data-jw-open-comments": id, "aria-label": `${plural(m.comments, "comment")}${open}: open`,
      title: `${plural(m.comments, "comment")}${open} (C)`,
    }, String(m.comments));
    toggleAttr(badge, "data-jw-unresolved", m.unresolved ? String(m.unresolved) : false);
    parts.push(badge);
  }
  if (m.votes != null) {
    parts.push(h("span", { class: "jw-votes", "data-jw-votes": m.votes, title: plural(m.votes, "vote") }, `\u25cf ${m.votes}`));
  }
  if (m.dots) {
    parts.push(h("span", {
      class: "jw-dots", "data-jw-dots": m.dots, role: "img", "aria-label": `Your dots: ${m.dots}`, title: `Your dots: ${m.dots}`,
    }, "\u25cf".repeat(Math.min(m.dots, 10))));
  }
  if (m.votable) {
    if (m.dots) {
      parts.push(h("button", {
        type: "button", class: "jw-unvote", "data-jw-unvote": id, "aria-label": "Take one dot back", title: "Take one dot back",
      }, "\u2212"));
    }
    parts.push(h("button", {
      type: "button", class: "jw-vote", "data-jw-vote": id, "aria-label": "Add a dot (Shift: take one back)",
      title: "Add a dot (Shift+click takes one back)",
    }, "+\u25cf"));
  }
  const row = h("div", { class: "jw-marks", "data-jw-marks": true }, parts);
  // A quick second click on a vote button is not a double-click on the card (which edits it).
  row.addEventListener("dblclick", (e) => e.stopPropagation());
  return row;
}

/** Put each shown card's marks in step with `marks`; returns the elements they cost. */
export function syncMarks(
  cards: ReadonlyMap<string, { el: HTMLElement }>, marks: ReadonlyMap<string, CardMarks>, shown: Map<string, string>,
): number {
  let nodes = 0;
  for (const [id, v] of cards) {
    const m = marks.get(id);
    const k = key(m);
    const row = v.el.querySelector(":scope > [data-jw-marks]");
    if (m) nodes += 1 + (m.comments ? 1 : 0) + (m.votes != null ? 1 : 0) + (m.dots ? 1 : 0) + (m.votable ? (m.dots ? 2 : 1) : 0);
    if (shown.get(id) === k && (row != null) === (m != null)) continue;
    row?.remove();
    if (m) v.el.insertBefore(buildMarks(id, m), v.el.querySelector(":scope > [data-jw-delete]"));
    if (k) shown.set(id, k);
    else shown.delete(id);
  }
  for (const id of [...shown.keys()]) if (!cards.has(id)) shown.delete(id);
  return nodes;
}
