/**
 * The server benchmarks (the server issue's targets), each figure through the real Plinth
 * server beside the same work done by a hand-written Fastify + better-sqlite3 server
 * (handWritten.ts), measured in the same run:
 *
 * 1. create: POST an opportunity (validation, permissions, audit) under autocannon,
 *    at both durability settings; target Plinth >= 0.6x the hand-written throughput.
 * 2. list: a filtered, sorted 50-row page of a large opportunity table, as admin and as
 *    manager.east (row scope: region east); target p99 <= 2x.
 * 3. aggregate: the dashboard's pipeline-by-stage query over the same table; target mean
 *    and p99 <= 1.5x.
 *
 * Servers run in child processes (processes.ts); database files go to os.tmpdir() and are
 * deleted at the end.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Durability } from "../../packages/server/src/storage/sqlite/connection.js";
import { closeEnough, formatTable } from "../harness.js";
import {
  bulkLoadOpportunities,
  type DemoFile,
  installDemoFile,
  LIST_PAGE_QUERY,
  newOpportunityBodies,
  STAGE_AGGREGATE_BODY,
} from "./fixture.js";
import { type HttpCall, type LatencySummary, measureThroughput, sampleInterleaved, sendExpecting } from "./load.js";
import { type ServeRequest, type ServerProcess, spawnServers, stopServers } from "./processes.js";

export interface ServerBenchOptions {
  /** Opportunity rows in the table that the list and aggregate benchmarks read. */
  readonly rows: number;
  /** autocannon's timed run, and the least time spent sampling each list page. */
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  /** Sequential aggregate requests per server (after warm-up). */
  readonly aggregateSamples: number;
}

/**
 * 1,000,000 rows and 5-second runs; `BENCH_QUICK=1` shrinks them to 100,000 rows and 2 s,
 * and `BENCH_SERVER_ROWS` sets the row count alone.
 */
export function serverBenchOptions(env: NodeJS.ProcessEnv = process.env): ServerBenchOptions {
  const quick = env.BENCH_QUICK === "1";
  const rows = Number(env.BENCH_SERVER_ROWS ?? (quick ? 100_000 : 1_000_000));
  if (!Number.isInteger(rows) || rows < 1000)
    throw new Error(`BENCH_SERVER_ROWS must be an integer >= 1000, got ${rows}`);
  return {
    rows,
    durationSeconds: quick ? 2 : 5,
    warmupSeconds: 1,
    connections: 10,
    aggregateSamples: quick ? 20 : 30,
  };
}

/** One figure: Plinth beside the hand-written server, and the target on their ratio. */
export interface ServerFigure {
  readonly name: string;
  readonly durability: Durability;
  readonly unit: "req/s" | "ms";
  readonly plinth: number;
  readonly handWritten: number;
  /** Plinth / hand-written. */
  readonly ratio: number;
  /** The target on the ratio: at least (throughput) or at most (latency); none for context-only figures. */
  readonly target?: { readonly atLeast: number } | { readonly atMost: number };
  readonly pass?: boolean;
  /** How the figure was measured (samples, seconds). */
  readonly basis: string;
}

export interface ServerBenchResult {
  readonly options: ServerBenchOptions;
  /** Time to install the demo and bulk-load the read table (not part of any figure). */
  readonly loadMs: number;
  readonly totalMs: number;
  readonly figures: readonly ServerFigure[];
  /** Each check that Plinth and the hand-written server answered the same. */
  readonly checks: ReadonlyArray<{ readonly name: string; readonly ok: boolean; readonly detail?: string }>;
}

/** Reads never commit, so `synchronous` does not touch them: they run once, at Plinth's default. */
const READ_DURABILITY: Durability = "full";
/** The hand-written server's form of LIST_PAGE_QUERY's filter. */
const MIN_AMOUNT = 500_000;

