/**
 * The dashboard benchmark alone: `pnpm exec tsx --conditions=source bench/ui/dashboard.run.ts`
 * (`BENCH_QUICK=1`: 100,000 rows, 5 rounds). `pnpm bench` runs it too once wired in.
 */
import { arch, cpus, platform } from "node:os";
import { formatDashboardUiBench, runDashboardUiBench } from "./dashboard/dashboard.bench.js";

console.log(
  `Node ${process.version} on ${platform()}-${arch()}, ${cpus().length} CPUs: ${cpus()[0]?.model ?? "unknown"}\n`,
);
const result = await runDashboardUiBench();
console.log(formatDashboardUiBench(result));
console.log(`\nJSON:\n${JSON.stringify({ node: process.version, dashboardUi: result }, null, 2)}`);
// A missed target is a figure to read, not a broken run; a failed check (other queries, other answers) is.
if (result.checks.some((c) => !c.ok)) {
  console.error("\nThe dashboard and its baseline did not do the same work (see the checks).");
  process.exitCode = 1;
}
