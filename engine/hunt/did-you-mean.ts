// "Did you mean …?" suggestions for misspelt ids and field names.

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of
 * two neighbouring characters each cost 1, so "strat" is one edit away from "start".
 */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prevPrev: number[] = new Array(n + 1).fill(0);
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur: number[] = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2] + 1);
      cur.push(d);
    }
    prevPrev = prev;
    prev = cur;
  }
  return prev[n];
}

/**
 * The candidate closest to `word`, if it is close enough to be a plausible typo:
 * equal ignoring case, or at most one edit per three characters (at most 3).
 * Ties go to the earliest candidate, so suggestions are stable.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const d = c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase());
    const allowed = Math.min(3, Math.max(1, Math.floor(Math.max(word.length, c.length) / 3)));
    if (d <= allowed && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** " — did you mean "x"?" or an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const c = closest(word, candidates);
  return c === undefined ? '' : ` — did you mean "${c}"?`;
}
