// The `comments` and `voting` of a version-2 `.journey.json` (docs/participation.md): checked as
// Python checks them (src/journey_widget/io/validate_participation.py, same messages and JSON
// paths) and written back as Python writes them (model/participation.py `to_dict`). The
// JupyterLab file view shows neither; it keeps them through its card edits.
import { asArray, asObject, asText, checkValue, fail, get, got, isInt, type JsonObject, keyPath } from "./jsonwalk";
import { pyRepr } from "./pyrepr";
import { keysOf } from "./strictjson";

const COMMENT_KEYS = ["id", "card", "parent", "author", "created", "text", "resolved"];
const VOTING_KEYS = ["rounds", "votes"];
const ROUND_KEYS = ["round", "lanes", "budget", "anonymous", "started", "ends", "ended"];
const VOTE_KEYS = ["round", "card", "voter", "count"];
const BUDGET = [1, 99] as const;
const TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$/;
const TIME_WORDS = 'a UTC time like "2026-12-01T10:00:00Z"';
/** The top-level keys only version 2 holds. */
export const PARTICIPATION_KEYS = ["comments", "voting"];

/** The comments and voting of a map as the file holds them (each absent when empty). */
export interface DocParticipation {
  comments?: Record<string, unknown>[];
  voting?: { rounds: Record<string, unknown>[]; votes: Record<string, unknown>[] };
}

/** The version a document with these keys is written as: 2 with comments or voting, else 1. */
export function versionFor(doc: Record<string, unknown>): 1 | 2 {
  return PARTICIPATION_KEYS.some((k) => k in doc) ? 2 : 1;
}

function only(o: JsonObject, path: string, keys: string[]): void {
  checkValue(o, path);
  const extra = keysOf(o).filter((k) => !keys.includes(k));
  if (extra.length) fail(keyPath(path, extra[0]!), `unknown key; expected only ${keys.join(", ")}`);
}

function time(value: unknown, path: string, optional: boolean): string | null {
  if (value == null && optional) return null;
  if (typeof value !== "string" || !TIME.test(value)) got(path, value, TIME_WORDS + (optional ? " or null" : ""));
  return value;
}

function whole(value: unknown, path: string, low: number, high: number | null, what: string): number {
  if (!isInt(value) || Number(value) < low || (high != null && Number(value) > high)) got(path, value, what);
  return Number(value);
}

function flag(value: unknown, path: string): boolean {
  if (typeof value !== "boolean") got(path, value, "true or false");
  return value;
}

function text(o: JsonObject, key: string, path: string): string {
  return asText(get(o, key), `${path}.${key}`, false, true)!;
}

/** Refuse `value` unless it is a valid `comments` array (validate_participation.py `check_comments`). */
export function checkComments(value: unknown): void {
  const seen = new Map<string, [string, string | null]>(); // id -> [card, parent]
  asArray(value, "comments", "an array of comment objects").forEach((item, i) => {
    const path = `comments[${i}]`;
    const c = asObject(item, path, 'a comment object {"id", "card", "text", ...}');
    only(c, path, COMMENT_KEYS);
    const id = text(c, "id", path);
    if (seen.has(id)) fail(`${path}.id`, `comment id ${pyRepr(id)} appears twice; expected unique comment ids`);
    const card = text(c, "card", path);
    const parent = asText(get(c, "parent"), `${path}.parent`);
    if (parent != null) {
      const target = seen.get(parent);
      if (!target) fail(`${path}.parent`, `${pyRepr(parent)} is not the id of an earlier comment`);
      if (target[1] != null) {
        fail(`${path}.parent`, `${pyRepr(parent)} is a reply; expected the id of the thread's first comment`);
      }
      if (target[0] !== card) {
        fail(`${path}.parent`, `${pyRepr(parent)} is a comment on card ${pyRepr(target[0])}; expected a comment ` +
          `on card ${pyRepr(card)}`);
      }
    }
    text(c, "author", path);
    time(get(c, "created"), `${path}.created`, false);
    text(c, "text", path);
    flag(get(c, "resolved"), `${path}.resolved`);
    seen.set(id, [card, parent]);
  });
}

function checkLanes(value: unknown, path: string): void {
  const lanes = asArray(value, path, "a non-empty array of lane names");
  if (!lanes.length) got(path, lanes, "a non-empty array of lane names");
  const names: string[] = [];
  lanes.forEach((lane, k) => {
    const name = asText(lane, `${path}[${k}]`, false, true)!;
    if (names.includes(name)) fail(`${path}[${k}]`, `${pyRepr(name)} appears twice; expected unique names`);
    names.push(name);
  });
}

