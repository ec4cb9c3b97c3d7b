/**
 * The scale-out benchmarks (issue 8, point 5), each through real Plinth servers in child
 * processes over the same demo and the same bulk-loaded opportunities, measured in one run:
 *
 * a. SQLite vs PostgreSQL, one process each: throughput of record creation (POST an
 *    opportunity, as the server bench does), of list pages (a filtered, sorted 50-row page)
 *    and of the dashboard's amount-by-stage query over every row (PostgreSQL adds exact
 *    numerics there, so that a sum does not depend on the order rows are read in); baseline
 *    SQLite (ratio = PostgreSQL / SQLite).
 * b. One vs three processes over one PostgreSQL database, the load dealt out over the three
 *    ports connection by connection, with the same total connections; baseline one process.
 *
 * The one-process PostgreSQL server of (a) is also the first of the three of (b), and all four
 * servers stay up together: the load alternates between the set-ups in one-second slices, and
 * idle servers cost nothing. Lists are measured before creates, so every set-up reads the
 * same rows. PostgreSQL comes from postgres.ts (PLINTH_BENCH_PG_URL or a throwaway cluster);
 * without one the benchmark is skipped.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { cleanUpOnExit, formatTable } from "../harness.js";
import {
  bulkLoadOpportunities,
  bulkLoadOpportunitiesPostgres,
  type DemoData,
  installDemoFile,
  installDemoPostgres,
  LIST_PAGE_QUERY,
  newOpportunityBodies,
  STAGE_AGGREGATE_BODY,
} from "./fixture.js";
import { measureThroughput, sendExpecting, type ThroughputResult, type ThroughputTarget } from "./load.js";
import { type BenchDatabase, createBenchDatabase, findBenchPostgres, type PostgresSource } from "./postgres.js";
import { type ServerProcess, spawnServers, stopServers } from "./processes.js";

export interface ScaleBenchOptions {
  /** Opportunity rows in each database. */
  readonly rows: number;
  /** Timed one-second slices per set-up and measure. */
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  /** autocannon connections in total, whether to one process or spread over three. */
  readonly connections: number;
  /** Plinth processes over PostgreSQL in the second comparison. */
  readonly processes: number;
}

/**
 * 100,000 rows and 5-second runs; `BENCH_QUICK=1` shrinks them to 20,000 rows and 2 s, and
 * `BENCH_SCALE_ROWS` sets the row count alone.
 */
export function scaleBenchOptions(env: NodeJS.ProcessEnv = process.env): ScaleBenchOptions {
  const quick = env.BENCH_QUICK === "1";
  const rows = Number(env.BENCH_SCALE_ROWS ?? (quick ? 20_000 : 100_000));
  if (!Number.isInteger(rows) || rows < 1000)
    throw new Error(`BENCH_SCALE_ROWS must be an integer >= 1000, got ${rows}`);
  // 12 connections: 4 per process of three, as evenly as autocannon can deal them.
  return { rows, durationSeconds: quick ? 2 : 5, warmupSeconds: 1, connections: 12, processes: 3 };
}

/** One comparison of two set-ups on one measure. */
export interface ScaleFigure {
  readonly comparison: "sqlite-vs-postgres" | "processes";
  readonly name: string;
  readonly baseline: { readonly label: string; readonly requestsPerSecond: number; readonly failed: number };
  readonly contender: { readonly label: string; readonly requestsPerSecond: number; readonly failed: number };
  /** contender / baseline. */
  readonly ratio: number;
  readonly basis: string;
}

export type ScaleBenchResult =
  | { readonly kind: "skipped"; readonly reason: string }
  | {
      readonly kind: "ran";
      readonly options: ScaleBenchOptions;
      readonly cpus: number;
      readonly postgres: { readonly source: string } & BenchDatabase["settings"];
      /** Time to install the demos and bulk-load both databases (not part of any figure). */
      readonly loadMs: number;
      readonly totalMs: number;
      readonly figures: readonly ScaleFigure[];
      readonly checks: ReadonlyArray<{ readonly name: string; readonly ok: boolean; readonly detail?: string }>;
    };

