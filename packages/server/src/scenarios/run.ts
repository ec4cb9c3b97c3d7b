import {
  type App,
  createRuntime,
  type Issue,
  type LocalizedMessage,
  type Runtime,
  type Scenario,
} from "@plinth/runtime";
import { type Answer, publishScenarioApp, type ScenarioServer, SETUP_USER, startScenarioServer } from "./harness.js";
import { scenarioIssue } from "./messages.js";
import type {
  RunScenariosOptions,
  ScenarioInput,
  ScenarioResult,
  ScenarioRun,
  StepOutcome,
  StepResult,
} from "./types.js";

type Step = Scenario["steps"][number];
type Values = Readonly<Record<string, unknown>>;

/** The app's own scenarios (`app.tests`) as inputs of {@link runScenarios}. */
export function appScenarios(app: App): ScenarioInput[] {
  return (app.tests ?? []).map((scenario, i) => ({ scenario, path: `/tests/${i}` }));
}

/**
 * Validate scenarios from files against an app with the core's own checks (structure, and
 * references to entities, fields, roles and workflows) by validating the app with them as its
 * `tests`. Returns the errors of each input, their paths pointing into the input's source.
 */
export function checkScenarios(
  app: App,
  inputs: readonly ScenarioInput[],
  runtime: Runtime = createRuntime(),
): Array<{ readonly input: ScenarioInput; readonly issues: Issue[] }> {
  const result = runtime.validateApp({ ...app, tests: inputs.map((i) => i.scenario) });
  return inputs.map((input, k) => {
    const prefix = `/tests/${k}`;
    const issues = result.issues
      .filter((i) => i.severity === "error" && (i.path === prefix || i.path.startsWith(`${prefix}/`)))
      .map((i) => ({ ...i, path: input.path + i.path.slice(prefix.length) }));
    return { input, issues };
  });
}

/** The relation fields of each entity: their values are record ids, written in scenarios as refs. */
function relationFields(app: App): Map<string, Set<string>> {
  return new Map(
    (app.entities ?? []).map((e) => [e.id, new Set(e.fields.filter((f) => f.kind === "relation").map((f) => f.id))]),
  );
}

const encode = encodeURIComponent;

/** The error an answer carries: its code, the codes of the issues inside it, and its message. */
function errorOf(answer: Answer): { code: string; codes: string[]; message: LocalizedMessage } {
  const body = answer.body as
    | {
        error?: {
          code?: string;
          message?: string;
          details?: {
            issues?: Array<{ code?: string; path?: string; message?: LocalizedMessage }>;
            messages?: LocalizedMessage;
          };
        };
      }
    | undefined;
  const error = body?.error;
  const code = error?.code ?? `HTTP ${answer.status}`;
  const inner = (error?.details?.issues ?? []).map((i) => String(i.code));
  // The server answers in the request's language and keeps both in details.messages.
  const text = error?.message ?? `HTTP ${answer.status}`;
  const own = error?.details?.messages ?? { en: text, "zh-CN": text };
  // "The data is not valid: 2 problems" says little; the problems themselves say what to fix.
  const issues = (error?.details?.issues ?? []).filter((i) => i.message !== undefined);
  const message =
    issues.length > 1
      ? {
          en: issues.map((i) => `${i.path ?? ""} ${i.message?.en}`.trim()).join("; "),
          "zh-CN": issues.map((i) => `${i.path ?? ""} ${i.message?.["zh-CN"]}`.trim()).join("；"),
        }
      : own;
  return { code, codes: [code, ...inner], message };
}

/** Numbers compare with a tolerance for decimal arithmetic; null and missing are the same. */
function sameValue(expected: unknown, actual: unknown): boolean {
  if (expected === null || expected === undefined) return actual === null || actual === undefined;
  if (typeof expected === "number" && typeof actual === "number")
    return Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected));
  if (Array.isArray(expected))
    return (
      Array.isArray(actual) && expected.length === actual.length && expected.every((e, i) => sameValue(e, actual[i]))
    );
  if (typeof expected === "object") {
    if (!actual || typeof actual !== "object" || Array.isArray(actual)) return false;
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const keys = new Set([...Object.keys(e), ...Object.keys(a)]);
    return [...keys].every((k) => sameValue(e[k], a[k]));
  }
  return expected === actual;
}

