// MapModel over an anywidget model: traits in, `op` messages out, `ack`/`reject` back.
import type { AnyModel } from "@anywidget/types";
import { currentIdentity } from "../identity";
import { normalizeCards, normalizeStructure } from "./normalize";
import { KernelDots, readParticipation } from "./participation";
import { KernelPresence } from "./presence";
import { readStageMetrics, type StageMetrics } from "./stagemetrics";
import type { Card, FileStatus, Finding, MapModel, OpMessage, Participation, Reply, Structure } from "./types";

const TRAITS = ["structure", "cards", "revision", "read_only", "file_binding", "participation", "stage_metrics"] as const;
/** How long a map check may take before the view says the kernel did not answer. */
export const CHECK_TIMEOUT_MS = 30_000;

// eslint-disable-next-line max-lines-per-function -- one object literal: the MapModel's methods over one model
export function anywidgetModel(model: AnyModel): MapModel {
  // Traits are replaced, never mutated, so caching by identity is safe.
  let rawS: unknown;
  let structure: Structure | undefined;
  let rawC: unknown;
  let cards: Card[] = [];
  let rawP: unknown;
  let participation: Participation | undefined;
  let rawM: unknown;
  let metrics: StageMetrics | undefined;
  let checks = 0;
  const presence = new KernelPresence(model);
  // One id per view (per render): the kernel addresses this view's own dots to it.
  const dots = new KernelDots(model, "v" + Math.random().toString(36).slice(2, 10));

  return {
    getStructure() {
      const raw: unknown = model.get("structure");
      if (!structure || raw !== rawS) [rawS, structure] = [raw, normalizeStructure(raw)];
      return structure;
    },
    getCards() {
      const raw: unknown = model.get("cards");
      if (raw !== rawC) [rawC, cards] = [raw, normalizeCards(raw)];
      return cards;
    },
    getRevision: () => Number(model.get("revision")) || 0,
    isReadOnly: () => Boolean(model.get("read_only")),
    getFileStatus: () => fileStatus(model.get("file_binding")),
    getPresence: () => presence.get(),
    setEditing: (card) => presence.set(card),
    getParticipation() {
      const raw: unknown = model.get("participation");
      if (!participation || raw !== rawP) [rawP, participation] = [raw, readParticipation(raw)];
      return participation;
    },
    getStageMetrics() {
      const raw: unknown = model.get("stage_metrics");
      if (!metrics || raw !== rawM) [rawM, metrics] = [raw, readStageMetrics(raw)];
      return metrics;
    },
    getDots: () => dots.get(),
    setVoter: (voter) => dots.setVoter(voter),
    onChange(cb) {
      const handler = () => cb();
      for (const t of TRAITS) model.on(`change:${t}`, handler);
      const offPresence = presence.listen(handler);
      const offDots = dots.listen(handler);
      return () => {
        for (const t of TRAITS) model.off(`change:${t}`, handler);
        offPresence();
        offDots();
      };
    },
    /**
     * Every operation carries this browser's user (omitted without one), which the kernel
     * records, and this view's id, to which it addresses the view's own dots.
     */
    propose(message: OpMessage) {
      const user = currentIdentity()?.name;
      const out = { ...message, view: dots.view };
      model.send(user ? { ...out, user } : out);
    },
    onReply(cb) {
      const handler = (msg: unknown) => {
        const m = msg as Partial<Reply> | null;
        if (m && (m.type === "ack" || m.type === "reject") && typeof m.op_id === "string") {
          cb(m as Reply);
        }
      };
      model.on("msg:custom", handler);
      return () => model.off("msg:custom", handler);
    },
    /** `m.check()` in the kernel: `{type: "check", request_id}` out, `{type: "findings"}` back. */
    check() {
      const requestId = `check-${++checks}-${Math.random().toString(36).slice(2, 8)}`;
      return new Promise<Finding[]>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          model.off("msg:custom", handler);
        };
        const handler = (msg: unknown) => {
          const m = msg as { type?: unknown; request_id?: unknown; findings?: unknown; error?: unknown } | null;
          if (!m || m.type !== "findings" || m.request_id !== requestId) return;
          done();
          if (typeof m.error === "string" && m.error) reject(new Error(m.error));
          else resolve(Array.isArray(m.findings) ? m.findings.map(finding) : []);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error("the kernel did not answer (is it running?)"));
        }, CHECK_TIMEOUT_MS);
        model.on("msg:custom", handler);
        model.send({ type: "check", request_id: requestId });
      });
    },
  };
}

function orNull(v: unknown): string | null {
  return v == null ? null : String(v);
}

/** A finding from the kernel, read defensively (text stays text). */
function finding(v: unknown): Finding {
  const o = (v ?? {}) as Record<string, unknown>;
  return {
    rule: String(o.rule ?? ""), message: String(o.message ?? ""), severity: String(o.severity ?? "warning"),
    stage: orNull(o.stage), lane: orNull(o.lane), card: orNull(o.card),
  };
}

/** The `file_binding` trait as a FileStatus; null when the map is not bound (an empty dict). */
export function fileStatus(raw: unknown): FileStatus | null {
  if (!raw || typeof raw !== "object") return null;
  const r = raw as Record<string, unknown>;
  const states = ["saved", "pending", "conflict", "error", "closed"];
  if (typeof r.state !== "string" || !states.includes(r.state)) return null;
  return {
    state: r.state as FileStatus["state"],
    message: typeof r.message === "string" ? r.message : "",
    path: typeof r.path === "string" ? r.path : "",
    conflict_copy: typeof r.conflict_copy === "string" ? r.conflict_copy : null,
  };
}
