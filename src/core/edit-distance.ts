/**
 * Edit distance with a cut-off, for did-you-mean. Optimal string alignment (restricted
 * Damerau-Levenshtein): insertions, deletions, substitutions and swaps of two neighbouring
 * characters cost one each, the typos people make (`regoin` for `region`).
 *
 * Our own because no package does both things we need: `fastest-levenshtein` counts a swap as
 * two edits, and `damerau-levenshtein` (npm) allocates a full (longest + 1)² matrix before it
 * looks at a cut-off. Names come from user input and may be megabytes long; here the work is
 * bounded by the cut-off: nothing when the lengths differ by more than `max`, otherwise only the
 * diagonal band of width 2·max + 1, stopping at the first row that is over.
 */

/** The distance when it is at most `max`, otherwise `max + 1`. */
export function withinDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const over = max + 1;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return over;
  if (n === 0 || m === 0) return Math.max(n, m);

  // Three rows (two back for swaps), reused; cells outside the band read as `over`.
  let before = new Int32Array(m + 1).fill(over);
  let previous = new Int32Array(m + 1).fill(over);
  let current = new Int32Array(m + 1).fill(over);
  for (let j = 0; j <= Math.min(m, max); j++) previous[j] = j;

  for (let i = 1; i <= n; i++) {
    const low = Math.max(1, i - max);
    const high = Math.min(m, i + max);
    current[low - 1] = low === 1 && i <= max ? i : over;
    let rowMinimum = current[low - 1]!;
    for (let j = low; j <= high; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, before[j - 2]! + 1);
      }
      current[j] = Math.min(d, over);
      if (d < rowMinimum) rowMinimum = d;
    }
    if (high < m) current[high + 1] = over;
    // A row entirely over the cut-off cannot lead back under it (a swap reaches two rows back,
    // but the row before was at least `max` everywhere, or this one could not be over).
    if (rowMinimum > max) return over;
    [before, previous, current] = [previous, current, before];
  }
  return previous[m]!;
}
