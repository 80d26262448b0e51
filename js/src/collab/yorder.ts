// The fewest edits that turn the shared `order` into a new card order: ids that stay in place
// (the longest run already in the new order) are left alone; every other id is deleted, and
// the ids missing are inserted. A move is then one delete and one insert of the id, so two
// people's edits of different cards' places merge.

/**
 * Edits to apply in turn: `deletes` ([index, count], highest first), then `inserts` ([index,
 * ids], ascending); runs of neighbours go in one edit (an empty order is filled in one go).
 */
export interface OrderEdits {
  deletes: Array<[number, number]>;
  inserts: Array<[number, string[]]>;
}

/** Indexes (into `seq`) of a longest strictly increasing subsequence of `seq`. */
function increasingRun(seq: number[]): Set<number> {
  const tails: number[] = []; // tails[k]: index in seq of the smallest tail of a run of length k+1
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let [lo, hi] = [0, tails.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const run = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) run.add(i);
  return run;
}

/**
 * The edits that turn `current` into `desired` (ids, each once): ids not in `desired` and
 * repeated ids (after their first occurrence) are deleted; of the rest, the longest run already
 * in `desired`'s order stays and the others move.
 */
export function orderEdits(current: readonly string[], desired: readonly string[]): OrderEdits {
  const want = new Map(desired.map((id, i) => [id, i]));
  const seen = new Set<string>();
  const kept: number[] = []; // indexes into current
  for (const [i, id] of current.entries()) {
    if (want.has(id) && !seen.has(id)) kept.push(i);
    seen.add(id);
  }
  const run = increasingRun(kept.map((i) => want.get(current[i]!)!));
  const stay = new Set([...run].map((k) => kept[k]!));
  const deletes: Array<[number, number]> = [];
  for (let i = current.length - 1; i >= 0; i--) {
    if (stay.has(i)) continue;
    const last = deletes[deletes.length - 1];
    if (last && last[0] === i + 1) [last[0], last[1]] = [i, last[1] + 1];
    else deletes.push([i, 1]);
  }
  const staying = new Set([...stay].map((i) => current[i]!));
  const inserts: Array<[number, string[]]> = [];
  desired.forEach((id, at) => {
    if (staying.has(id)) return;
    const last = inserts[inserts.length - 1];
    if (last && last[0] + last[1].length === at) last[1].push(id);
    else inserts.push([at, [id]]);
  });
  return { deletes, inserts };
}
