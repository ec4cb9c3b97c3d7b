import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyOverlay, applyRefactorEdits, FieldTypes, indexApp, renameEdits } from "../src/index.js";
import { createRuntime } from "../src/runtime.js";
import type { App } from "../src/schema/types.js";
import { compileComputation } from "../src/workflow/computation.js";
import { percentile, percentRank, rankDescending } from "../src/workflow/peerStats.js";

const label = (en: string) => ({ en, "zh-CN": en });

const app = {
  schemaVersion: 1,
  id: "pool",
  version: "1.0.0",
  entities: [
    {
      id: "round",
      label: label("Round"),
      fields: [
        { id: "pool", kind: "number", label: label("Pool") },
        {
          id: "status",
          kind: "select",
          label: label("Status"),
          options: [
            { value: "a", label: label("A") },
            { value: "b", label: label("B") },
          ],
        },
        { id: "eligible_people", kind: "number", label: label("Eligible") },
      ],
    },
    {
      id: "person",
      label: label("Person"),
      fields: [
        { id: "round", kind: "relation", label: label("Round"), target: "round" },
        { id: "team", kind: "text", label: label("Team") },
        { id: "score", kind: "number", label: label("Score") },
        { id: "weight", kind: "number", label: label("Weight") },
        { id: "basis", kind: "number", label: label("Basis") },
        { id: "bonus", kind: "number", label: label("Bonus") },
        { id: "rank", kind: "number", label: label("Rank in team") },
      ],
    },
  ],
  workflows: [
    {
      kind: "stateMachine",
      id: "round_status",
      entity: "round",
      field: "status",
      initial: "a",
      states: [{ id: "a" }, { id: "b", final: true }],
      transitions: [{ id: "go", label: label("Go"), from: ["a"], to: "b" }],
    },
  ],
  computations: [
    {
      id: "share",
      entity: "person",
      runOn: { entity: "round", workflow: "round_status", transition: "go" },
      match: { round: "id" },
      where: "NOT ISBLANK(score)",
      stats: {
        total: { aggregate: "sum", field: "basis", filter: "score >= 60" },
        rank: { aggregate: "rank", field: "score", partitionBy: ["team"] },
      },
      values: {
        basis: "IF(score >= 60, score * weight, 0)",
        // sees the basis just computed, and the total over the bases as stored before the run
        bonus: "ROUND($run.pool * basis / $stats.total, 2)",
        rank: "$stats.rank",
      },
      summary: { eligible_people: { aggregate: "count", filter: "basis > 0" } },
    },
  ],
} as unknown as App;

