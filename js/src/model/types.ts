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

export type CardOp = EditOp | AddOp | DeleteOp | MoveOp;

/** Several card operations applied (and undone) as one, e.g. one commit of the card editor. */
export interface BatchOp {
  kind: "batch";
  ops: CardOp[];
}

export type Axis = "stage" | "lane";

/** Structure operations; `drop_cards` confirms deleting one that holds cards. */
export type StructureOp =
  | { kind: "add_stage"; name: string; index: number | null }
  | { kind: "add_lane"; name: string; lane_kind: LaneKind | null; index: number | null }
  | { kind: "rename_stage" | "rename_lane"; old: string; new: string }
  | { kind: "move_stage" | "move_lane"; name: string; index: number }
  | { kind: "remove_stage" | "remove_lane"; name: string; drop_cards: boolean }
  | { kind: "add_step"; stage: string; name: string; index: number | null }
  | { kind: "rename_step"; stage: string; old: string; new: string }
  | { kind: "move_step"; stage: string; name: string; index: number }
  | { kind: "remove_step"; stage: string; name: string; drop_cards: boolean };

/** Walk the map's history, which Python keeps for every view. */
export interface HistoryOp {
  kind: "undo" | "redo";
}

export type Op = CardOp | BatchOp | StructureOp | HistoryOp;

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
  /** undo / redo only: false when there was nothing to undo or redo. */
  changed?: boolean;
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
