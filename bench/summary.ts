/**
 * One table of every benchmark figure `pnpm bench` ran: what was measured, its baseline from the
 * same run, the ratio and, where the issue set one, the target and whether it was met. Printed
 * after the sections and written as JSON (BENCH_SUMMARY, default bench-summary.json in the
 * working folder, which git ignores).
 */
import type { HistoryBenchResult } from "./designer/history.bench.js";
import type { FormulaRow } from "./formula.bench.js";
import { formatTable } from "./harness.js";
import type { ScaleBenchResult } from "./server/scale.bench.js";
import type { ServerBenchResult } from "./server/server.bench.js";
import type { DashboardUiResult } from "./ui/dashboard/dashboard.bench.js";
import type { DesignerCanvasBenchResult } from "./ui/designer/canvas.bench.js";
import type { FormUiBenchResult } from "./ui/form/form.bench.js";
import type { TableUiResult } from "./ui/table/table.bench.js";
import type { ValidateBench } from "./validateApp.bench.js";
import type { WorkflowBenchResult } from "./workflow.bench.js";

export interface SummaryRow {
  readonly bench: string;
  readonly figure: string;
  readonly value: number;
  readonly baseline: string;
  readonly baselineValue: number;
  readonly unit: string;
  /** value / baselineValue. */
  readonly ratio: number;
  /** The target, in words (e.g. "<= 3x"); absent for figures given for context. */
  readonly target?: string;
  readonly pass?: boolean;
}

const row = (r: Omit<SummaryRow, "ratio"> & { ratio?: number }): SummaryRow => ({
  ...r,
  ratio: r.ratio ?? (r.baselineValue === 0 ? Number.NaN : r.value / r.baselineValue),
});

export function formulaRows(rows: readonly FormulaRow[]): SummaryRow[] {
  const baseline = rows.find((r) => r.ratio === 1) ?? rows[0];
  if (!baseline) return [];
  return rows
    .filter((r) => r !== baseline)
    .map((r) =>
      row({
        bench: "formula",
        figure: r.name,
        value: r.medianMs,
        baseline: baseline.name,
        baselineValue: baseline.medianMs,
        unit: "ms",
        ratio: r.ratio,
        ...(r.name === "Plinth (codegen)" ? { target: "<= 3x", pass: r.ratio <= 3 } : {}),
      }),
    );
}

export function validateRows(result: ValidateBench): SummaryRow[] {
  const baseline = result.rows.find((r) => r.ratio === 1) ?? result.rows[0];
  if (!baseline) return [];
  return result.rows
    .filter((r) => r !== baseline)
    .map((r) =>
      row({
        bench: "validateApp",
        figure: r.name,
        value: r.medianMs,
        baseline: baseline.name,
        baselineValue: baseline.medianMs,
        unit: "ms",
        ratio: r.ratio,
        ...(r.name.startsWith("validateApp") ? { target: `< ${result.targetMs} ms`, pass: result.pass } : {}),
      }),
    );
}

export function serverRows(result: ServerBenchResult): SummaryRow[] {
  return result.figures.map((f) =>
    row({
      bench: "server",
      figure: `${f.name} (${f.durability})`,
      value: f.plinth,
      baseline: "hand-written Fastify + better-sqlite3",
      baselineValue: f.handWritten,
      unit: f.unit,
      ratio: f.ratio,
      ...(f.target ? { target: "atLeast" in f.target ? `>= ${f.target.atLeast}x` : `<= ${f.target.atMost}x` } : {}),
      ...(f.pass === undefined ? {} : { pass: f.pass }),
    }),
  );
}

export function workflowRows(r: WorkflowBenchResult): SummaryRow[] {
  return [
    row({
      bench: "workflow",
      figure: "transition (ops/s)",
      value: r.transitionOpsPerSec,
      baseline: "plain update",
      baselineValue: r.updateOpsPerSec,
      unit: "ops/s",
      ratio: r.ratio,
      target: `>= ${r.target}x`,
      pass: r.pass,
    }),
  ];
}

export function scaleRows(result: ScaleBenchResult): SummaryRow[] {
  if (result.kind !== "ran") return [];
  return result.figures.map((f) =>
    row({
      bench: "scale",
      figure: `${f.name}, ${f.contender.label}`,
      value: f.contender.requestsPerSecond,
      baseline: f.baseline.label,
      baselineValue: f.baseline.requestsPerSecond,
      unit: "req/s",
      ratio: f.ratio,
    }),
  );
}

