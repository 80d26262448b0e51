// A MapModel that behaves like the Python side: it applies proposed ops, bumps the revision,
// publishes the new state and then answers, in that order (docs/protocol.md).
import { applyToState } from "../src/apply";
import type { MapState } from "../src/structure";
import type { Card, MapModel, OpMessage, Reply, Structure } from "../src/model/types";

export function makeStructure(over: Partial<Structure> = {}): Structure {
  return {
    title: "Online checkout",
    persona: { name: "First-time buyer", goals: ["Pay fast"], description: "" },
    state: "current",
    stages: [
      { name: "Browse", steps: ["Search", "Compare"], description: "" },
      { name: "Pay", steps: [], description: "" },
    ],
    lanes: [
      { name: "Actions", kind: "text" },
      { name: "Emotions", kind: "emotion" },
    ],
    scale: { min: -2, max: 2, step: 1 },
    ...over,
  };
}

export function card(id: string, over: Partial<Card> = {}): Card {
  return { id, stage: "Browse", step: "Search", lane: "Actions", text: `text ${id}`, score: null, ...over };
}

export class FakeModel implements MapModel {
  sent: OpMessage[] = [];
  private changeCbs = new Set<() => void>();
  private replyCbs = new Set<(r: Reply) => void>();
  private nextId = 1;
  private undoStack: MapState[] = [];
  private redoStack: MapState[] = [];

  constructor(
    public structure: Structure = makeStructure(),
    public cards: readonly Card[] = [],
    public revision = 1,
    public readOnly = false,
  ) {}

  getStructure = () => this.structure;
  getCards = () => this.cards;
  getRevision = () => this.revision;
  isReadOnly = () => this.readOnly;
  onChange(cb: () => void) {
    this.changeCbs.add(cb);
    return () => void this.changeCbs.delete(cb);
  }
  onReply(cb: (r: Reply) => void) {
    this.replyCbs.add(cb);
    return () => void this.replyCbs.delete(cb);
  }
  propose(m: OpMessage) {
    this.sent.push(m);
  }

  /** A change from elsewhere (Python, another view). */
  update(patch: { structure?: Structure; cards?: readonly Card[]; readOnly?: boolean }) {
    if (patch.structure) this.structure = patch.structure;
    if (patch.cards) this.cards = patch.cards;
    if (patch.readOnly !== undefined) this.readOnly = patch.readOnly;
    this.revision++;
    for (const cb of [...this.changeCbs]) cb();
  }

  /** Accept a sent op the way Python would: new state first, then the ack. */
  accept(m: OpMessage = this.last()): string | undefined {
    const { op } = m;
    if (op.kind === "undo" || op.kind === "redo") {
      const [from, to] = op.kind === "undo" ? [this.undoStack, this.redoStack] : [this.redoStack, this.undoStack];
      const prev = from.pop();
      if (prev) {
        to.push({ structure: this.structure, cards: this.cards });
        this.update(prev);
      }
      this.reply({ type: "ack", op_id: m.op_id, revision: this.revision, changed: prev != null });
      return undefined;
    }
    const id = op.kind === "add" ? `c-${this.nextId++}` : undefined;
    this.undoStack.push({ structure: this.structure, cards: this.cards });
    this.redoStack = [];
    this.update(applyToState({ structure: this.structure, cards: this.cards }, op, id));
    this.reply({ type: "ack", op_id: m.op_id, revision: this.revision, id: id ?? null });
    return id;
  }

  reject(m: OpMessage = this.last(), reason = "rejected") {
    this.reply({ type: "reject", op_id: m.op_id, revision: this.revision, reason });
  }

  reply(r: Reply) {
    for (const cb of [...this.replyCbs]) cb(r);
  }

  last(): OpMessage {
    const m = this.sent[this.sent.length - 1];
    if (!m) throw new Error("nothing was sent");
    return m;
  }
}
export const structure = makeStructure;
