// Optimistic state: the source's state with this view's unacknowledged operations on top.
// Pure logic; no DOM.
import { applyOp, opCardId } from "./apply";
import type { Card, MapModel, Op, Reply, Structure } from "./model/types";

export interface LastError {
  reason: string;
  /** What the user had typed, so nothing is silently lost; null when nothing was typed. */
  typed: string | null;
}

export type StoreEvent =
  | { type: "change" }
  | { type: "ack"; opId: string; op: Op; id: string | null; tempId: string | null }
  | { type: "reject"; opId: string; op: Op; reason: string };

interface Pending {
  opId: string;
  op: Op;
  /** The id the optimistic card of an `add` carries until the ack names the real one. */
  tempId: string | null;
  seq: number;
}

/** A short random prefix, so op ids from several views of one model never collide. */
export function randomPrefix(): string {
  return "v" + Math.random().toString(36).slice(2, 8);
}

/** The value of an operation the user typed, as shown in the error banner. */
export function typedValue(op: Op): string | null {
  if (op.kind === "add") return op.text;
  if (op.kind !== "edit") return null;
  return op.value == null || op.value === "" ? "(empty)" : String(op.value);
}

export class Store {
  error: LastError | null = null;
  private pending: Pending[] = [];
  private aliases = new Map<string, string>();
  private listeners = new Set<(e: StoreEvent) => void>();
  private seq = 0;
  /** The error stays until an operation proposed after it succeeds (or it is dismissed). */
  private errorSeq = 0;
  private cache: { base: readonly Card[]; version: number; cards: readonly Card[] } | null = null;
  private version = 0;
  private unsubscribe: Array<() => void>;

  constructor(private model: MapModel, readonly prefix: string = randomPrefix()) {
    this.unsubscribe = [
      model.onChange(() => this.emit({ type: "change" })),
      model.onReply((r) => this.reply(r)),
    ];
  }

  structure(): Structure {
    return this.model.getStructure();
  }

  revision(): number {
    return this.model.getRevision();
  }

  readOnly(): boolean {
    return this.model.isReadOnly();
  }

  /** The cards as this view shows them: the source's cards plus pending operations. */
  cards(): readonly Card[] {
    const base = this.model.getCards();
    const c = this.cache;
    if (c && c.base === base && c.version === this.version) return c.cards;
    let cards = base;
    for (const p of this.pending) cards = applyOp(cards, p.op, p.tempId ?? "");
    this.cache = { base, version: this.version, cards };
    return cards;
  }

  /** Ids of the cards with an unacknowledged operation (temporary ids for pending adds). */
  pendingIds(): Set<string> {
    const ids = new Set<string>();
    for (const p of this.pending) {
      const id = p.tempId ?? opCardId(p.op);
      if (id) ids.add(id);
    }
    return ids;
  }

  /** True for the temporary id of an add that has not been acknowledged yet. */
  isTemporary(id: string): boolean {
    return this.pending.some((p) => p.tempId === id);
  }

  /** The real id of a card: temporary ids of acknowledged adds map to the id the ack gave. */
  resolve(id: string): string {
    return this.aliases.get(id) ?? id;
  }

  hasPending(): boolean {
    return this.pending.length > 0;
  }

  /**
   * Propose an operation; returns its op id, or null when it cannot be sent. `baseRevision` is
   * the revision the user saw when they started (an editor passes the one it opened on), so the
   * source can refuse an edit whose `old` value was changed elsewhere meanwhile.
   */
  propose(op: Op, baseRevision: number = this.revision()): string | null {
    if (this.readOnly()) return null;
    if (op.kind !== "add") {
      if (this.isTemporary(op.id)) return null;
      op = { ...op, id: this.resolve(op.id) };
    }
    const seq = ++this.seq;
    const opId = `${this.prefix}-${seq}`;
    const tempId = op.kind === "add" ? `tmp-${opId}` : null;
    this.pending.push({ opId, op, tempId, seq });
    this.version++;
    this.model.propose({ type: "op", op_id: opId, base_revision: Math.min(baseRevision, this.revision()), op });
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

  private reply(r: Reply): void {
    const i = this.pending.findIndex((p) => p.opId === r.op_id);
    if (i < 0) return; // another view's operation, or one answered already
    const [p] = this.pending.splice(i, 1) as [Pending];
    this.version++;
    if (r.type === "ack") {
      const id = p.op.kind === "add" ? (r.id ?? null) : opCardId(p.op);
      if (p.tempId && id) this.aliases.set(p.tempId, id);
      if (p.seq > this.errorSeq) this.error = null;
      this.emit({ type: "change" });
      this.emit({ type: "ack", opId: p.opId, op: p.op, id, tempId: p.tempId });
    } else {
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
