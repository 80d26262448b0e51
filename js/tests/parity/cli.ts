// Parity driver for tests/unit/test_lab_document_parity.py: applies operation messages to a
// document with DocumentMapModel and prints every reply and the file text after it, so Python
// can apply the same messages to a JourneyMap and compare replies and bytes.
// stdin: {"doc": "<file text>", "messages": [{"op": {...}, "stale": false}, ...]}
import { readFileSync } from "node:fs";
import { DocumentMapModel } from "../../src/model/document";
import type { OpMessage, Reply } from "../../src/model/types";

const input = JSON.parse(readFileSync(0, "utf8")) as { doc: string; messages: Array<{ op: unknown; stale?: boolean }> };
let n = 0;
const model = new DocumentMapModel({ newId: () => `c-new${String(++n).padStart(3, "0")}`, defer: (fn) => fn() });
const replies: Reply[] = [];
model.onReply((r) => replies.push(r));
if (!model.load(input.doc)) throw new Error(model.error ?? "not loaded");
const out = input.messages.map((m, i) => {
  const base = model.getRevision() - (m.stale ? 1 : 0);
  model.propose({ type: "op", op_id: `p-${i}`, base_revision: base, op: m.op } as OpMessage);
  const reply = replies.shift()!;
  return { reply, text: model.text() };
});
process.stdout.write(JSON.stringify(out));
