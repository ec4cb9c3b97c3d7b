import { validateApp } from "@plinth/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, publish, startHarness } from "./automationHarness.js";

let h: Harness;
afterEach(async () => h?.close());

type Json = Record<string, unknown>;
const label = (en: string) => ({ en, "zh-CN": en });

/** A small app: scores of people in groups, and a run record whose `run` transition computes them. */
function scoresApp(computations: readonly Json[]): Json {
  return {
    schemaVersion: 1,
    id: "scores",
    version: "1.0.0",
    label: label("Scores"),
    roles: [{ id: "hr", label: label("HR") }],
    entities: [
      {
        id: "batch",
        label: label("Batch"),
        fields: [
          { id: "name", kind: "text", label: label("Name") },
          { id: "pool", kind: "number", label: label("Pool") },
          {
            id: "status",
            kind: "select",
            label: label("Status"),
            options: [
              { value: "ready", label: label("Ready") },
              { value: "done", label: label("Done") },
            ],
            default: "ready",
          },
          { id: "flagged", kind: "number", label: label("Flagged") },
          { id: "rho", kind: "number", label: label("Rho") },
          { id: "paid", kind: "number", label: label("Paid") },
        ],
      },
      {
        id: "score",
        label: label("Score"),
        fields: [
          { id: "batch", kind: "relation", label: label("Batch"), target: "batch" },
          { id: "grp", kind: "text", label: label("Group") },
          { id: "raw", kind: "number", label: label("Raw") },
          { id: "other", kind: "number", label: label("Other") },
          { id: "norm", kind: "number", label: label("Normalised") },
          { id: "pr", kind: "number", label: label("Percent rank") },
          { id: "edge", kind: "boolean", label: label("Edge case") },
          { id: "share", kind: "number", label: label("Share") },
          {
            id: "bonus_share",
            kind: "formula",
            label: label("Doubled"),
            expression: "share * 2",
            resultType: "number",
          },
        ],
      },
    ],
    workflows: [
      {
        kind: "stateMachine",
        id: "batch_status",
        entity: "batch",
        field: "status",
        initial: "ready",
        states: [{ id: "ready" }, { id: "done" }],
        transitions: [
          { id: "run", label: label("Run"), from: ["ready"], to: "done" },
          { id: "reopen", label: label("Reopen"), from: ["done"], to: "ready" },
        ],
      },
    ],
    computations,
  };
}

const normalise = {
  id: "normalise",
  label: label("Normalise"),
  entity: "score",
  runOn: { entity: "batch", workflow: "batch_status", transition: "run" },
  match: { batch: "id" },
  where: "NOT ISBLANK(raw)",
  stats: {
    p5: { aggregate: "percentile", field: "raw", p: 5, partitionBy: ["grp"] },
    p95: { aggregate: "percentile", field: "raw", p: 95, partitionBy: ["grp"] },
    pr: { aggregate: "percentRank", field: "raw", partitionBy: ["grp"] },
    total: { aggregate: "sum", field: "raw" },
  },
  values: {
    edge: "$stats.p95 = $stats.p5",
    norm: "IF(edge, 100, ROUND(MAX(0, MIN(1, (raw - $stats.p5) / ($stats.p95 - $stats.p5))) * 100, 2))",
    pr: "ROUND($stats.pr * 100, 2)",
    share: "ROUND($run.pool * raw / $stats.total, 2)",
  },
  summary: {
    flagged: { aggregate: "count", filter: "edge" },
    rho: { aggregate: "spearman", field: "raw", with: "other" },
    paid: { aggregate: "sum", field: "share" },
  },
};

async function create(entity: string, values: Json) {
  const res = await h.admin.request("POST", `/api/apps/scores/data/${entity}`, { body: values });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Json & { id: string }>();
}

async function list(entity: string) {
  const res = await h.admin.request("GET", `/api/apps/scores/data/${entity}?limit=100`);
  return res.json<{ records: Json[] }>().records;
}