/** The state one scenario's steps share: its server, its users and the records named so far. */
class ScenarioRunner {
  private readonly refs = new Map<string, string>();
  private readonly users: Set<string>;
  private readonly relations: Map<string, Set<string>>;

  constructor(
    readonly server: ScenarioServer,
    private readonly app: App,
    scenario: Scenario,
  ) {
    this.users = new Set((scenario.users ?? []).map((u) => u.id));
    this.relations = relationFields(app);
  }

  private url(entity: string, id?: string, suffix = ""): string {
    const base = `/api/apps/${encode(this.app.id)}/data/${encode(entity)}`;
    return id === undefined ? base : `${base}/${encode(id)}${suffix}`;
  }

  /** Refs written in relation fields become the ids of the records they name. */
  private resolve(entity: string, values: Values): Record<string, unknown> {
    const relations = this.relations.get(entity) ?? new Set<string>();
    return Object.fromEntries(
      Object.entries(values).map(([k, v]) => [
        k,
        relations.has(k) && typeof v === "string" ? (this.refs.get(v) ?? v) : v,
      ]),
    );
  }

  /** Ids in relation fields shown as the refs that named them, so reports read like the scenario. */
  private describe(entity: string, values: Values): Record<string, unknown> {
    const relations = this.relations.get(entity) ?? new Set<string>();
    const byId = new Map([...this.refs].map(([ref, id]) => [id, ref]));
    return Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, relations.has(k) && typeof v === "string" ? (byId.get(v) ?? v) : v]),
    );
  }

  /** Insert the `given` records as the setup administrator; the first failure stops the scenario. */
  async given(scenario: Scenario, path: string): Promise<Issue | undefined> {
    for (const [j, record] of (scenario.given ?? []).entries()) {
      const answer = await this.server.request(
        SETUP_USER,
        "POST",
        this.url(record.entity),
        this.resolve(record.entity, record.values),
      );
      if (answer.status !== 201) {
        const error = errorOf(answer);
        return scenarioIssue("scenario.givenFailed", `${path}/given/${j}`, {
          entity: record.entity,
          actual: error.code,
          reason: error.message,
        });
      }
      if (record.ref !== undefined) this.refs.set(record.ref, String((answer.body as { id: unknown }).id));
    }
    return undefined;
  }

  /** Run one step and compare what happened with what it expects. */
  async step(step: Step, index: number, path: string): Promise<StepResult> {
    const expectOk = step.expect?.ok ?? step.expect?.code === undefined;
    const expected = {
      ok: expectOk,
      ...(step.expect?.code === undefined ? {} : { code: step.expect.code }),
      ...(step.expect?.values === undefined ? {} : { values: step.expect.values }),
    };
    const base = { index, path, do: step.do, ...(step.as === undefined ? {} : { as: step.as }), expected };
    const fail = (issues: Issue[], actual?: StepOutcome): StepResult => ({
      ...base,
      status: "failed",
      issues,
      ...(actual ? { actual } : {}),
    });

    if (step.advanceHours !== undefined && step.advanceHours > 0) {
      this.server.clock.advance(step.advanceHours * 3_600_000);
      await this.server.runDue();
    }
    const as = step.as ?? SETUP_USER;
    if (step.as !== undefined && !this.users.has(step.as))
      return fail([scenarioIssue("scenario.unknownUser", `${path}/as`, { user: step.as })]);
    const entity = step.entity;
    if (entity === undefined)
      return fail([scenarioIssue("scenario.missingTarget", path, { action: step.do, needs: "an entity ('entity')" })]);
    let id: string | undefined;
    if (step.do !== "create") {
      if (step.ref === undefined)
        return fail([scenarioIssue("scenario.missingTarget", path, { action: step.do, needs: "a record ('ref')" })]);
      id = this.refs.get(step.ref);
      if (id === undefined) return fail([scenarioIssue("scenario.unknownRef", `${path}/ref`, { ref: step.ref })]);
    }
    if (step.do === "transition" && step.transition === undefined)
      return fail([
        scenarioIssue("scenario.missingTarget", path, { action: step.do, needs: "a transition ('transition')" }),
      ]);

    const answer = await this.send(step, as, entity, id);
    const ok = answer.status < 400;
    const error = ok ? undefined : errorOf(answer);
    if (ok && step.do === "create" && step.ref !== undefined)
      this.refs.set(step.ref, String((answer.body as { id: unknown }).id));
    const recordId = id ?? (ok && step.do === "create" ? String((answer.body as { id: unknown }).id) : undefined);
    const record = ok ? await this.recordAfter(step, answer, entity, recordId) : await this.current(entity, recordId);

    const wanted = step.expect?.values ?? {};
    const shown = record
      ? this.describe(entity, Object.fromEntries(Object.keys(wanted).map((k) => [k, record[k]])))
      : undefined;
    const actual: StepOutcome = {
      ok,
      status: answer.status,
      ...(error ? { code: error.code } : {}),
      ...(step.expect?.values === undefined || shown === undefined ? {} : { values: shown }),
    };
    const action = `${step.as ?? "admin"}: ${step.do} ${entity}${step.ref === undefined ? "" : ` ${step.ref}`}`;
    const issues: Issue[] = [];
    if (expectOk && error) {
      issues.push(
        scenarioIssue("scenario.unexpectedError", path, { action, actual: error.code, reason: error.message }),
      );
    } else if (!expectOk && ok) {
      issues.push(
        scenarioIssue("scenario.unexpectedSuccess", `${path}/expect`, {
          action,
          expected: step.expect?.code ?? "an error",
        }),
      );
    } else if (!expectOk && error && step.expect?.code !== undefined && !error.codes.includes(step.expect.code)) {
      issues.push(
        scenarioIssue("scenario.wrongCode", `${path}/expect/code`, {
          action,
          expected: step.expect.code,
          actual: error.code,
          reason: error.message,
        }),
      );
    }
    const resolvedWanted = this.resolve(entity, wanted);
    for (const [field, value] of Object.entries(resolvedWanted)) {
      if (record && sameValue(value, record[field])) continue;
      issues.push(
        scenarioIssue("scenario.valueMismatch", `${path}/expect/values/${field}`, {
          field,
          expected: wanted[field],
          actual: shown?.[field],
        }),
      );
    }
    return issues.length > 0 ? fail(issues, actual) : { ...base, status: "passed", issues, actual };
  }

  private async send(step: Step, as: string, entity: string, id: string | undefined): Promise<Answer> {
    const values = this.resolve(entity, step.values ?? {});
    switch (step.do) {
      case "create":
        return this.server.request(as, "POST", this.url(entity), values);
      case "read":
        return this.server.request(as, "GET", this.url(entity, id));
      case "update": {
        // An edit names the version it changes; the scenario means "the record as it is now".
        const now = await this.server.request(SETUP_USER, "GET", this.url(entity, id));
        const version = (now.body as { version?: unknown } | undefined)?.version;
        return this.server.request(as, "PATCH", this.url(entity, id), values, { "if-match": `"${String(version)}"` });
      }
      case "delete":
        return this.server.request(as, "DELETE", this.url(entity, id));
      case "transition":
        return this.server.request(as, "POST", this.url(entity, id, `/actions/${encode(String(step.transition))}`), {
          ...(step.workflow === undefined ? {} : { workflow: step.workflow }),
        });
      case "submit":
      case "approve":
      case "reject":
      case "recall":
      case "return":
        return this.server.request(as, "POST", this.url(entity, id, `/actions/${step.do}`), {
          ...(step.workflow === undefined ? {} : { workflow: step.workflow }),
          ...(step.comment === undefined ? {} : { comment: step.comment }),
        });
    }
  }

  /** The record a successful step left: from its answer, or read back (after a delete: none). */
  private async recordAfter(
    step: Step,
    answer: Answer,
    entity: string,
    id: string | undefined,
  ): Promise<Record<string, unknown> | undefined> {
    if (step.do === "delete") return undefined;
    const body = answer.body as Record<string, unknown> | undefined;
    if (body && typeof body.record === "object" && body.record !== null) return body.record as Record<string, unknown>;
    if (step.do === "create" || step.do === "update" || step.do === "read") return body;
    return this.current(entity, id);
  }

  /** The record as stored now, read by the administrator (so a refused step's record can still be checked). */
  private async current(entity: string, id: string | undefined): Promise<Record<string, unknown> | undefined> {
    if (id === undefined) return undefined;
    const answer = await this.server.request(SETUP_USER, "GET", this.url(entity, id));
    return answer.status === 200 ? (answer.body as Record<string, unknown>) : undefined;
  }
}

