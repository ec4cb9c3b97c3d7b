import { Parser } from "expr-eval";
import { compileExpression } from "filtrex";
import jexl from "jexl";
import {
  type CompiledFormula,
  type CompileStrategy,
  compileFormulaText,
  createScope,
  type EvalEnv,
  standardFunctions,
} from "../packages/runtime/src/index.js";
import { type BenchTask, closeEnough, createRandom, runTasks, type TaskResult } from "./harness.js";

/** The CVI (customer value index) score, as a sales-ops team writes it. */
export const CVI_FORMULA =
  "0.25*MIN(newAmount/target, 1.2)*100 + 0.20*healthScore + 0.15*knowledgeScore + 0.20*collabScore + 0.20*trainingScore";

const cviFields = ["newAmount", "target", "healthScore", "knowledgeScore", "collabScore", "trainingScore"] as const;
type CviRecord = Readonly<Record<(typeof cviFields)[number], number>>;

/** `count` records from a seeded PRNG: every number present, `target` > 0. */
export function generateCviRecords(count: number, seed = 20_260_101): CviRecord[] {
  const random = createRandom(seed);
  const score = () => Math.round(random() * 1000) / 10;
  return Array.from({ length: count }, () => ({
    newAmount: Math.round(random() * 2_000_000),
    target: 100_000 + Math.round(random() * 1_400_000),
    healthScore: score(),
    knowledgeScore: score(),
    collabScore: score(),
    trainingScore: score(),
  }));
}

/** The baseline: what a developer would write by hand. */
const handWritten = (r: CviRecord): number =>
  0.25 * Math.min(r.newAmount / r.target, 1.2) * 100 +
  0.2 * r.healthScore +
  0.15 * r.knowledgeScore +
  0.2 * r.collabScore +
  0.2 * r.trainingScore;

const env: EvalEnv = {
  today: "2026-01-01",
  now: "2026-01-01T00:00:00.000Z",
  user: { id: null },
  lookup: () => undefined,
};

/** Plinth's public pipeline: parse, check against a scope of six number fields, compile. */
function compilePlinth(strategy: CompileStrategy): CompiledFormula {
  const number = { kind: "number" } as const;
  const fields = Object.fromEntries(cviFields.map((f) => [f, number]));
  const scope = createScope({ entity: "scorecard", entities: { scorecard: fields } });
  const compiled = compileFormulaText(CVI_FORMULA, scope, standardFunctions, { strategy, expected: "number" });
  if (!compiled.ok) throw new Error(`CVI formula rejected: ${compiled.issues.map((i) => i.message.en).join("; ")}`);
  return compiled.formula.run;
}

/*
 * Each contender has its own loop, written out. A shared `sum(records, evaluate)` helper would
 * share one call site (and its type feedback) between contenders: the call goes megamorphic,
 * nothing is inlined, and the hand-written baseline alone becomes ~60% slower, flattering
 * every ratio. Loops are indexed (for…of ran 2x slower here once the libraries were loaded)
 * and sum only numbers, for every contender alike.
 */
function contenders(records: readonly CviRecord[]): { fast: BenchTask[]; slow: BenchTask[] } {
  const codegen = compilePlinth("codegen");
  const closures = compilePlinth("closures");
  const lower = CVI_FORMULA.replace("MIN(", "min(");
  const filtrex = compileExpression(lower);
  const exprEval = new Parser().parse(lower);
  const exprEvalJs = exprEval.toJSFunction(cviFields.join(","));
  const jexlInstance = new jexl.Jexl();
  jexlInstance.addFunction("MIN", Math.min);
  const jexlExpression = jexlInstance.compile(CVI_FORMULA);
  const fast: BenchTask[] = [
    {
      name: "hand-written JS (baseline)",
      run: () => {
        let sum = 0;
        for (let i = 0; i < records.length; i++) {
          const r = records[i];
          if (r !== undefined) sum += handWritten(r);
        }
        return sum;
      },
    },
    {
      name: "Plinth (codegen)",
      run: () => {
        let sum = 0;
        for (let i = 0; i < records.length; i++) {
          const r = records[i];
          if (r === undefined) continue;
          const value = codegen(r, env);
          if (typeof value === "number") sum += value;
        }
        return sum;
      },
    },
    {
      name: "Plinth (closures)",
      run: () => {
        let sum = 0;
        for (let i = 0; i < records.length; i++) {
          const r = records[i];
          if (r === undefined) continue;
          const value = closures(r, env);
          if (typeof value === "number") sum += value;
        }
        return sum;
      },
    },
    {
      name: "filtrex 3.1.0",
      run: () => {
        let sum = 0;
        for (let i = 0; i < records.length; i++) {
          const r = records[i];
          if (r === undefined) continue;
          const value: unknown = filtrex(r);
          if (typeof value === "number") sum += value;
        }
        return sum;
      },
    },
    {
      name: "expr-eval 2.0.2 toJSFunction",
      run: () => {
        let sum = 0;
        for (let i = 0; i < records.length; i++) {
          const r = records[i];
          if (r === undefined) continue;
          const value: unknown = exprEvalJs(
            r.newAmount,
            r.target,
            r.healthScore,
            r.knowledgeScore,
            r.collabScore,
            r.trainingScore,
          );
          if (typeof value === "number") sum += value;
        }
        return sum;
      },
    },
    {
      name: "expr-eval 2.0.2 evaluate",
      run: () => {
        let sum = 0;
        for (let i = 0; i < records.length; i++) {
          const r = records[i];
          if (r === undefined) continue;
          const value: unknown = exprEval.evaluate(r);
          if (typeof value === "number") sum += value;
        }
        return sum;
      },
    },
  ];
  const slow: BenchTask[] = [
    {
      name: "jexl 2.3.0 evalSync",
      run: () => {
        let sum = 0;
        for (let i = 0; i < records.length; i++) {
          const r = records[i];
          if (r === undefined) continue;
          const value: unknown = jexlExpression.evalSync(r);
          if (typeof value === "number") sum += value;
        }
        return sum;
      },
    },
  ];
  return { fast, slow };
}

/** One row of the formula table. */
export interface FormulaRow {
  readonly name: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly rounds: number;
  /** Median time over the baseline's median time, measured in the same run. */
  readonly ratio: number;
  readonly nsPerRecord: number;
  readonly sumMatches: boolean;
}

/**
 * Evaluate the CVI formula over `count` records with every contender, interleaved round by
 * round. jexl (an async-first interpreter, ~50x slower) runs its own, shorter series so the
 * whole benchmark stays within a few minutes; its ratio still uses this run's baseline.
 */
export function runFormulaBench(count = 1_000_000): FormulaRow[] {
  const records = generateCviRecords(count);
  const { fast, slow } = contenders(records);
  const results: TaskResult[] = [
    ...runTasks(fast, { warmup: 2, rounds: 7 }),
    ...runTasks(slow, { warmup: 1, rounds: 5 }),
  ];
  const baseline = results[0];
  if (baseline === undefined) throw new Error("no baseline");
  return results.map((r) => ({
    name: r.name,
    medianMs: r.medianMs,
    minMs: r.minMs,
    rounds: r.samples.length,
    ratio: r.medianMs / baseline.medianMs,
    nsPerRecord: (r.medianMs * 1e6) / count,
    sumMatches: closeEnough(r.checksum, baseline.checksum),
  }));
}
