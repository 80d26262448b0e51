// The DOM budget: above ~3,000 live elements a board gets slow to lay out and to diff, so big
// maps collapse. Every cell shows at most L cards (the same L for all cells, as large as the
// budget allows) and a "Show N more" button; cells the user expanded show all their cards.
// Elements are counted as browsers' audits count DOM size (text nodes ride along with them).

/** Live elements the whole widget should stay under. */
export const NODE_BUDGET = 3000;
/** Elements of a "Show N more" button. */
export const MORE_COST = 1;

/**
 * The number of cards each cell may show. `cells` maps a cell key to the element cost of each of
 * its cards in order; `available` is the budget left for cards. Cells absent from the result
 * show all their cards (everything fits, or the user expanded them).
 */
export function cellLimits(
  cells: ReadonlyMap<string, readonly number[]>,
  available: number,
  expanded: ReadonlySet<string> = new Set(),
): Map<string, number> {
  const limits = new Map<string, number>();
  let total = 0;
  let fixed = 0;
  let longest = 0;
  const prefixes: Array<[string, number[]]> = [];
  for (const [key, costs] of cells) {
    let sum = 0;
    const prefix = [0];
    for (const c of costs) prefix.push((sum += c));
    total += sum;
    if (expanded.has(key)) fixed += sum;
    else {
      prefixes.push([key, prefix]);
      longest = Math.max(longest, costs.length);
    }
  }
  if (total <= available) return limits;
  const cost = (limit: number) => {
    let sum = fixed;
    for (const [, prefix] of prefixes) {
      const n = prefix.length - 1;
      sum += n > limit ? prefix[limit]! + MORE_COST : prefix[n]!;
    }
    return sum;
  };
  // The largest limit that fits (at least one card per cell: a map needs something to show).
  let lo = 1;
  let hi = Math.max(1, longest);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (cost(mid) <= available) lo = mid;
    else hi = mid - 1;
  }
  for (const [key, prefix] of prefixes) if (prefix.length - 1 > lo) limits.set(key, lo);
  return limits;
}

/** Count the elements of `el`, itself included. */
export function countElements(el: Element): number {
  return el.getElementsByTagName("*").length + 1;
}