export function formRows(result: FormUiBenchResult): SummaryRow[] {
  const plinth = result.contenders.find((c) => c.name === "Plinth");
  const hand = result.contenders.find((c) => c.name === "hand-written");
  if (!plinth || !hand) return [];
  const pass = result.targets.every((t) => t.pass);
  const rows = [
    row({
      bench: "form",
      figure: `${plinth.name}: first render`,
      value: plinth.firstRender.medianMs,
      baseline: hand.name,
      baselineValue: hand.firstRender.medianMs,
      unit: "ms",
      ratio: plinth.firstRender.ratio,
      target: result.targets.map((t) => t.name).join("; "),
      pass,
    }),
  ];
  for (const [position, measure] of Object.entries(plinth.keystroke)) {
    const base = hand.keystroke[position as unknown as keyof typeof hand.keystroke];
    rows.push(
      row({
        bench: "form",
        figure: `${plinth.name}: keystroke, field ${position}`,
        value: measure.medianMs,
        baseline: hand.name,
        baselineValue: base.medianMs,
        unit: "ms",
        ratio: measure.ratio,
      }),
    );
  }
  return rows;
}

export function tableRows(result: TableUiResult): SummaryRow[] {
  const plinth = result.phases.filter((p) => p.contender === "Plinth TablePage");
  return plinth.flatMap((p) => {
    const hand = result.phases.find((h) => h.phase === p.phase && h !== p);
    if (!hand) return [];
    return [
      row({
        bench: "table",
        figure: `longest frame, ${p.phase} (${p.framesOver50} over 50 ms, ${p.longFrames} LoAF)`,
        value: p.maxFrameMs,
        baseline: `${hand.contender} (${hand.framesOver50} over 50 ms, ${hand.longFrames} LoAF)`,
        baselineValue: hand.maxFrameMs,
        unit: "ms",
        target: "no frame > 50 ms",
        pass: p.framesOver50 === 0 && p.longFrames === 0,
      }),
      row({
        bench: "table",
        figure: `p95 frame, ${p.phase}`,
        value: p.p95FrameMs,
        baseline: hand.contender,
        baselineValue: hand.p95FrameMs,
        unit: "ms",
      }),
    ];
  });
}

export function dashboardRows(r: DashboardUiResult): SummaryRow[] {
  return [
    row({
      bench: "dashboard",
      figure: `${r.widgets.length}-widget dashboard fully rendered`,
      value: r.median.dashboardMs,
      baseline: "its queries alone",
      baselineValue: r.median.queriesAloneMs,
      unit: "ms",
      ratio: r.ratio,
      target: "<= 2x",
      pass: r.pass,
    }),
  ];
}

export function designerRows(history: HistoryBenchResult, canvas: DesignerCanvasBenchResult): SummaryRow[] {
  const rows = [
    row({
      bench: "designer",
      figure: `undo/redo over ${history.operations} operations`,
      value: history.undoRedoMs,
      baseline: "replaying the operations",
      baselineValue: history.replayMs,
      unit: "ms",
      ratio: history.ratio,
      pass: history.pass,
    }),
  ];
  const base = canvas.contenders.find((c) => c.name === "plain list");
  const pass = canvas.targets.every((t) => t.pass);
  for (const contender of canvas.contenders) {
    if (!base || contender === base) continue;
    for (const [edit, measure] of Object.entries(contender.edits)) {
      rows.push(
        row({
          bench: "designer",
          figure: `${contender.name}: ${edit} (render)`,
          value: measure.renderMedianMs,
          baseline: base.name,
          baselineValue: base.edits[edit as keyof typeof base.edits].renderMedianMs,
          unit: "ms",
          ratio: measure.ratio,
          target: canvas.targets.map((t) => t.name).join("; "),
          pass,
        }),
      );
    }
  }
  return rows;
}

const figure = (value: number) =>
  Number.isNaN(value) ? "?" : value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);

/** The table printed at the end of `pnpm bench`. */
export function formatSummary(rows: readonly SummaryRow[]): string {
  return formatTable(
    ["bench", "figure", "value", "baseline", "baseline value", "unit", "ratio", "target", "result"],
    rows.map((r) => [
      r.bench,
      r.figure,
      figure(r.value),
      r.baseline,
      figure(r.baselineValue),
      r.unit,
      Number.isNaN(r.ratio) ? "?" : `${r.ratio.toFixed(2)}x`,
      r.target ?? "",
      r.pass === undefined ? "" : r.pass ? "PASS" : "FAIL",
    ]),
  );
}
