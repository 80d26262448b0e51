// The data the view draws and the operations it proposes (docs/protocol.md).
import type { StageMetrics } from "./stagemetrics";

export type LaneKind = "text" | "emotion" | "metric";

export interface Stage {
  name: string;
  steps: string[];
  description?: string;
}

export interface Lane {
  name: string;
  kind: LaneKind;
  /** A guiding question shown in the lane's empty cells (templates carry one per lane). */
  prompt?: string;
}

export interface Scale {
  min: number;
  max: number;
  step: number;
}

/** A picture-free avatar: initials on a colour token (AVATAR_COLORS in vocabulary.json). */
export interface Avatar {
  initials: string;
  color?: string;
}

/** Who the map is about; keys other than these are the analyst's own and are kept. */
export interface Persona {
  name: string;
  goals?: string[];
  description?: string;
  frustrations?: string[];
  quote?: string;
  avatar?: Avatar | null;
  [key: string]: unknown;
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

/** The map's title, persona (null: none) and state, each one step of undo. */
export type MetaOp =
  | { kind: "set_title"; title: string }
  | { kind: "set_persona"; persona: Persona | null }
  | { kind: "set_state"; state: string };

/**
 * Comments and dot voting (docs/participation.md): checked strictly by the kernel, acked or
 * rejected like every op; they change no card, so the view draws them when the state comes.
 */
export type ParticipationOp =
  | { kind: "add_comment"; card: string; text: string; author: string; reply_to: string | null }
  | { kind: "resolve_comment"; comment: string; resolved: boolean }
  | { kind: "start_voting"; budget: number; lanes: string[] | null; anonymous: boolean; minutes: number | null }
  | { kind: "vote"; card: string; voter: string; count: 1 | -1 }
  | { kind: "end_voting" };

export type Op = CardOp | BatchOp | StructureOp | HistoryOp | MetaOp | ParticipationOp;

/** One comment of the `participation` trait (a reply's `parent` is its thread's first comment). */
export interface Comment {
  id: string;
  card: string;
  parent: string | null;
  author: string;
  /** UTC ISO 8601 with Z. */
  created: string;
  text: string;
  resolved: boolean;
}

/** A voting round's settings; open while `ended` is null, `ends` its timer (null: none). */
export interface VotingRound {
  round: number;
  /** The lanes voted on; empty: every lane. */
  lanes: string[];
  budget: number;
  anonymous: boolean;
  started: string;
  ends: string | null;
  ended: string | null;
}

/** The dots a card got in a revealed round. */
export interface VoteTotal {
  round: number;
  card: string;
  votes: number;
}

/** The `participation` trait: never an open round's dots (each view gets its own: OwnDots). */
export interface Participation {
  comments: Comment[];
  rounds: VotingRound[];
  totals: VoteTotal[];
}

/** This view's voter's dots in the open round, from the kernel's `dots` message to this view. */
export interface OwnDots {
  voter: string;
  round: number | null;
  cards: Record<string, number>;
  used: number;
}

/** Browser to kernel. */
export interface OpMessage {
  type: "op";
  op_id: string;
  base_revision: number;
  op: Op;
  /**
   * Who proposes it: the JupyterLab identity's `name` (identity.ts), absent or null where the
   * browser knows no user. The kernel records it (`m.history`) and undoes per user by it.
   */
  user?: string | null;
  /** The id of the view that sends it: the kernel addresses this view's own dots to it. */
  view?: string;
}

/** Kernel to browser, after the state of the same operation has been published. */
export interface AckMessage {
  type: "ack";
  op_id: string;
  revision: number;
  id?: string | null;
  /** undo / redo only: false when there was nothing to undo or redo. */
  changed?: boolean;
  /** add_comment: the new comment's id; start_voting: the round's number. */
  comment?: string;
  round?: number;
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
  /**
   * Optional: run the map checks where the map lives (Python's `m.check()`). A source without
   * a kernel (a JupyterLab document) has none, and the view offers no Check button.
   */
  check?(): Promise<Finding[]>;
  /**
   * Optional: how the map stands with the file it is bound to (`jw.open`), or null when it is
   * not bound. Changes arrive through onChange.
   */
  getFileStatus?(): FileStatus | null;
  /**
   * Optional (real-time collaboration): where the *other* people on this map are, one entry per
   * person, this view's own user left out. Changes arrive through onChange.
   */
  getPresence?(): readonly Presence[];
  /** Optional: tell the others which card this view's user is editing now (null: none). */
  setEditing?(card: string | null): void;
  /** Optional: comments, rounds and revealed totals (a source without them has none). */
  getParticipation?(): Participation;
  /** Optional: what the stage headers and the caption show of the metrics (a kernel's `stage_metrics`). */
  getStageMetrics?(): StageMetrics;
  /** Optional: this view's own dots in the open round (null until the kernel said). */
  getDots?(): OwnDots | null;
  /** Optional: who votes from this view (null: nobody); the kernel answers with their dots. */
  setVoter?(voter: string | null): void;
}

/** Someone else on the same map (docs/collaboration.md): JupyterLab's identity and their card. */
export interface Presence {
  /** The identity's `name` (`[data-jw-presence="<name>"]` on the card they edit). */
  name: string;
  /** What to show: the identity's display name (falls back to name). */
  display_name: string;
  /** The identity's colour (a CSS colour) or null. */
  color: string | null;
  /** The id of the card whose editor they have open, or null. */
  card: string | null;
}

/** `m.file_status` (durable/status.py `FileStatus.to_dict()`): the widget's `file_binding`. */
export interface FileStatus {
  state: "saved" | "pending" | "conflict" | "error" | "closed";
  message: string;
  path: string;
  conflict_copy: string | null;
}

/** One finding of `m.check()` (practice/checks.py `Finding.to_dict()`). */
export interface Finding {
  rule: string;
  message: string;
  severity: string;
  stage: string | null;
  lane: string | null;
  card: string | null;
}
