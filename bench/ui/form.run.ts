/**
 * The form UI benchmark on its own:
 *   pnpm tsx --conditions=source bench/ui/form.run.ts
 * Prints the tables and targets, then the figures as JSON. Exits 1 when the run failed.
 */
import { formatFormUiBench, runFormUiBench } from "./form/form.bench.js";

const result = await runFormUiBench({
  rounds: process.env.BENCH_ROUNDS ? Number(process.env.BENCH_ROUNDS) : undefined,
});
console.log(formatFormUiBench(result));
console.log(`\nJSON:\n${JSON.stringify(result, null, 2)}`);
