/**
 * A sum that does not depend on the order of its values, as SQLite's SUM and AVG (Kahan-Babuska-
 * Neumaier compensation) and the server's PostgreSQL sum (exact numeric) are: ten amounts of 0.1
 * sum to 1, not 0.9999999999999999, so a balance and a report over the same rows agree.
 */
export function compensatedSum(values: readonly unknown[]): number {
  let sum = 0;
  let compensation = 0;
  for (const v of values) {
    const x = Number(v);
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  // An infinite value leaves the compensation NaN; the sum itself is the answer then.
  return Number.isFinite(sum) ? sum + compensation : sum;
}
