// Optimistic state: the source's state with this view's unacknowledged operations on top.
// Pure logic; no DOM.
import { applyToState, opCardIds } from "./apply";
import { describePersona } from "./meta";
import { EMPTY_PARTICIPATION } from "./model/participation";
import { NO_STAGE_METRICS, type StageMetrics } from "./model/stagemetrics";
import type { Card, FileStatus, MapModel, Op, OwnDots, Participation, Presence, Reply, Structure } from "./model/types";
import type { MapState } from "./structure";

export interface LastError {
  reason: string;
  /** What the user had typed, so nothing is silently lost; null when nothing was typed. */
  typed: string | null;
}

export type StoreEvent =
  | { type: "change" }
  | { type: "ack"; opId: string; op: Op; id: string | null; tempId: string | null; changed: boolean }
  | { type: "reject"; opId: string; op: Op; reason: string };

interface Pending {
  opId: string;
  op: Op;
  /** The id the optimistic card of an `add` carries until the ack names the real one. */
  tempId: string | null;
  seq: number;
  /**
   * Set by the ack: the revision that holds the result and the id of an added card. The op stays
   * applied on top until the source's state reaches that revision: Python answers before it
   * publishes the state (docs/protocol.md), and hosts may deserialize state asynchronously.
   */
  acked: { revision: number; id: string | null } | null;
}

/** A short random prefix, so op ids from several views of one model never collide. */
export function randomPrefix(): string {
  return "v" + Math.random().toString(36).slice(2, 8);
}

function shown(v: unknown): string {
  return v == null || v === "" ? "(empty)" : String(v);
}

/** The value of an operation the user typed, as shown in the error banner. */
export function typedValue(op: Op): string | null {
  switch (op.kind) {
    case "add":
      return op.text;
    case "edit":
      return shown(op.value);
    case "batch": {
      const parts = op.ops.map((o) => (o.kind !== "edit" ? null : o.field === "text" ? shown(o.value) : `${o.field}: ${shown(o.value)}`));
      const typed = parts.filter((p): p is string => p != null);
      return typed.length ? typed.join("\n") : null;
    }
    case "add_stage":
    case "add_lane":
    case "add_step":
      return op.name;
    case "rename_stage":
    case "rename_lane":
    case "rename_step":
      return op.new;
    case "set_title":
      return shown(op.title);
    case "set_persona":
      return describePersona(op.persona);
    case "add_comment":
      return op.text;
    default:
      return null;
  }
}

export class Store {
  error: LastError | null = null;
  private pending: Pending[] = [];
  private aliases = new Map<string, string>();
  private listeners = new Set<(e: StoreEvent) => void>();
  private seq = 0;
  /** The error stays until an operation proposed after it succeeds (or it is dismissed). */
  private errorSeq = 0;
  private cache: { structure: Structure; cards: readonly Card[]; version: number; state: MapState } | null = null;
  private version = 0;
  private unsubscribe: Array<() => void>;
  private locked = false;

  constructor(private model: MapModel, readonly prefix: string = randomPrefix()) {
    this.unsubscribe = [
      model.onChange(() => {
        this.settle();
        this.emit({ type: "change" });
      }),
      model.onReply((r) => this.reply(r)),
    ];
  }

  /** The state as this view shows it: the source's state plus pending operations. */
  state(): MapState {
    const structure = this.model.getStructure();
    const cards = this.model.getCards();
    const c = this.cache;
    if (c && c.structure === structure && c.cards === cards && c.version === this.version) return c.state;
    let state: MapState = { structure, cards };
    for (const p of this.pending) state = applyToState(state, p.op, p.acked?.id ?? p.tempId ?? "");
    this.cache = { structure, cards, version: this.version, state };
    return state;
  }

  structure(): Structure {
    return this.state().structure;
  }

  cards(): readonly Card[] {
    return this.state().cards;
  }

  revision(): number {
    return this.model.getRevision();
  }

  /** The bound file's status (`jw.open`), or null for a map not bound to a file. */
  fileStatus(): FileStatus | null {
    return this.model.getFileStatus?.() ?? null;
  }

  readOnly(): boolean {
    return this.locked || this.model.isReadOnly();
  }

  /** Who else edits which card (real-time collaboration); none where the source has no presence. */
  presence(): readonly Presence[] {
    return this.model.getPresence?.() ?? [];
  }

  /** Tell the source which card this view's user is editing (null: none), where it keeps presence. */
  setEditing(card: string | null): void {
    this.model.setEditing?.(card);
  }

  /** Comments, voting rounds and revealed totals; empty where the source has none. */
  participation(): Participation {
    return this.model.getParticipation?.() ?? EMPTY_PARTICIPATION;
  }

  /** What the stage headers and the caption show of the metrics; none where the source has none. */
  stageMetrics(): StageMetrics {
    return this.model.getStageMetrics?.() ?? NO_STAGE_METRICS;
  }

  /** True where the source keeps comments and votes (a kernel). */
  hasParticipation(): boolean {
    return typeof this.model.getParticipation === "function";
  }

