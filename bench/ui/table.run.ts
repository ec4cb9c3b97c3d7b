/**
 * The table scroll benchmark alone: `pnpm exec tsx --conditions=source bench/ui/table.run.ts`
 * (`BENCH_QUICK=1`: 20,000 rows). `pnpm bench` runs it too once wired in.
 */
import { arch, cpus, platform } from "node:os";
import { formatTableUiBench, runTableUiBench } from "./table/table.bench.js";

console.log(
  `Node ${process.version} on ${platform()}-${arch()}, ${cpus().length} CPUs: ${cpus()[0]?.model ?? "unknown"}\n`,
);
const result = await runTableUiBench();
console.log(formatTableUiBench(result));
console.log(`\nJSON:\n${JSON.stringify({ node: process.version, tableUi: result }, null, 2)}`);
// A missed target is a figure to read, not a broken run; a contender that never reached the end is.
if (result.phases.some((p) => !p.reachedEnd)) {
  console.error("\nA contender did not scroll to the end of the rows (see the rows column).");
  process.exitCode = 1;
}