describe("computations across records", () => {
  it("normalise within peer groups, flag a degenerate group, share a pool, summarise to the run and audit it", async () => {
    h = await startHarness();
    await publish(h, scoresApp([normalise]));
    const batch = await create("batch", { name: "Q3", pool: 1000 });
    const other = await create("batch", { name: "Q4", pool: 1 });
    // group a: 0, 10, 20, 30, 40 (p5 = 2, p95 = 38); group z: all 0 (p5 = p95); one blank raw.
    const a = [0, 10, 20, 30, 40];
    for (const [i, raw] of a.entries()) await create("score", { batch: batch.id, grp: "a", raw, other: 40 - i });
    for (let i = 0; i < 3; i++) await create("score", { batch: batch.id, grp: "z", raw: 0, other: i });
    const blank = await create("score", { batch: batch.id, grp: "a" });
    const elsewhere = await create("score", { batch: other.id, grp: "a", raw: 5 });

    const res = await h.admin.request("POST", `/api/apps/scores/data/batch/${batch.id}/actions/run`, { body: {} });
    expect(res.statusCode, res.body).toBe(200);

    const scores = await list("score");
    const byRaw = (grp: string, raw: number) =>
      scores.find((s) => s.grp === grp && s.raw === raw && s.batch === batch.id);
    expect(byRaw("a", 0)).toMatchObject({ norm: 0, pr: 10, edge: false, share: 0 });
    expect(byRaw("a", 20)).toMatchObject({ norm: 50, pr: 50, share: 200 });
    expect(byRaw("a", 40)).toMatchObject({ norm: 100, pr: 90, share: 400, bonus_share: 800 });
    expect(byRaw("a", 10)).toMatchObject({ norm: 22.22 });
    for (const s of scores.filter((x) => x.grp === "z")) expect(s).toMatchObject({ norm: 100, edge: true, pr: 50 });
    // `where` left the blank one alone; the match left the other batch alone.
    expect(scores.find((s) => s.id === blank.id)).toMatchObject({ norm: null, edge: null });
    expect(scores.find((s) => s.id === elsewhere.id)).toMatchObject({ norm: null });

    const run = (await h.admin.request("GET", `/api/apps/scores/data/batch/${batch.id}`)).json<Json>();
    // Spearman over the 8 pairs with ties at 0 (fractional ranks), as scipy.stats.spearmanr gives.
    expect(run).toMatchObject({ status: "done", flagged: 3, paid: 1000 });
    expect(run.rho).toBeCloseTo(0.27904, 5);

    const audits = await h.audit("computation.run");
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      entity: "batch",
      recordId: batch.id,
      diff: { computation: "normalise", records: 8, updated: 8, partitions: { p5: 2, p95: 2, pr: 2, total: 1 } },
    });
    expect(await h.audit("record.compute")).toHaveLength(9); // 8 scores + the run's summary

    // Running again changes nothing: only the summary row is rewritten (same values → no diff rows).
    await h.admin.request("POST", `/api/apps/scores/data/batch/${batch.id}/actions/reopen`, { body: {} });
    await h.admin.request("POST", `/api/apps/scores/data/batch/${batch.id}/actions/run`, { body: {} });
    expect((await h.audit("computation.run"))[1]).toMatchObject({ diff: { records: 8, updated: 0 } });
  });

  it("a computed value the record refuses (a rule) refuses the transition; nothing is written", async () => {
    h = await startHarness();
    const app = scoresApp([{ ...normalise, values: { norm: "raw * 1000" }, summary: {} }]);
    const score = (app.entities as Json[])[1] as Json;
    score.rules = [{ id: "norm_max", invalidWhen: "norm > 100", field: "norm", message: label("At most 100") }];
    await publish(h, app);
    const batch = await create("batch", { name: "Q3", pool: 1 });
    await create("score", { batch: batch.id, grp: "a", raw: 1 });
    const res = await h.admin.request("POST", `/api/apps/scores/data/batch/${batch.id}/actions/run`, { body: {} });
    expect(res.statusCode, res.body).toBe(422);
    const after = (await h.admin.request("GET", `/api/apps/scores/data/batch/${batch.id}`)).json<Json>();
    expect(after.status).toBe("ready");
  });

  it("validateApp checks computations: fields, stats, run entity, and formula variables", () => {
    const bad = scoresApp([
      {
        ...normalise,
        runOn: { entity: "batch", workflow: "batch_status", transition: "runn" },
        stats: { p5: { aggregate: "percentile", field: "raw" }, s: { aggregate: "sum", field: "grp" } },
        values: { bonus_share: "1", norm: "$stats.nope + 1" },
        summary: { flagged: { aggregate: "percentRank", field: "raw" } },
      },
      normalise,
    ]);
    const issues = validateApp(bad).issues;
    const paths = issues.map((i) => `${i.code} ${i.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        "schema.unknownReference /computations/0/runOn/transition",
        "schema.required /computations/0/stats/p5",
        "schema.wrongFieldKind /computations/0/stats/s/field",
        "schema.wrongFieldKind /computations/0/values/bonus_share",
        "formula.unknownVariable /computations/0/values/norm",
        "schema.enum /computations/0/summary/flagged/aggregate",
        "schema.duplicateId /computations/1/id",
      ]),
    );
  });
});
