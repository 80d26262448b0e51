// MapModel over an anywidget model: traits in, `op` messages out, `ack`/`reject` back.
import type { AnyModel } from "@anywidget/types";
import { normalizeCards, normalizeStructure } from "./normalize";
import type { Card, MapModel, OpMessage, Reply, Structure } from "./types";

const TRAITS = ["structure", "cards", "revision", "read_only"] as const;

export function anywidgetModel(model: AnyModel): MapModel {
  // Traits are replaced, never mutated, so caching by identity is safe.
  let rawS: unknown;
  let structure: Structure | undefined;
  let rawC: unknown;
  let cards: Card[] = [];

  return {
    getStructure() {
      const raw = model.get("structure");
      if (!structure || raw !== rawS) [rawS, structure] = [raw, normalizeStructure(raw)];
      return structure;
    },
    getCards() {
      const raw = model.get("cards");
      if (raw !== rawC) [rawC, cards] = [raw, normalizeCards(raw)];
      return cards;
    },
    getRevision: () => Number(model.get("revision")) || 0,
    isReadOnly: () => Boolean(model.get("read_only")),
    onChange(cb) {
      const handler = () => cb();
      for (const t of TRAITS) model.on(`change:${t}`, handler);
      return () => {
        for (const t of TRAITS) model.off(`change:${t}`, handler);
      };
    },
    propose(message: OpMessage) {
      model.send(message);
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
  };
}
