/**
 * `pnpm bench`: the formula, validateApp and server benchmarks (bench/server; `BENCH_QUICK=1`
 * shrinks the server data to 100,000 rows and 2-second runs). Every figure is printed beside a
 * baseline measured in the same run, as a ratio, because absolute times on a shared 2-core
 * machine move by tens of percent from run to run. Results also go to stdout as JSON
 * (after the tables); nothing is written into the repository.
 */
import { arch, cpus, platform } from "node:os";
import { CVI_FORMULA, runFormulaBench } from "./formula.bench.js";
import { formatTable } from "./harness.js";
import { formatServerBench, runServerBench } from "./server/server.bench.js";
import { runValidateBench } from "./validateApp.bench.js";
import { formatWorkflowBench, runWorkflowBench } from "./workflow.bench.js";

const PLINTH_TARGET_RATIO = 3;
const records = Number(process.env.BENCH_RECORDS ?? 1_000_000);

const ms = (value: number) => value.toFixed(1);
const ratio = (value: number) => `${value.toFixed(2)}x`;

console.log(
  `Node ${process.version} on ${platform()}-${arch()}, ${cpus().length} CPUs: ${cpus()[0]?.model ?? "unknown"}\n`,
);

console.log(`1. Formula over ${records.toLocaleString("en")} records\n   ${CVI_FORMULA}\n`);
const formula = runFormulaBench(records);
console.log(
  formatTable(
    ["contender", "median ms", "min ms", "rounds", "ns/record", "vs hand-written", "same sum"],
    formula.map((r) => [
      r.name,
      ms(r.medianMs),
      ms(r.minMs),
      String(r.rounds),
      r.nsPerRecord.toFixed(1),
      ratio(r.ratio),
      r.sumMatches ? "yes" : "NO",
    ]),
  ),
);
const codegen = formula.find((r) => r.name === "Plinth (codegen)");
if (codegen) {
  const ok = codegen.ratio <= PLINTH_TARGET_RATIO;
  console.log(
    `\nTarget: Plinth (codegen) <= ${PLINTH_TARGET_RATIO}x hand-written: ${ratio(codegen.ratio)} ${ok ? "PASS" : "FAIL"}`,
  );
}

const validate = runValidateBench(200);
console.log(
  `\n2. validateApp on a generated app: ${validate.entities} entities, ${(validate.documentBytes / 1024).toFixed(0)} KiB of JSON\n`,
);
console.log(
  formatTable(
    ["pass", "median ms", "min ms", "rounds", "vs structural"],
    validate.rows.map((r) => [r.name, ms(r.medianMs), ms(r.minMs), String(r.rounds), ratio(r.ratio)]),
  ),
);
const full = validate.rows.find((r) => r.name.startsWith("validateApp"));
console.log(
  `\nTarget: validateApp < ${validate.targetMs} ms: ${full ? ms(full.medianMs) : "?"} ms ${validate.pass ? "PASS" : "FAIL"}`,
);

const server = await runServerBench();
console.log(`\n3. ${formatServerBench(server)}`);

const workflow = await runWorkflowBench();
console.log(`\n4. ${formatWorkflowBench(workflow)}`);

const mismatched = formula.filter((r) => !r.sumMatches);
console.log(
  `\nJSON:\n${JSON.stringify({ node: process.version, records, formula, validateApp: validate, server, workflow }, null, 2)}`,
);
if (server.checks.some((c) => !c.ok)) {
  console.error("\nPlinth and the hand-written server answered differently (see the server checks).");
  process.exitCode = 1;
}
if (mismatched.length > 0) {
  console.error(
    `\nChecksum mismatch (a contender computed something else): ${mismatched.map((r) => r.name).join(", ")}`,
  );
  process.exitCode = 1;
}
