// Benchmark driver for bench/bench_lab_document.py: a `.journey.json` document bound to the map
// in JupyterLab, timed without the browser: reading the file, and one card edit from proposal to
// the new file text (check, apply, publish, serialise), as DocumentMapModel does it.
// stdin: {"doc": "<file text>", "edits": N}; stdout: JSON timings in ms.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { DocumentMapModel } from "../../src/model/document";

const input = JSON.parse(readFileSync(0, "utf8")) as { doc: string; edits: number };
const loads: number[] = [];
let model = new DocumentMapModel({ defer: (fn) => fn() });
for (let i = 0; i < 5; i++) {
  model = new DocumentMapModel({ defer: (fn) => fn() });
  const t0 = performance.now();
  model.load(input.doc);
  model.getCards();
  loads.push(performance.now() - t0);
}
let text = "";
model.onText((t) => (text = t));
const cards = model.getCards();
const edits: number[] = [];
for (let i = 0; i < input.edits; i++) {
  const card = cards[(i * 7919) % cards.length]!;
  const t0 = performance.now();
  model.propose({ type: "op", op_id: `b-${i}`, base_revision: model.getRevision(),
    op: { kind: "edit", id: card.id, field: "text", value: `Edited ${i}`, old: null } });
  edits.push(performance.now() - t0);
}
process.stdout.write(JSON.stringify({ loads, edits, bytes: text.length }));