  /** This view's own dots in the open round (null until known), pending votes counted in. */
  dots(): OwnDots | null {
    const d = this.model.getDots?.() ?? null;
    if (!d) return null;
    const cards = { ...d.cards };
    let used = d.used;
    for (const p of this.pending) {
      if (p.acked || p.op.kind !== "vote" || p.op.voter !== d.voter) continue;
      cards[p.op.card] = Math.max(0, (cards[p.op.card] ?? 0) + p.op.count);
      used = Math.max(0, used + p.op.count);
    }
    return { ...d, cards, used };
  }

  /** Who votes from this view (null: nobody): the source answers with their dots. */
  setVoter(voter: string | null): void {
    this.model.setVoter?.(voter);
  }

  /** Read-only for this view only (presentation mode): nothing is proposed, the source is untouched. */
  lock(on: boolean): void {
    if (this.locked === on) return;
    this.locked = on;
    this.emit({ type: "change" });
  }

  /**
   * Ids of the cards with an unacknowledged operation (temporary ids for pending adds). An
   * acknowledged op is done (Python holds it) even while its state is still on the way.
   */
  pendingIds(): Set<string> {
    const ids = new Set<string>();
    for (const p of this.pending) {
      if (p.acked) continue;
      if (p.tempId) ids.add(p.tempId);
      for (const id of opCardIds(p.op)) ids.add(id);
    }
    return ids;
  }

  /** True for the temporary id of an add that has not been acknowledged yet. */
  isTemporary(id: string): boolean {
    return this.pending.some((p) => p.tempId === id && !p.acked);
  }

  /** The real id of a card: temporary ids of acknowledged adds map to the id the ack gave. */
  resolve(id: string): string {
    return this.aliases.get(id) ?? id;
  }

  hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** True while an undo or redo of this view waits for its answer. */
  walking(): boolean {
    return this.pending.some((p) => (p.op.kind === "undo" || p.op.kind === "redo") && !p.acked);
  }

  /**
   * Propose an operation; returns its op id, or null when it cannot be sent. `baseRevision` is
   * the revision the user saw when they started (an editor passes the one it opened on), so the
   * source can refuse an edit whose `old` value was changed elsewhere meanwhile.
   */
  propose(op: Op, baseRevision: number = this.revision()): string | null {
    if (this.readOnly()) return null;
    const resolved = this.resolveOp(op);
    if (!resolved) return null;
    const seq = ++this.seq;
    const opId = `${this.prefix}-${seq}`;
    const tempId = resolved.kind === "add" ? `tmp-${opId}` : null;
    this.pending.push({ opId, op: resolved, tempId, seq, acked: null });
    this.version++;
    this.model.propose({ type: "op", op_id: opId, base_revision: Math.min(baseRevision, this.revision()), op: resolved });
    this.emit({ type: "change" });
    return opId;
  }

  dismissError(): void {
    if (!this.error) return;
    this.error = null;
    this.emit({ type: "change" });
  }

  /** Show a problem found in the browser (for instance a card deleted while being edited). */
  reportError(reason: string, typed: string | null): void {
    this.setError({ reason, typed });
    this.emit({ type: "change" });
  }

  subscribe(fn: (e: StoreEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  destroy(): void {
    for (const u of this.unsubscribe) u();
    this.listeners.clear();
  }

  /** The op with temporary ids replaced by real ones; null when it names a card not yet created. */
  private resolveOp(op: Op): Op | null {
    if (op.kind === "batch") {
      const ops = op.ops.map((o) => this.resolveOp(o));
      return ops.every((o) => o != null) ? { kind: "batch", ops: ops as typeof op.ops } : null;
    }
    if (op.kind !== "edit" && op.kind !== "delete" && op.kind !== "move") return op;
    if (this.isTemporary(op.id)) return null;
    return { ...op, id: this.resolve(op.id) };
  }

  /** Drop acknowledged operations whose result the source's state now holds. */
  private settle(): void {
    const rev = this.revision();
    const before = this.pending.length;
    this.pending = this.pending.filter((p) => !p.acked || p.acked.revision > rev);
    if (this.pending.length !== before) this.version++;
  }

  private reply(r: Reply): void {
    const p = this.pending.find((x) => x.opId === r.op_id && !x.acked);
    if (!p) return; // another view's operation, or one answered already
    if (r.type === "ack") {
      const id = p.op.kind === "add" ? (r.id ?? null) : (opCardIds(p.op)[0] ?? null);
      if (p.tempId && id) this.aliases.set(p.tempId, id);
      p.acked = { revision: Number(r.revision) || 0, id: p.tempId ? id : null };
      this.version++;
      this.settle();
      if (p.seq > this.errorSeq) this.error = null;
      this.emit({ type: "change" });
      this.emit({ type: "ack", opId: p.opId, op: p.op, id, tempId: p.tempId, changed: r.changed !== false });
    } else {
      this.pending.splice(this.pending.indexOf(p), 1);
      this.version++;
      const reason = String(r.reason ?? "The operation was rejected.");
      this.setError({ reason, typed: typedValue(p.op) });
      this.emit({ type: "change" });
      this.emit({ type: "reject", opId: p.opId, op: p.op, reason });
    }
  }

  private setError(e: LastError): void {
    this.error = e;
    this.errorSeq = this.seq;
  }

  private emit(e: StoreEvent): void {
    for (const fn of [...this.listeners]) fn(e);
  }
}