type Check = Extract<ScaleBenchResult, { kind: "ran" }>["checks"][number];

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const opportunities = (server: ServerProcess) => `${server.baseUrl}/api/apps/starter/data/opportunity`;
const query = (server: ServerProcess) => `${server.baseUrl}/api/apps/starter/query`;

interface SetUp {
  readonly label: string;
  readonly servers: readonly ServerProcess[];
  /** The demo the servers serve (its tokens and account ids are its own). */
  readonly demo: DemoData;
}

/**
 * The set-ups' throughput on one measure, in the order given: GET `url`, or POST when
 * `bodies` gives each set-up its sequence of bodies.
 */
async function measure(
  setUps: readonly SetUp[],
  url: (server: ServerProcess) => string,
  options: ScaleBenchOptions,
  bodies?: (setUp: SetUp) => () => string,
): Promise<ThroughputResult[]> {
  const targets: ThroughputTarget[] = setUps.map((s) => ({
    url: s.servers.map(url),
    headers: bearer(s.demo.tokens.admin),
    ...(bodies === undefined ? {} : { body: bodies(s) }),
  }));
  return measureThroughput(targets, {
    connections: options.connections,
    warmupSeconds: options.warmupSeconds,
    durationSeconds: options.durationSeconds,
  });
}

/** Both figures of one measure, and a check that no request failed. */
function figuresOf(
  name: string,
  setUps: readonly [SetUp, SetUp, SetUp],
  results: readonly ThroughputResult[],
  options: ScaleBenchOptions,
  checks: Check[],
): ScaleFigure[] {
  const basis = `autocannon ${options.connections} conns in all, ${options.durationSeconds}x1 s`;
  const side = (i: number) => {
    const result = results[i];
    if (!result) throw new Error("measureThroughput returned no result");
    const setUp = setUps[i] as SetUp;
    checks.push({
      name: `${name}, ${setUp.label}: no failed requests`,
      ok: result.failed === 0,
      ...(result.failed === 0 ? {} : { detail: `${result.failed} failed; first: ${result.firstFailure}` }),
    });
    return { label: setUp.label, requestsPerSecond: result.requestsPerSecond, failed: result.failed };
  };
  const [sqlite, postgres, spread] = [side(0), side(1), side(2)];
  return [
    {
      comparison: "sqlite-vs-postgres",
      name,
      baseline: sqlite,
      contender: postgres,
      ratio: postgres.requestsPerSecond / sqlite.requestsPerSecond,
      basis,
    },
    {
      comparison: "processes",
      name,
      baseline: postgres,
      contender: spread,
      ratio: spread.requestsPerSecond / postgres.requestsPerSecond,
      basis,
    },
  ];
}

async function benchServers(
  dir: string,
  database: BenchDatabase,
  options: ScaleBenchOptions,
  checks: Check[],
): Promise<{ figures: ScaleFigure[]; loadMs: number }> {
  const loadStarted = performance.now();
  const sqliteDemo = await installDemoFile(join(dir, "scale.sqlite"), "full");
  bulkLoadOpportunities(sqliteDemo, options.rows);
  const pgDemo = await installDemoPostgres(database.url);
  await bulkLoadOpportunitiesPostgres(pgDemo, options.rows);
  const loadMs = performance.now() - loadStarted;

  const servers = await spawnServers([
    { kind: "plinth", file: sqliteDemo.file, durability: "full" },
    ...Array.from({ length: options.processes }, () => ({ kind: "plinth-postgres" as const, url: database.url })),
  ]);
  try {
    const [sqliteServer, ...pgServers] = servers as [ServerProcess, ServerProcess, ...ServerProcess[]];
    const setUps: [SetUp, SetUp, SetUp] = [
      { label: "SQLite, 1 process", servers: [sqliteServer], demo: sqliteDemo },
      { label: "PostgreSQL, 1 process", servers: pgServers.slice(0, 1), demo: pgDemo },
      { label: `PostgreSQL, ${pgServers.length} processes`, servers: pgServers, demo: pgDemo },
    ];
    checks.push(...(await sameListPages(setUps)), ...(await sameStageTotals(setUps)));
    const lists = await measure(setUps, (server) => `${opportunities(server)}?${LIST_PAGE_QUERY}`, options);
    const aggregates = await measure(setUps, query, options, () => () => STAGE_AGGREGATE_BODY);
    // Every set-up posts the same sequence of bodies (with its own database's account).
    const creates = await measure(setUps, opportunities, options, (s) => newOpportunityBodies(s.demo));
    return {
      figures: [
        ...figuresOf("list page, admin (req/s)", setUps, lists, options, checks),
        ...figuresOf("amount by stage, all rows (req/s)", setUps, aggregates, options, checks),
        ...figuresOf("create opportunity (req/s)", setUps, creates, options, checks),
      ],
      loadMs,
    };
  } finally {
    await stopServers(servers);
  }
}

