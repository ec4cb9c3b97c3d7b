/**
 * Statistics over a peer group, as computations use them (docs/workflows.md, "Computations").
 * Pure functions over plain numbers; blanks are left out by the caller, as SQL aggregates do.
 */

/** Σ x. */
export function sum(xs: readonly number[]): number {
  let total = 0;
  for (const x of xs) total += x;
  return total;
}

/** Arithmetic mean; blank (null) for an empty group. */
export function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : sum(xs) / xs.length;
}

/** Sample standard deviation (n − 1); blank below two values. */
export function stdev(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const m = sum(xs) / xs.length;
  let squares = 0;
  for (const x of xs) squares += (x - m) ** 2;
  return Math.sqrt(squares / (xs.length - 1));
}

/**
 * The p-th percentile (0–100) with linear interpolation between closest ranks, as
 * Excel's PERCENTILE.INC and numpy's default: position h = (n − 1)·p/100 in the sorted values.
 *
 * @example percentile([1, 2, 3, 4], 50) // 2.5
 */
export function percentile(xs: readonly number[], p: number): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (h - lo);
}

/**
 * Mid-rank percent rank of x among xs, in 0–1: (#{xᵢ < x} + ½·#{xᵢ = x}) / n. Ties share one
 * value, and x need not be one of xs.
 *
 * @example percentRank([10, 20, 20, 40], 20) // (1 + 0.5·2) / 4 = 0.5
 */
export function percentRank(xs: readonly number[], x: number): number | null {
  if (xs.length === 0) return null;
  let less = 0;
  let equal = 0;
  for (const v of xs) {
    if (v < x) less++;
    else if (v === x) equal++;
  }
  return (less + 0.5 * equal) / xs.length;
}

/**
 * Rank of x among xs, 1 for the largest, ties sharing the mean of their positions
 * (fractional ranking: [5, 3, 3, 1] ranks 1, 2.5, 2.5, 4).
 */
export function rankDescending(xs: readonly number[], x: number): number | null {
  if (xs.length === 0) return null;
  let greater = 0;
  let equal = 0;
  for (const v of xs) {
    if (v > x) greater++;
    else if (v === x) equal++;
  }
  return equal === 0 ? greater + 1 : greater + (equal + 1) / 2;
}

/** Fractional ranks (1 = smallest, ties share the mean position) of each value. */
function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(xs.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (
      j + 1 < order.length &&
      (order[j + 1] as readonly [number, number])[0] === (order[i] as readonly [number, number])[0]
    )
      j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[(order[k] as readonly [number, number])[1]] = rank;
    i = j + 1;
  }
  return out;
}

/**
 * Spearman's rank correlation of paired values: the Pearson correlation of their fractional
 * ranks, which equals 1 − 6Σd²/(n(n²−1)) when there are no ties. Blank below two pairs or
 * when either side is constant.
 */
export function spearman(pairs: ReadonlyArray<readonly [number, number]>): number | null {
  const n = pairs.length;
  if (n < 2) return null;
  const rx = ranks(pairs.map((p) => p[0]));
  const ry = ranks(pairs.map((p) => p[1]));
  const mx = sum(rx) / n;
  const my = sum(ry) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (rx[i] as number) - mx;
    const dy = (ry[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}
