/**
 * Workflow target: a stage-machine transition (guard evaluation, entry effects, history,
 * audit) against a plain record update, both through the full server in this process
 * (Fastify inject, SQLite file, durability normal), alternated round by round.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRuntime } from "../packages/runtime/src/index.js";
import { createWriteHooks, newId, systemClock } from "../packages/server/src/http/context.js";
import { createServer } from "../packages/server/src/http/createServer.js";
import { createSqliteStorage } from "../packages/server/src/storage/sqlite/index.js";
import { installDemoFile } from "./server/fixture.js";

export interface WorkflowBenchResult {
  readonly rounds: number;
  readonly perRound: number;
  readonly updateOpsPerSec: number;
  readonly transitionOpsPerSec: number;
  readonly ratio: number;
  readonly target: number;
  readonly pass: boolean;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export async function runWorkflowBench(
  rounds = 5,
  perRound = Number(process.env.BENCH_QUICK ? 60 : 150),
): Promise<WorkflowBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "plinth-bench-workflow-"));
  const file = join(dir, "plinth.sqlite");
  const demo = await installDemoFile(file, "normal");
  const runtime = createRuntime();
  const storage = createSqliteStorage({ file, durability: "normal", functions: runtime.functions });
  const app = await createServer({
    storage,
    runtime,
    clock: systemClock,
    newId,
    secureCookies: false,
    hooks: createWriteHooks(),
  });
  const headers = { authorization: `Bearer ${demo.tokens.admin}`, "content-type": "application/json" };
  const account = demo.accounts[0];
  const create = async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/apps/starter/data/opportunity",
      headers,
      payload: {
        name: "bench",
        account: account?.id,
        region: account?.region,
        amount: 1000,
        close_date: "2027-01-01",
        owner: demo.users.repEast,
      },
    });
    if (res.statusCode !== 201) throw new Error(`create failed: ${res.body}`);
    return (res.json() as { id: string }).id;
  };
  const updates: number[] = [];
  const transitions: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const a: string[] = [];
      const b: string[] = [];
      for (let i = 0; i < perRound; i++) {
        a.push(await create());
        b.push(await create());
      }
      const update = async () => {
        const start = performance.now();
        for (const id of a) {
          const res = await app.inject({
            method: "PATCH",
            url: `/api/apps/starter/data/opportunity/${id}`,
            headers: { ...headers, "if-match": '"1"' },
            payload: { amount: 2000 },
          });
          if (res.statusCode !== 200) throw new Error(`update failed: ${res.body}`);
        }
        updates.push((perRound / (performance.now() - start)) * 1000);
      };
      const transition = async () => {
        const start = performance.now();
        for (const id of b) {
          const res = await app.inject({
            method: "POST",
            url: `/api/apps/starter/data/opportunity/${id}/actions/qualify`,
            headers,
            payload: {},
          });
          if (res.statusCode !== 200) throw new Error(`transition failed: ${res.body}`);
        }
        transitions.push((perRound / (performance.now() - start)) * 1000);
      };
      if (round % 2 === 0) {
        await update();
        await transition();
      } else {
        await transition();
        await update();
      }
    }
  } finally {
    await app.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const updateOpsPerSec = median(updates);
  const transitionOpsPerSec = median(transitions);
  const ratio = transitionOpsPerSec / updateOpsPerSec;
  return { rounds, perRound, updateOpsPerSec, transitionOpsPerSec, ratio, target: 0.5, pass: ratio >= 0.5 };
}

export function formatWorkflowBench(r: WorkflowBenchResult): string {
  return [
    `Workflow: a transition (guard, entry effects, history, audit) vs a plain record update (durability normal, ${r.rounds} rounds × ${r.perRound})`,
    "",
    `plain PATCH update        ${r.updateOpsPerSec.toFixed(0)} ops/s (baseline)`,
    `transition 'qualify'      ${r.transitionOpsPerSec.toFixed(0)} ops/s  ${r.ratio.toFixed(2)}x`,
    "",
    `Target: transition >= ${r.target}x update: ${r.ratio.toFixed(2)}x ${r.pass ? "PASS" : "FAIL"}`,
  ].join("\n");
}

if (process.argv[1]?.endsWith("workflow.bench.ts")) {
  console.log(formatWorkflowBench(await runWorkflowBench()));
}