function figure(
  name: string,
  durability: Durability,
  unit: ServerFigure["unit"],
  plinth: number,
  handWritten: number,
  basis: string,
  target?: ServerFigure["target"],
): ServerFigure {
  const ratio = plinth / handWritten;
  if (!target) return { name, durability, unit, plinth, handWritten, ratio, basis };
  const pass = "atLeast" in target ? ratio >= target.atLeast : ratio <= target.atMost;
  return { name, durability, unit, plinth, handWritten, ratio, target, pass, basis };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Both servers up at once: idle, the one not under load costs nothing. */
async function spawnPair(plinth: ServeRequest, hand: ServeRequest): Promise<[ServerProcess, ServerProcess]> {
  const [a, b] = await spawnServers([plinth, hand]);
  return [a as ServerProcess, b as ServerProcess];
}

/** 1. POST /api/apps/starter/data/opportunity vs the hand-written insert + audit, at one durability. */
async function benchCreate(dir: string, durability: Durability, options: ServerBenchOptions): Promise<ServerFigure> {
  const demo = await installDemoFile(join(dir, `create-plinth-${durability}.sqlite`), durability);
  const handToken = `hand_${demo.tokens.admin.slice(-32)}`;
  const [plinth, hand] = await spawnPair(
    { kind: "plinth", file: demo.file, durability },
    {
      kind: "hand",
      durability,
      createFile: join(dir, `create-hand-${durability}.sqlite`),
      token: handToken,
      userId: demo.users.admin,
    },
  );
  try {
    // One sequence of bodies for both servers.
    const body = newOpportunityBodies(demo);
    const plinthUrl = `${plinth.baseUrl}/api/apps/starter/data/opportunity`;
    const handUrl = `${hand.baseUrl}/opportunity`;
    await sendExpecting({ method: "POST", url: plinthUrl, headers: bearer(demo.tokens.admin), body: body() }, 201);
    await sendExpecting({ method: "POST", url: handUrl, headers: bearer(handToken), body: body() }, 201);
    const [plinthResult, handResult] = await measureThroughput(
      [
        { url: plinthUrl, headers: bearer(demo.tokens.admin) },
        { url: handUrl, headers: bearer(handToken) },
      ],
      {
        body,
        connections: options.connections,
        warmupSeconds: options.warmupSeconds,
        durationSeconds: options.durationSeconds,
      },
    );
    if (!plinthResult || !handResult) throw new Error("measureThroughput returned no result");
    for (const [who, result] of [
      ["Plinth", plinthResult],
      ["hand-written", handResult],
    ] as const) {
      if (result.failed > 0)
        throw new Error(`create (${durability}): ${who} failed ${result.failed} requests: ${result.firstFailure}`);
    }
    return figure(
      "create opportunity (req/s)",
      durability,
      "req/s",
      plinthResult.requestsPerSecond,
      handResult.requestsPerSecond,
      `autocannon ${options.connections} conns, ${options.durationSeconds}x1 s`,
      { atLeast: 0.6 },
    );
  } finally {
    await stopServers([plinth, hand]);
  }
}

interface ListPage {
  readonly records: ReadonlyArray<{ readonly id: string }>;
}
interface StageRow {
  readonly stage: string;
  readonly amount: number;
  readonly n: number;
}

/** 2. and 3.: list pages and the aggregate over one bulk-loaded table. */
async function benchReads(
  demo: DemoFile,
  options: ServerBenchOptions,
  checks: Array<ServerBenchResult["checks"][number]>,
): Promise<ServerFigure[]> {
  const handToken = `hand_${demo.tokens.admin.slice(-32)}`;
  const [plinth, hand] = await spawnPair(
    { kind: "plinth", file: demo.file, durability: READ_DURABILITY },
    {
      kind: "hand",
      durability: READ_DURABILITY,
      readFile: demo.file,
      readTable: demo.table,
      token: handToken,
      userId: demo.users.admin,
    },
  );
  try {
    const plinthList = (token: string): HttpCall => ({
      method: "GET",
      url: `${plinth.baseUrl}/api/apps/starter/data/opportunity?${LIST_PAGE_QUERY}`,
      headers: bearer(token),
    });
    const handList = (region?: string, tuned = false): HttpCall => ({
      method: "GET",
      url: `${hand.baseUrl}/opportunity?minAmount=${MIN_AMOUNT}${region ? `&region=${region}` : ""}${tuned ? "&tuned=true" : ""}`,
      headers: bearer(handToken),
    });
    const plinthAggregate: HttpCall = {
      method: "POST",
      url: `${plinth.baseUrl}/api/apps/starter/query`,
      headers: bearer(demo.tokens.admin),
      body: STAGE_AGGREGATE_BODY,
    };
    const handAggregate: HttpCall = {
      method: "GET",
      url: `${hand.baseUrl}/opportunity/by-stage`,
      headers: bearer(handToken),
    };

    const lists: ReadonlyArray<{ who: string; plinth: HttpCall; hand: HttpCall; tuned?: HttpCall }> = [
      { who: "admin", plinth: plinthList(demo.tokens.admin), hand: handList() },
      {
        who: "manager.east",
        plinth: plinthList(demo.tokens.manager),
        hand: handList("east"),
        tuned: handList("east", true),
      },
    ];
    // Both servers must answer the same rows, or the comparison means nothing.
    const ids = async (call: HttpCall) =>
      (JSON.parse(await sendExpecting(call, 200)) as ListPage).records.map((r) => r.id).join(",");
    for (const list of lists) {
      const expected = await ids(list.plinth);
      const baselines = list.tuned ? { "": list.hand, ", tuned SQL": list.tuned } : { "": list.hand };
      for (const [label, call] of Object.entries(baselines)) {
        const same = expected !== "" && (await ids(call)) === expected;
        checks.push({ name: `list page as ${list.who}${label}: same 50 ids in the same order`, ok: same });
      }
    }
    // By stage name: Plinth lists the groups in the stage field's option order, the hand-written server alphabetically.
    const stages = async (call: HttpCall) =>
      (JSON.parse(await sendExpecting(call, 200)) as { rows: StageRow[] }).rows.sort((a, b) =>
        a.stage < b.stage ? -1 : a.stage > b.stage ? 1 : 0,
      );
    const [plinthStages, handStages] = [await stages(plinthAggregate), await stages(handAggregate)];
    const sameStages =
      plinthStages.length === handStages.length &&
      plinthStages.every((row, i) => {
        const other = handStages[i];
        return other?.stage === row.stage && other.n === row.n && closeEnough(other.amount, row.amount);
      });
    checks.push({
      name: "aggregate by stage: same groups, sums and counts",
      ok: sameStages,
      detail: sameStages ? undefined : JSON.stringify({ plinth: plinthStages, hand: handStages }),
    });

    const figures: ServerFigure[] = [];
    const latencyFigures = (
      name: string,
      plinthStats: LatencySummary,
      handStats: LatencySummary,
      p99Target?: number,
      meanTarget?: number,
    ) => {
      const basis = `sequential, n=${plinthStats.samples}/${handStats.samples}`;
      figures.push(
        figure(
          `${name}, mean (ms)`,
          READ_DURABILITY,
          "ms",
          plinthStats.meanMs,
          handStats.meanMs,
          basis,
          meanTarget === undefined ? undefined : { atMost: meanTarget },
        ),
        figure(
          `${name}, p99 (ms)`,
          READ_DURABILITY,
          "ms",
          plinthStats.p99Ms,
          handStats.p99Ms,
          basis,
          p99Target === undefined ? undefined : { atMost: p99Target },
        ),
      );
    };
    for (const list of lists) {
      const calls = list.tuned ? [list.plinth, list.hand, list.tuned] : [list.plinth, list.hand];
      const [plinthStats, handStats, tunedStats] = await sampleInterleaved(calls, {
        warmup: 5,
        durationMs: options.durationSeconds * 1000,
        minSamples: 30,
        maxSamples: 5000,
      });
      latencyFigures(`list page, ${list.who}`, plinthStats as LatencySummary, handStats as LatencySummary, 2);
      if (tunedStats) {
        latencyFigures(`list page, ${list.who} vs tuned SQL`, plinthStats as LatencySummary, tunedStats);
      }
    }
    const [plinthStats, handStats] = await sampleInterleaved([plinthAggregate, handAggregate], {
      warmup: 3,
      durationMs: 0,
      minSamples: options.aggregateSamples,
      maxSamples: options.aggregateSamples,
    });
    latencyFigures("aggregate by stage", plinthStats as LatencySummary, handStats as LatencySummary, 1.5, 1.5);
    return figures;
  } finally {
    await stopServers([plinth, hand]);
  }
}

/** Run every server benchmark; the temporary folder is removed whatever happens. */
export async function runServerBench(options: ServerBenchOptions = serverBenchOptions()): Promise<ServerBenchResult> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), "plinth-server-bench-"));
  const checks: Array<ServerBenchResult["checks"][number]> = [];
  try {
    const figures: ServerFigure[] = [];
    for (const durability of ["full", "normal"] as const) figures.push(await benchCreate(dir, durability, options));
    const loadStarted = performance.now();
    const demo = await installDemoFile(join(dir, "read.sqlite"), READ_DURABILITY);
    bulkLoadOpportunities(demo, options.rows);
    const loadMs = performance.now() - loadStarted;
    figures.push(...(await benchReads(demo, options, checks)));
    return { options, loadMs, totalMs: performance.now() - started, figures, checks };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function formatValue(value: number, unit: ServerFigure["unit"]): string {
  return unit === "req/s" ? value.toFixed(0) : value.toFixed(2);
}

function formatTarget(f: ServerFigure): string {
  if (!f.target) return "";
  return "atLeast" in f.target ? `>= ${f.target.atLeast}x` : `<= ${f.target.atMost}x`;
}

/** The result as the text `pnpm bench` prints: one table, then the consistency checks. */
export function formatServerBench(result: ServerBenchResult): string {
  const { options } = result;
  const table = formatTable(
    ["figure", "durability", "Plinth", "hand-written", "ratio", "target", "result", "measured"],
    result.figures.map((f) => [
      f.name,
      f.durability,
      formatValue(f.plinth, f.unit),
      formatValue(f.handWritten, f.unit),
      `${f.ratio.toFixed(2)}x`,
      formatTarget(f),
      f.pass === undefined ? "" : f.pass ? "PASS" : "FAIL",
      f.basis,
    ]),
  );
  const checks = result.checks.map(
    (c) => `  ${c.ok ? "ok  " : "FAIL"} ${c.name}${c.detail === undefined ? "" : `: ${c.detail}`}`,
  );
  return [
    `Server: Plinth through HTTP vs a hand-written Fastify + better-sqlite3 server (ratio = Plinth / hand-written).`,
    `Reads over ${options.rows.toLocaleString("en")} opportunities (loaded in ${(result.loadMs / 1000).toFixed(1)} s, not measured); reads do not commit, so they run at one durability.\n`,
    table,
    "\nSame answers from both servers:",
    ...checks,
    `\nServer benchmarks took ${(result.totalMs / 1000).toFixed(0)} s.`,
  ].join("\n");
}
