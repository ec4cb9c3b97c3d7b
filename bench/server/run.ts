/**
 * The server benchmarks alone: `pnpm exec tsx --conditions=source bench/server/run.ts`
 * (`BENCH_QUICK=1` for 100,000 rows and 2-second runs). `pnpm bench` runs them too.
 */
import { arch, cpus, platform } from "node:os";
import { formatServerBench, runServerBench, serverBenchOptions } from "./server.bench.js";

console.log(
  `Node ${process.version} on ${platform()}-${arch()}, ${cpus().length} CPUs: ${cpus()[0]?.model ?? "unknown"}\n`,
);
const result = await runServerBench(serverBenchOptions());
console.log(formatServerBench(result));
console.log(`\nJSON:\n${JSON.stringify({ node: process.version, server: result }, null, 2)}`);
if (result.checks.some((c) => !c.ok)) {
  console.error("\nPlinth and the hand-written server answered differently (see the checks above).");
  process.exitCode = 1;
}