/** Where two id lists part, to say why a check failed. */
function firstDifference(expected: readonly string[], actual: readonly string[]): string {
  const at = expected.findIndex((id, i) => actual[i] !== id);
  const row = at === -1 ? expected.length : at;
  return `${expected.length} vs ${actual.length} ids; row ${row + 1}: ${expected[row] ?? "none"} vs ${actual[row] ?? "none"}`;
}

/**
 * Every server of every set-up must answer the list page with the same 50 ids in the same
 * order (the bulk-loaded ids are seeded), or the comparison means nothing.
 */
async function sameListPages(setUps: readonly SetUp[]): Promise<Check[]> {
  const ids = async (server: ServerProcess, demo: DemoData) => {
    const body = await sendExpecting(
      { method: "GET", url: `${opportunities(server)}?${LIST_PAGE_QUERY}`, headers: bearer(demo.tokens.admin) },
      200,
    );
    return (JSON.parse(body) as { records: Array<{ id: string }> }).records.map((r) => r.id).join(",");
  };
  const first = setUps[0];
  if (!first?.servers[0]) return [];
  const expected = await ids(first.servers[0], first.demo);
  const checks: Check[] = [];
  const seen = new Set<ServerProcess>([first.servers[0]]);
  for (const setUp of setUps) {
    for (const [i, server] of setUp.servers.entries()) {
      if (seen.has(server)) continue;
      seen.add(server);
      const answer = await ids(server, setUp.demo);
      const ok = expected !== "" && answer === expected;
      checks.push({
        name: `list page: ${setUp.label} (process ${i + 1}) answers the same 50 ids as ${first.label}`,
        ok,
        ...(ok ? {} : { detail: firstDifference(expected.split(","), answer.split(",")) }),
      });
    }
  }
  return checks;
}

/**
 * SQLite and PostgreSQL must answer the dashboard query with the same groups, counts and sums to
 * the last digit (the bulk-loaded rows are the same), or the comparison means nothing.
 */
async function sameStageTotals(setUps: readonly SetUp[]): Promise<Check[]> {
  const answer = async (setUp: SetUp) => {
    const server = setUp.servers[0];
    if (!server) return "";
    const call = { method: "POST" as const, url: query(server), headers: bearer(setUp.demo.tokens.admin) };
    const body = await sendExpecting({ ...call, body: STAGE_AGGREGATE_BODY }, 200);
    return JSON.stringify((JSON.parse(body) as { rows: unknown[] }).rows);
  };
  const [sqlite, postgres] = [setUps[0], setUps[1]];
  if (!sqlite || !postgres) return [];
  const [expected, actual] = [await answer(sqlite), await answer(postgres)];
  const ok = expected !== "" && expected !== "[]" && actual === expected;
  return [
    {
      name: `amount by stage: ${postgres.label} answers the same groups, counts and sums as ${sqlite.label}`,
      ok,
      ...(ok ? {} : { detail: `${expected.slice(0, 300)} vs ${actual.slice(0, 300)}` }),
    },
  ];
}

