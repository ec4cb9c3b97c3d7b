/**
 * A small benchmark harness for long-running cases (a million records per call), where
 * tinybench's many-short-iterations model does not fit: each task runs once per round,
 * tasks are interleaved round by round so machine noise hits them all alike, a few warm-up
 * rounds come first, and the median round is reported.
 */

/** One thing to time. `run` does the whole workload once and returns a checksum. */
export interface BenchTask {
  readonly name: string;
  readonly run: () => number;
}

export interface BenchOptions {
  /** Untimed rounds first, so every task is compiled and optimised. */
  readonly warmup?: number;
  /** Timed rounds; the median is reported (at least 5 on a noisy 2-core machine). */
  readonly rounds?: number;
}

/** The timings of one task. */
export interface TaskResult {
  readonly name: string;
  /** Milliseconds of each timed round, in the order they ran. */
  readonly samples: readonly number[];
  readonly medianMs: number;
  readonly minMs: number;
  /** The checksum of the last run, for checking that every contender computed the same thing. */
  readonly checksum: number;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? Number.NaN) + upper) / 2;
}

/** Run every task `warmup + rounds` times, interleaved, and summarise the timed rounds. */
export function runTasks(tasks: readonly BenchTask[], options: BenchOptions = {}): TaskResult[] {
  const warmup = options.warmup ?? 2;
  const rounds = Math.max(5, options.rounds ?? 7);
  const samples = tasks.map(() => [] as number[]);
  const checksums = tasks.map(() => Number.NaN);
  for (let round = 0; round < warmup + rounds; round++) {
    tasks.forEach((task, i) => {
      const start = performance.now();
      const checksum = task.run();
      const elapsed = performance.now() - start;
      checksums[i] = checksum;
      if (round >= warmup) samples[i]?.push(elapsed);
    });
  }
  return tasks.map((task, i) => {
    const own = samples[i] ?? [];
    return {
      name: task.name,
      samples: own,
      medianMs: median(own),
      minMs: Math.min(...own),
      checksum: checksums[i] ?? Number.NaN,
    };
  });
}

/** True when `a` and `b` agree within `tolerance`, relative to the larger magnitude. */
export function closeEnough(a: number, b: number, tolerance = 1e-6): boolean {
  const scale = Math.max(Math.abs(a), Math.abs(b), Number.MIN_VALUE);
  return Math.abs(a - b) / scale <= tolerance;
}

/** A fixed-width text table: the first column left-aligned, the rest right-aligned. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** Seeded PRNG (mulberry32): the same seed gives the same records on every run and machine. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Run `cleanUp` (synchronously) if the process exits before the returned function is called,
 * also on Ctrl-C and SIGTERM, which would otherwise end the process without running `finally`
 * blocks (a temporary database server or folder would be left behind). Call the returned
 * function once the normal path has cleaned up.
 */
export function cleanUpOnExit(cleanUp: () => void): () => void {
  const onExit = () => cleanUp();
  // Exiting runs the "exit" listeners, this one included.
  const onSignal = () => process.exit(130);
  process.once("exit", onExit);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return () => {
    process.off("exit", onExit);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}
