import { compileMetaSchema, structuralIssues } from "../packages/runtime/src/app/structure.js";
import { createRuntime } from "../packages/runtime/src/index.js";
import { generateBigApp } from "./fixtures/bigApp.js";
import { runTasks } from "./harness.js";

/** Budget for validating a 200-entity app. */
export const VALIDATE_TARGET_MS = 100;

export interface ValidateRow {
  readonly name: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly rounds: number;
  readonly ratio: number;
}

export interface ValidateBench {
  readonly entities: number;
  readonly documentBytes: number;
  readonly rows: readonly ValidateRow[];
  readonly targetMs: number;
  readonly pass: boolean;
}

/**
 * `validateApp` on a generated 200-entity app against its structural (ajv-only) pass on the
 * same document. The runtime and the ajv validator are created, and compiled, once before
 * timing: this measures validating, not start-up.
 */
export function runValidateBench(entities = 200): ValidateBench {
  const app = generateBigApp(entities);
  const runtime = createRuntime();
  const first = runtime.validateApp(app);
  if (!first.ok) {
    const shown = first.issues.slice(0, 5).map((i) => `${i.code} ${i.path}: ${i.message.en}`);
    throw new Error(`The benchmark app is invalid:\n${shown.join("\n")}`);
  }
  const structure = compileMetaSchema(runtime.metaSchema);
  if (structuralIssues(structure, app).length > 0) throw new Error("The benchmark app fails the structural pass");

  const results = runTasks(
    [
      { name: "structural pass only (ajv, baseline)", run: () => structuralIssues(structure, app).length },
      { name: "validateApp (full)", run: () => runtime.validateApp(app).issues.length },
    ],
    { warmup: 3, rounds: 9 },
  );
  const baseline = results[0];
  const full = results[1];
  if (baseline === undefined || full === undefined) throw new Error("missing results");
  const rows = results.map((r) => ({
    name: r.name,
    medianMs: r.medianMs,
    minMs: r.minMs,
    rounds: r.samples.length,
    ratio: r.medianMs / baseline.medianMs,
  }));
  return {
    entities,
    documentBytes: JSON.stringify(app).length,
    rows,
    targetMs: VALIDATE_TARGET_MS,
    pass: full.medianMs < VALIDATE_TARGET_MS,
  };
}