/** The moment a scenario starts: 09:00 UTC on its `today`, or `now`. */
function startOf(scenario: Scenario, now: Date): Date {
  return scenario.today === undefined ? now : new Date(`${scenario.today}T09:00:00.000Z`);
}

async function runOne(app: App, input: ScenarioInput, runtime: Runtime, now: Date): Promise<ScenarioResult> {
  const { scenario, path } = input;
  const head = {
    id: scenario.id,
    ...(scenario.label === undefined ? {} : { label: scenario.label }),
    ...(input.source === undefined ? {} : { source: input.source }),
    path,
  };
  const skipAll = (from: number): StepResult[] =>
    scenario.steps.slice(from).map((s, k) => ({
      index: from + k,
      path: `${path}/steps/${from + k}`,
      do: s.do,
      ...(s.as === undefined ? {} : { as: s.as }),
      status: "skipped",
      expected: { ok: s.expect?.ok ?? s.expect?.code === undefined },
      issues: [scenarioIssue("scenario.skipped", `${path}/steps/${from + k}`, {})],
    }));
  const server = await startScenarioServer(runtime, startOf(scenario, now));
  try {
    const refused = await publishScenarioApp(server, app);
    if (refused) {
      const error = errorOf(refused);
      const issue = scenarioIssue("scenario.publishFailed", "", { actual: error.code, reason: error.message });
      return { ...head, passed: false, issues: [issue], steps: skipAll(0) };
    }
    await server.addUsers(
      app.id,
      (scenario.users ?? []).map((u) => ({
        id: u.id,
        roles: u.roles,
        attributes: Object.fromEntries(
          (["region", "team", "manager"] as const).flatMap((k) => (u[k] === undefined ? [] : [[k, u[k]]])),
        ),
      })),
    );
    const runner = new ScenarioRunner(server, app, scenario);
    const givenFailed = await runner.given(scenario, path);
    if (givenFailed) return { ...head, passed: false, issues: [givenFailed], steps: skipAll(0) };
    // One poll before the first step, as a running server polls from its start: scheduled and
    // time-based automations then count from the scenario's start, not from the first advanceHours.
    await runner.server.runDue();
    const steps: StepResult[] = [];
    for (const [k, step] of scenario.steps.entries()) {
      const result = await runner.step(step, k, `${path}/steps/${k}`);
      steps.push(result);
      if (result.status === "failed") {
        steps.push(...skipAll(k + 1));
        break;
      }
    }
    return { ...head, passed: steps.every((s) => s.status === "passed"), issues: [], steps };
  } finally {
    await server.close();
  }
}

/**
 * Run app-level scenarios, each on its own temporary server (the real engine over a fresh SQLite
 * file): publish the app, create the users with their roles and attributes, insert the `given`
 * records, then run each step as its user through the HTTP API and check its `expect`. A scenario
 * stops at its first failing step; the rest are reported as skipped. Scenarios should be valid
 * (see {@link checkScenarios}).
 *
 * @example
 * const run = await runScenarios(app, appScenarios(app));
 * if (!run.passed) for (const s of run.scenarios) console.log(s.id, s.passed);
 */
export async function runScenarios(
  app: App,
  scenarios: readonly ScenarioInput[] = appScenarios(app),
  options: RunScenariosOptions = {},
): Promise<ScenarioRun> {
  const runtime = options.runtime ?? createRuntime();
  const now = options.now ?? new Date();
  const results: ScenarioResult[] = [];
  for (const input of scenarios) {
    const result = await runOne(app, input, runtime, now);
    results.push(result);
    options.onScenario?.(result);
  }
  const passed = results.filter((r) => r.passed).length;
  return {
    passed: passed === results.length,
    counts: { scenarios: results.length, passed, failed: results.length - passed },
    scenarios: results,
  };
}