/** Run both comparisons; the database, the temporary folder and a throwaway cluster are removed whatever happens. */
export async function runScaleBench(
  options: ScaleBenchOptions = scaleBenchOptions(),
  postgres: PostgresSource = { env: process.env },
): Promise<ScaleBenchResult> {
  const started = performance.now();
  const server = await findBenchPostgres(postgres);
  if (!server) return { kind: "skipped", reason: "no PostgreSQL: set PLINTH_BENCH_PG_URL" };
  const dir = mkdtempSync(join(tmpdir(), "plinth-scale-bench-"));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  const forget = cleanUpOnExit(removeDir);
  try {
    const database = await createBenchDatabase(server.adminUrl);
    try {
      const checks: Check[] = [];
      const { figures, loadMs } = await benchServers(dir, database, options, checks);
      return {
        kind: "ran",
        options,
        cpus: availableParallelism(),
        postgres: { source: server.source, ...database.settings },
        loadMs,
        totalMs: performance.now() - started,
        figures,
        checks,
      };
    } finally {
      await database.drop();
    }
  } finally {
    forget();
    removeDir();
    await server.stop();
  }
}

const perSecond = (value: number) => value.toFixed(0);

function formatComparison(figures: readonly ScaleFigure[]): string {
  return formatTable(
    ["figure", "baseline", "req/s", "contender", "req/s", "ratio", "measured"],
    figures.map((f) => [
      f.name,
      f.baseline.label,
      perSecond(f.baseline.requestsPerSecond),
      f.contender.label,
      perSecond(f.contender.requestsPerSecond),
      `${f.ratio.toFixed(2)}x`,
      f.basis,
    ]),
  );
}

/** The result as the text `pnpm bench` prints: two tables, the honest note, then the checks. */
export function formatScaleBench(result: ScaleBenchResult): string {
  if (result.kind === "skipped") return `scale: skipped (${result.reason})`;
  const { options, postgres } = result;
  const checks = result.checks.map(
    (c) => `  ${c.ok ? "ok  " : "FAIL"} ${c.name}${c.detail === undefined ? "" : `: ${c.detail}`}`,
  );
  const of = (comparison: ScaleFigure["comparison"]) => result.figures.filter((f) => f.comparison === comparison);
  return [
    "Scale-out: Plinth servers in child processes over SQLite and PostgreSQL, through HTTP.",
    `PostgreSQL ${postgres.server_version} (${postgres.source}; fsync=${postgres.fsync}, synchronous_commit=${postgres.synchronous_commit}); SQLite at durability "full" (WAL, synchronous=FULL).`,
    `Each database holds the same demo and ${options.rows.toLocaleString("en")} opportunities (loaded in ${(result.loadMs / 1000).toFixed(1)} s, not measured); list page: ${decodeURIComponent(LIST_PAGE_QUERY)}; amount by stage: the sum and count of every row's amount per stage (POST /query).`,
    "\na. SQLite vs PostgreSQL, one process each (ratio = PostgreSQL / SQLite)\n",
    formatComparison(of("sqlite-vs-postgres")),
    `\nb. PostgreSQL, one vs ${options.processes} processes over one database, the same ${options.connections} connections dealt out over their ports (ratio = ${options.processes} / 1)\n`,
    formatComparison(of("processes")),
    ...(postgres.fsync === "on" && postgres.synchronous_commit !== "off"
      ? []
      : [
          "\nWarning: this PostgreSQL does not wait for the disk at commit (fsync or synchronous_commit off), SQLite does:",
          "the create figures of (a) flatter PostgreSQL. Unset PLINTH_BENCH_PG_URL to use a throwaway cluster with fsync on.",
        ]),
    `\nNote: this machine has ${result.cpus} CPUs, shared by PostgreSQL, every Plinth process and the load generator,`,
    `so ${options.processes} processes cannot show linear scaling here: (b) says what spreading the load costs or gains`,
    "on this machine, not what more machines would give.",
    "\nChecks:",
    ...checks,
    `\nScale benchmarks took ${(result.totalMs / 1000).toFixed(0)} s.`,
  ].join("\n");
}
