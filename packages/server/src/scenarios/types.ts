import type { Issue, Runtime, Scenario } from "@plinth/runtime";

/** A scenario and where it comes from: a file (`source`) and its JSON Pointer there (`path`). */
export interface ScenarioInput {
  readonly scenario: Scenario;
  /** The file it was read from; undefined for the app's own `tests`. */
  readonly source?: string;
  /** The scenario's JSON Pointer in its source: "/tests/0" in an app, "" for a file holding one scenario. */
  readonly path: string;
}

/** Options of {@link runScenarios}. */
export interface RunScenariosOptions {
  /** The runtime the temporary servers validate and compute with; a fresh one by default. */
  readonly runtime?: Runtime;
  /** The moment a scenario without `today` starts at (a scenario with `today` starts at 09:00 UTC that day). */
  readonly now?: Date;
  /** Called after each scenario, e.g. to print progress. */
  readonly onScenario?: (result: ScenarioResult) => void;
}

/** What a step did, reported next to what it was expected to do. */
export interface StepOutcome {
  readonly ok: boolean;
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The error code when refused. */
  readonly code?: string;
  /** The record's values for the fields the step expected, relations shown by their refs. */
  readonly values?: Readonly<Record<string, unknown>>;
}

/** One step's result: passed, failed (with its issues) or skipped after an earlier failure. */
export interface StepResult {
  readonly index: number;
  /** The step's JSON Pointer in its source, e.g. "/tests/0/steps/2". */
  readonly path: string;
  readonly do: string;
  readonly as?: string;
  readonly status: "passed" | "failed" | "skipped";
  readonly expected: {
    readonly ok: boolean;
    readonly code?: string;
    readonly values?: Readonly<Record<string, unknown>>;
  };
  readonly actual?: StepOutcome;
  readonly issues: readonly Issue[];
}

/** One scenario's result. `issues` are setup failures (publishing the app, inserting `given`). */
export interface ScenarioResult {
  readonly id: string;
  readonly label?: Scenario["label"];
  readonly source?: string;
  readonly path: string;
  readonly passed: boolean;
  readonly issues: readonly Issue[];
  readonly steps: readonly StepResult[];
}

/** Every scenario's result and the counts. */
export interface ScenarioRun {
  readonly passed: boolean;
  readonly counts: { readonly scenarios: number; readonly passed: number; readonly failed: number };
  readonly scenarios: readonly ScenarioResult[];
}