describe("compileComputation", () => {
  const runtime = createRuntime();
  const validated = runtime.validateApp(app);
  const model = indexApp(app);
  const functions = runtime.functions as never;
  const computation = compileComputation(app.computations?.[0] as never, {
    model,
    types: new FieldTypes(model, functions),
    functions,
  });
  const env = { today: "2026-06-15", now: "2026-06-15T00:00:00.000Z", user: { id: "u" }, lookup: () => null };

  it("validates", () => {
    expect(validated.issues).toEqual([]);
    expect(computation.runsOn("round", "round_status", "go")).toBe(true);
    expect(computation.runsOn("round", "round_status", "other")).toBe(false);
    expect(computation.matchValues({ id: "r1" }, env)).toEqual({ ok: true, values: { round: "r1" } });
  });

  it("computes per partition, each value seeing the ones before it, and summarises after the update", () => {
    const rows = [
      { id: "1", version: 3, team: "x", score: 80, weight: 1, basis: 80 },
      { id: "2", version: 1, team: "x", score: 90, weight: 2, basis: 180 },
      { id: "3", version: 1, team: "y", score: 50, weight: 1, basis: 50 },
      { id: "4", version: 1, team: "y", score: null, weight: 1 },
    ];
    const result = computation.compute(rows, { id: "r1", pool: 1000 }, env);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // Σ basis over score ≥ 60 (80 + 180 = 260); person 3 is below 60, person 4 has no score (not kept).
    expect(result.updates).toEqual([
      { id: "1", version: 3, values: { bonus: 307.69, rank: 2 } },
      { id: "2", version: 1, values: { bonus: 692.31, rank: 1 } },
      { id: "3", version: 1, values: { basis: 0, bonus: 0, rank: 1 } },
    ]);
    expect(result.summary).toEqual({ eligible_people: 2 });
    expect(result.log).toEqual({ records: 3, updated: 3, partitions: { total: 1, rank: 2 } });
    // Nothing changes on a second run over the written values.
    const again = computation.compute(
      rows.map((r) => ({ ...r, ...result.updates.find((u) => u.id === r.id)?.values })),
      { id: "r1", pool: 1000 },
      env,
    );
    expect(again.ok && again.updates).toEqual([]);
  });

  it("a regional overlay addresses a computation by its id", () => {
    const result = applyOverlay(app, [
      { op: "set", target: "/computations/share/stats/total/filter", value: "score >= 70" },
    ]);
    expect(result.issues).toEqual([]);
    expect(result.app.computations?.[0]?.stats?.total?.filter).toBe("score >= 70");
  });

  it("renaming a field rewrites it in the computations: keys, statistics, partitions and formulas", () => {
    const copy = structuredClone(app);
    const refs = runtime.references(copy);
    if (!refs.ok) throw new Error("references");
    const result = renameEdits(copy, refs.refs, { kind: "field", entity: "person", id: "score" }, "cvi");
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(applyRefactorEdits(copy, result.edits)).toEqual([]);
    const renamed = copy.computations?.[0];
    expect(renamed?.where).toBe("NOT ISBLANK(cvi)");
    expect(renamed?.stats?.total?.filter).toBe("cvi >= 60");
    expect(renamed?.stats?.rank?.field).toBe("cvi");
    expect(renamed?.values.basis).toBe("IF(cvi >= 60, cvi * weight, 0)");
    const team = runtime.references(copy);
    expect(team.ok).toBe(true);
    const teamRename = renameEdits(
      copy,
      team.ok ? team.refs : [],
      { kind: "field", entity: "person", id: "team" },
      "squad",
    );
    if (!teamRename.ok) throw new Error("rename");
    applyRefactorEdits(copy, teamRename.edits);
    expect(copy.computations?.[0]?.stats?.rank?.partitionBy).toEqual(["squad"]);
    // Keys name fields too: the target's (values) and the run's (summary).
    for (const [entity, id, to] of [
      ["person", "bonus", "award"],
      ["round", "eligible_people", "eligible"],
    ] as const) {
      const now = runtime.references(copy);
      const edits = renameEdits(copy, now.ok ? now.refs : [], { kind: "field", entity, id }, to);
      if (!edits.ok) throw new Error("rename");
      expect(applyRefactorEdits(copy, edits.edits)).toEqual([]);
    }
    expect(copy.computations?.[0]?.values.award).toBe("ROUND($run.pool * basis / $stats.total, 2)");
    expect(Object.keys(copy.computations?.[0]?.summary ?? {})).toEqual(["eligible"]);
    expect(runtime.validateApp(copy).issues).toEqual([]);
  });

  it("per-record places and per-partition statistics agree with the reference functions (property)", () => {
    const placing = compileComputation(
      {
        id: "places",
        entity: "person",
        runOn: { entity: "round", workflow: "round_status", transition: "go" },
        stats: {
          rank: { aggregate: "rank", field: "score", partitionBy: ["team"] },
          pr: { aggregate: "percentRank", field: "score", partitionBy: ["team"] },
          p90: { aggregate: "percentile", field: "score", p: 90, partitionBy: ["team"] },
        },
        values: { rank: "$stats.rank", weight: "$stats.pr", basis: "$stats.p90" },
      } as never,
      { model, types: new FieldTypes(model, functions), functions },
    );
    const row = fc.record({
      team: fc.constantFrom("a", "b", "c"),
      score: fc.option(fc.integer({ min: -5, max: 5 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (people) => {
        const rows = people.map((p, i) => ({ id: String(i), version: 1, ...p }));
        const result = placing.compute(rows, { id: "r" }, env);
        if (!result.ok) throw new Error(result.issue.message.en);
        for (const r of rows) {
          const got = { rank: null, weight: null, basis: null, ...result.updates.find((u) => u.id === r.id)?.values };
          const peers = rows.filter((o) => o.team === r.team && o.score !== null).map((o) => o.score as number);
          expect(got.basis).toBe(peers.length === 0 ? null : percentile(peers, 90));
          expect(got.rank).toBe(r.score === null ? null : rankDescending(peers, r.score));
          expect(got.weight).toBe(r.score === null ? null : percentRank(peers, r.score));
        }
      }),
      { seed: 20261205 },
    );
  });
});
