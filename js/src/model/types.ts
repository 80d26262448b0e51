// The data the view draws and the operations it proposes (docs/protocol.md).

export type LaneKind = "text" | "emotion" | "metric";

export interface Stage {
  name: string;
  steps: string[];
  description?: string;
}

export interface Lane {
  name: string;
  kind: LaneKind;
}

export interface Scale {
  min: number;
  max: number;
  step: number;
}

export interface Persona {
  name: string;
  goals?: string[];
  description?: string;
}

export interface Structure {
  title: string;
  persona: Persona | null;
  state: string;
  stages: Stage[];
  lanes: Lane[];
  scale: Scale;
}

/** One card. Optional columns (channel, owner, ...) appear only when the map has them. */
export interface Card {
  id: string;
  stage: string;
  step: string | null;
  lane: string;
  text: string;
  score: number | null;
  [column: string]: unknown;
}

export interface EditOp {
  kind: "edit";
  id: string;
  field: string;
  value: unknown;
  old: unknown;
}

export interface AddOp {
  kind: "add";
  stage: string;
  step: string | null;
  lane: string;
  text: string;
  index: number | null;
}

export interface DeleteOp {
  kind: "delete";
  id: string;
}

export interface MoveOp {
  kind: "move";
  id: string;
  stage: string;
  step: string | null;
  lane: string;
  index: number | null;
}

export type Op = EditOp | AddOp | DeleteOp | MoveOp;

/** Browser to kernel. */
export interface OpMessage {
  type: "op";
  op_id: string;
  base_revision: number;
  op: Op;
}

/** Kernel to browser, after the state of the same operation has been published. */
export interface AckMessage {
  type: "ack";
  op_id: string;
  revision: number;
  id?: string | null;
}

export interface RejectMessage {
  type: "reject";
  op_id: string;
  revision: number;
  reason: string;
}

export type Reply = AckMessage | RejectMessage;

/**
 * What the view needs from wherever the map lives: a kernel (anywidget) or a
 * JupyterLab document. The source is the single writer; the view only proposes.
 */
export interface MapModel {
  getStructure(): Structure;
  getCards(): readonly Card[];
  getRevision(): number;
  isReadOnly(): boolean;
  /** Called after any of structure, cards, revision or read-only changed. */
  onChange(cb: () => void): () => void;
  /** Send one operation; the answer comes later through onReply. */
  propose(message: OpMessage): void;
  onReply(cb: (reply: Reply) => void): () => void;
}