/** Round number -> its budget. */
function checkRounds(value: unknown): Map<number, number> {
  const budgets = new Map<number, number>();
  let open: number | null = null;
  const [low, high] = BUDGET;
  asArray(value, "voting.rounds", "an array of round objects").forEach((item, i) => {
    const path = `voting.rounds[${i}]`;
    const r = asObject(item, path, 'a round object {"round", "lanes", "budget", ...}');
    only(r, path, ROUND_KEYS);
    const n = whole(get(r, "round"), `${path}.round`, 1, null, "a round number of 1 or more");
    if (budgets.has(n)) fail(`${path}.round`, `round ${n} appears twice; expected unique round numbers`);
    checkLanes(get(r, "lanes"), `${path}.lanes`);
    budgets.set(n, whole(get(r, "budget"), `${path}.budget`, low, high, `a whole number from ${low} to ${high}`));
    flag(get(r, "anonymous"), `${path}.anonymous`);
    time(get(r, "started"), `${path}.started`, false);
    time(get(r, "ends"), `${path}.ends`, true);
    if (time(get(r, "ended"), `${path}.ended`, true) == null) {
      if (open != null) fail(`${path}.ended`, `round ${open} is open too; expected at most one open round`);
      open = n;
    }
  });
  return budgets;
}

function checkVotes(value: unknown, budgets: Map<number, number>): void {
  const seen = new Set<string>();
  const used = new Map<string, number>();
  asArray(value, "voting.votes", "an array of vote objects").forEach((item, i) => {
    const path = `voting.votes[${i}]`;
    const v = asObject(item, path, 'a vote object {"round", "card", "voter", "count"}');
    only(v, path, VOTE_KEYS);
    const n = whole(get(v, "round"), `${path}.round`, 1, null, "a round number of 1 or more");
    if (!budgets.has(n)) fail(`${path}.round`, `there is no round ${n} in voting.rounds`);
    const card = text(v, "card", path);
    const voter = text(v, "voter", path);
    const count = whole(get(v, "count"), `${path}.count`, 1, null, "a whole number of 1 or more");
    const key = JSON.stringify([n, card, voter]);
    if (seen.has(key)) {
      fail(path, `voter ${pyRepr(voter)} has two votes on card ${pyRepr(card)} in round ${n}; expected ` +
        "one vote per round, card and voter");
    }
    seen.add(key);
    const spent = JSON.stringify([n, voter]);
    const total = (used.get(spent) ?? 0) + count;
    if (total > budgets.get(n)!) {
      fail(`${path}.count`, `voter ${pyRepr(voter)} has ${total} dots in round ${n}; expected at most its ` +
        `budget of ${budgets.get(n)!}`);
    }
    used.set(spent, total);
  });
}

/** Refuse `value` unless it is a valid `voting` object (validate_participation.py `check_voting`). */
export function checkVoting(value: unknown): void {
  const voting = asObject(value, "voting", 'an object {"rounds", "votes"}');
  only(voting, "voting", VOTING_KEYS);
  const budgets = checkRounds("rounds" in voting ? get(voting, "rounds") : []);
  checkVotes("votes" in voting ? get(voting, "votes") : [], budgets);
}

/** Check `comments` and `voting` of a document of `version` (validate.py `_check_participation`). */
export function checkParticipation(doc: JsonObject, version: number): void {
  for (const key of PARTICIPATION_KEYS) {
    if (key in doc && version < 2) fail(key, `${key} needs format version 2; expected "version": 2`);
  }
  if (get(doc, "comments") != null) checkComments(doc.comments);
  if (get(doc, "voting") != null) checkVoting(doc.voting);
}

function objects(v: unknown): Record<string, unknown>[] {
  return (Array.isArray(v) ? v : []).map((o) => (o && typeof o === "object" ? (o as Record<string, unknown>) : {}));
}

/** The participation of a checked (plain) document, as the file view keeps it. */
export function readParticipation(doc: Record<string, unknown>): DocParticipation {
  const out: DocParticipation = {};
  if (Array.isArray(doc.comments)) out.comments = objects(doc.comments);
  if (doc.voting && typeof doc.voting === "object") {
    const v = doc.voting as Record<string, unknown>;
    out.voting = { rounds: objects(v.rounds), votes: objects(v.votes) };
  }
  return out;
}

const orNull = (v: unknown): unknown => (v === undefined ? null : v);

/** `comments` and `voting` as Python writes them (`Participation.to_dict`): each only when not empty. */
export function participationJson(p: DocParticipation): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (p.comments?.length) {
    out.comments = p.comments.map((c) => ({
      id: c.id, card: c.card, parent: orNull(c.parent), author: c.author, created: c.created, text: c.text,
      resolved: Boolean(c.resolved),
    }));
  }
  const rounds = p.voting?.rounds ?? [];
  const votes = p.voting?.votes ?? [];
  if (rounds.length || votes.length) {
    out.voting = {
      rounds: rounds.map((r) => ({
        round: r.round, lanes: [...(r.lanes as unknown[])], budget: r.budget, anonymous: Boolean(r.anonymous),
        started: r.started, ends: orNull(r.ends), ended: orNull(r.ended),
      })),
      votes: votes.map((v) => ({ round: v.round, card: v.card, voter: v.voter, count: v.count })),
    };
  }
  return out;
}

/** `p` with lane `old` renamed `name` in every round (a lane rename in the file view). */
export function renameRoundLane(p: DocParticipation, old: string, name: string): DocParticipation["voting"] {
  if (!p.voting) return p.voting;
  const rounds = p.voting.rounds.map((r) => Array.isArray(r.lanes) && r.lanes.includes(old)
    ? { ...r, lanes: r.lanes.map((l: unknown) => (l === old ? name : l)) }
    : r);
  return { ...p.voting, rounds };
}
