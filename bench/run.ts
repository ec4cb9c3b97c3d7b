/**
 * `pnpm bench`: the formula, validateApp, server, workflow and scale-out benchmarks (scale: SQLite
 * vs PostgreSQL on one process, one vs three processes on PostgreSQL; PostgreSQL from
 * PLINTH_BENCH_PG_URL or a throwaway cluster, skipped without either), then the UI benchmarks
 * in headless Chromium (bench/ui: a 200-field form, a table scrolled over 100,000 rows, a 6-widget
 * dashboard over 1,000,000 rows). `BENCH_QUICK=1` shrinks the data (server 100,000 rows and
 * 2-second runs; scale 20,000 rows and 2-second runs; table 20,000 rows; dashboard 100,000 rows);
 * `BENCH_ONLY=form,table` runs only the named ones (formula, validate, server, workflow, scale,
 * form, table, dashboard, designer). Every figure is printed beside a
 * baseline measured in the same run, as a ratio, because absolute times on a shared 2-core
 * machine move by tens of percent from run to run. Results also go to stdout as JSON
 * (after the tables), then every figure again in one summary table, which is also written to
 * bench-summary.json in the working folder (BENCH_SUMMARY names another file; git ignores it).
 */
import { writeFileSync } from "node:fs";
import { arch, cpus, platform } from "node:os";
import { resolve } from "node:path";
import { formatHistoryBench, runHistoryBench } from "./designer/history.bench.js";
import { CVI_FORMULA, runFormulaBench } from "./formula.bench.js";
import { formatTable } from "./harness.js";
import { formatScaleBench, runScaleBench } from "./server/scale.bench.js";
import { formatServerBench, runServerBench } from "./server/server.bench.js";
import {
  dashboardRows,
  designerRows,
  formatSummary,
  formRows,
  formulaRows,
  type SummaryRow,
  scaleRows,
  serverRows,
  tableRows,
  validateRows,
  workflowRows,
} from "./summary.js";
import { formatDashboardUiBench, runDashboardUiBench } from "./ui/dashboard/dashboard.bench.js";
import { formatDesignerCanvasBench, runDesignerCanvasBench } from "./ui/designer/canvas.bench.js";
import { formatFormUiBench, runFormUiBench } from "./ui/form/form.bench.js";
import { formatTableUiBench, runTableUiBench } from "./ui/table/table.bench.js";
import { runValidateBench } from "./validateApp.bench.js";
import { formatWorkflowBench, runWorkflowBench } from "./workflow.bench.js";

const PLINTH_TARGET_RATIO = 3;
const records = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const only = new Set((process.env.BENCH_ONLY ?? "").split(",").filter(Boolean));
const wanted = (name: string) => only.size === 0 || only.has(name);
const results: Record<string, unknown> = { node: process.version, records };
const summary: SummaryRow[] = [];
const fail = (message: string) => {
  console.error(`\n${message}`);
  process.exitCode = 1;
};

const ms = (value: number) => value.toFixed(1);
const ratio = (value: number) => `${value.toFixed(2)}x`;

console.log(
  `Node ${process.version} on ${platform()}-${arch()}, ${cpus().length} CPUs: ${cpus()[0]?.model ?? "unknown"}\n`,
);

if (wanted("formula")) {
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
  results.formula = formula;
  summary.push(...formulaRows(formula));
  const mismatched = formula.filter((r) => !r.sumMatches);
  if (mismatched.length > 0)
    fail(`Checksum mismatch (a contender computed something else): ${mismatched.map((r) => r.name).join(", ")}`);
}

if (wanted("validate")) {
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
  results.validateApp = validate;
  summary.push(...validateRows(validate));
}

if (wanted("server")) {
  const server = await runServerBench();
  console.log(`\n3. ${formatServerBench(server)}`);
  results.server = server;
  summary.push(...serverRows(server));
  if (server.checks.some((c) => !c.ok))
    fail("Plinth and the hand-written server answered differently (see the server checks).");
}

if (wanted("workflow")) {
  const workflow = await runWorkflowBench();
  console.log(`\n4. ${formatWorkflowBench(workflow)}`);
  results.workflow = workflow;
  summary.push(...workflowRows(workflow));
}

if (wanted("scale")) {
  const scale = await runScaleBench();
  console.log(scale.kind === "skipped" ? `\n${formatScaleBench(scale)}` : `\n5. ${formatScaleBench(scale)}`);
  results.scale = scale;
  summary.push(...scaleRows(scale));
  if (scale.kind === "ran" && scale.checks.some((c) => !c.ok))
    fail("A scale check failed: the set-ups answered differently or requests failed (see the scale checks).");
}

if (wanted("form")) {
  const form = await runFormUiBench();
  console.log(`\n6. A 200-field form in headless Chromium\n\n${formatFormUiBench(form)}`);
  results.formUi = form;
  summary.push(...formRows(form));
}

if (wanted("table")) {
  const table = await runTableUiBench();
  console.log(`\n7. ${formatTableUiBench(table)}`);
  results.tableUi = table;
  summary.push(...tableRows(table));
}

if (wanted("dashboard")) {
  const dashboard = await runDashboardUiBench();
  console.log(`\n8. ${formatDashboardUiBench(dashboard)}`);
  results.dashboardUi = dashboard;
  summary.push(...dashboardRows(dashboard));
}

if (wanted("designer")) {
  const history = runHistoryBench();
  console.log(`\n9. ${formatHistoryBench(history)}`);
  results.designerHistory = history;
  if (!history.same) fail("The designer history did not return to the same documents (undo/redo is broken).");
  const canvas = await runDesignerCanvasBench();
  console.log(`\n10. ${formatDesignerCanvasBench(canvas)}`);
  results.designerCanvas = canvas;
  summary.push(...designerRows(history, canvas));
}

console.log(`\nJSON:\n${JSON.stringify(results, null, 2)}`);

// Every figure in one table, each beside its baseline from this run, and the same as a JSON file.
const summaryFile = resolve(process.env.BENCH_SUMMARY ?? "bench-summary.json");
writeFileSync(
  summaryFile,
  `${JSON.stringify({ node: process.version, cpus: cpus().length, at: new Date().toISOString(), rows: summary }, null, 2)}\n`,
);
console.log(`\nSummary: every figure beside its baseline from this run (also in ${summaryFile})\n`);
console.log(formatSummary(summary));
