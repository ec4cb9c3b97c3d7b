/** Small statistics over frame times and round times for the player benchmarks. */

/** The value at fraction `q` (0..1) of the sorted values (nearest rank); NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "-");
export const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}x` : "-");
