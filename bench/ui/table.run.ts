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
if (!result.pass) process.exitCode = 1;
