/**
 * Table scroll benchmark (issue 5): the player's real table page (`TablePage`, TanStack Table +
 * TanStack Virtual) over 100,000 opportunities from a real Plinth server, in headless Chromium,
 * beside a hand-written TanStack Virtual list of the same rows (hand/main.tsx) in the same run.
 *
 * Each contender opens its page signed in as admin and is scrolled twice from top to bottom, one
 * viewport per animation frame (scroll.ts):
 * 1. "load as scrolled": rows arrive 500 per request as the scroll reaches the end of what is
 *    loaded (the page's own infinite loading; the table's "Load more" button is clicked if no
 *    rows come for a while), until all 100,000 are in;
 * 2. "all loaded": back to the top, and down again over all 100,000 rows.
 * Target: no frame longer than 50 ms in the Plinth table.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "@playwright/test";
import { formatTable } from "../../harness.js";
import { removeDatabase } from "../../server/fixture.js";
import { spawnServer } from "../../server/processes.js";
import { buildBenchPages } from "../browser.js";
import {
  BENCH_APP_ID,
  BENCH_TABLE_COLUMNS,
  BENCH_TABLE_PAGE,
  BENCH_TABLE_PAGE_SIZE,
  BENCH_TABLE_SORT,
} from "../player/benchApp.js";
import { buildPlayer } from "../player/build.js";
import { launchCappedChromium, serveFolder, signedInContext } from "../player/chromium.js";
import { createPlayerFixture, DEMO_PASSWORD } from "../player/fixture.js";
import { ms, quantile, times } from "../player/stats.js";
import { type LongFrame, type ScrollArgs, type ScrollRun, scrollThrough } from "./scroll.js";

export interface TableUiOptions {
  /** Opportunity rows in the table (100,000; `BENCH_QUICK=1`: 20,000; `BENCH_TABLE_ROWS` sets it). */
  readonly rows: number;
  /** Measured passes per contender (each: load as scrolled, then all loaded), interleaved. */
  readonly rounds: number;
}

export function tableUiOptions(env: NodeJS.ProcessEnv = process.env): TableUiOptions {
  const quick = env.BENCH_QUICK === "1";
  const rows = Number(env.BENCH_TABLE_ROWS ?? (quick ? 20_000 : 100_000));
  if (!Number.isInteger(rows) || rows < 1000) throw new Error(`BENCH_TABLE_ROWS must be an integer >= 1000`);
  return { rows, rounds: Number(env.BENCH_TABLE_ROUNDS ?? 1) };
}

export type Contender = "Plinth TablePage" | "hand-written TanStack Virtual list";
export type Phase = "load as scrolled" | "all loaded";

/** The frames of one phase of one contender, over all its rounds. */
export interface PhaseFigures {
  readonly contender: Contender;
  readonly phase: Phase;
  readonly frames: number;
  readonly maxFrameMs: number;
  readonly p95FrameMs: number;
  readonly p99FrameMs: number;
  /** Animation-frame intervals longer than 50 ms. */
  readonly framesOver50: number;
  /** Long animation frames (LoAF: frames whose work took more than 50 ms) and the longest one. */
  readonly longFrames: number;
  readonly maxLongFrameMs: number;
  /** The scripts of the three longest LoAF entries, for whoever profiles a miss. */
  readonly worst: readonly LongFrame[];
  readonly elapsedMs: number;
  readonly rowsReached: number;
  readonly reachedEnd: boolean;
  readonly loadMoreClicks: number;
  readonly stepPx: number;
  readonly viewportPx: number;
}

export interface TableUiResult {
  readonly options: TableUiOptions;
  /** The whole run: load, builds, browser, scrolling. */
  readonly totalMs: number;
  readonly phases: readonly PhaseFigures[];
  /** Plinth / hand-written, per phase. */
  readonly ratios: ReadonlyArray<{ readonly phase: Phase; readonly maxFrame: number; readonly p95Frame: number }>;
  /** No frame over 50 ms (by rAF interval and by LoAF) in either phase of the Plinth table. */
  readonly pass: boolean;
}

const PLINTH: Contender = "Plinth TablePage";
const HAND: Contender = "hand-written TanStack Virtual list";
const handEntry = fileURLToPath(new URL("./hand/main.tsx", import.meta.url));

export interface Target {
  readonly url: string;
  readonly ready: string;
  readonly args: Omit<ScrollArgs, "target" | "maxRows" | "timeoutMs">;
}

export async function openContender(context: BrowserContext, target: Target): Promise<Page> {
  const page = await context.newPage();
  await page.goto(target.url);
  await page.waitForSelector(target.ready, { timeout: 30_000 });
  return page;
}

async function scroll(page: Page, target: Target, rows: number, maxRows: number): Promise<ScrollRun> {
  return page.evaluate(scrollThrough, { ...target.args, target: rows, maxRows, timeoutMs: 600_000 });
}

function summarise(contender: Contender, phase: Phase, runs: readonly ScrollRun[]): PhaseFigures {
  const frames = runs.flatMap((r) => r.frames);
  const longFrames = runs.flatMap((r) => r.longFrames);
  return {
    contender,
    phase,
    frames: frames.length,
    maxFrameMs: Math.max(...frames),
    p95FrameMs: quantile(frames, 0.95),
    p99FrameMs: quantile(frames, 0.99),
    framesOver50: frames.filter((f) => f > 50).length,
    longFrames: longFrames.length,
    maxLongFrameMs: longFrames.length > 0 ? Math.max(...longFrames.map((f) => f.duration)) : 0,
    worst: [...longFrames].sort((a, b) => b.duration - a.duration).slice(0, 3),
    elapsedMs: runs.reduce((sum, r) => sum + r.elapsedMs, 0),
    rowsReached: Math.min(...runs.map((r) => r.rows)),
    reachedEnd: runs.every((r) => r.reachedEnd),
    loadMoreClicks: runs.reduce((sum, r) => sum + r.loadMoreClicks, 0),
    stepPx: runs[0]?.stepPx ?? 0,
    viewportPx: runs[0]?.viewportPx ?? 0,
  };
}

/** The Plinth table page's scroll target. */
export function plinthTarget(origin: string): Target {
  return {
    url: `${origin}/apps/${BENCH_APP_ID}/${BENCH_TABLE_PAGE}`,
    ready: ".plinth-grid [role=row][data-row-id]",
    args: {
      scroller: ".plinth-grid-scroll",
      counter: ".plinth-grid",
      counterAttribute: "aria-rowcount",
      counterOffset: 1,
      stepPx: 0,
      loadMore: ".plinth-table-foot button",
      stallMs: 3000,
    },
  };
}

/** The hand-written list's scroll target, given the Plinth table's viewport height. */
export function handTarget(origin: string, height: number): Target {
  const query = new URLSearchParams({
    app: BENCH_APP_ID,
    entity: "opportunity",
    sort: BENCH_TABLE_SORT.field,
    limit: String(BENCH_TABLE_PAGE_SIZE),
    columns: BENCH_TABLE_COLUMNS.join(","),
    height: String(height),
  });
  return {
    url: `${origin}/bench/table/hand.html?${query}`,
    ready: ".hand-scroll[data-rowcount] > div > div",
    args: {
      scroller: ".hand-scroll",
      counter: ".hand-scroll",
      counterAttribute: "data-rowcount",
      counterOffset: 0,
      stepPx: 0,
      stallMs: 3000,
    },
  };
}

/**
 * Both contenders' pages over `rows` opportunities: the fixture, the player and hand-written
 * builds, a real server and a signed-in Chromium context that serves both builds; `fn` gets the
 * context and the server's origin, and everything temporary is removed at the end.
 */
export async function withTablePages<T>(
  rows: number,
  fn: (context: BrowserContext, origin: string) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "plinth-table-ui-"));
  const file = join(dir, "table.sqlite");
  const playerDir = join(dir, "player");
  const handDir = join(dir, "hand");
  try {
    await createPlayerFixture(file, rows);
    await buildPlayer(playerDir);
    await buildBenchPages({ hand: handEntry }, handDir);
    const server = await spawnServer({ kind: "plinth", file, durability: "normal" });
    const browser = await launchCappedChromium();
    try {
      const origin = server.baseUrl;
      const context = await signedInContext(browser, origin, "admin", DEMO_PASSWORD);
      await serveFolder(context, origin, "/apps/", playerDir);
      await serveFolder(context, origin, "/bench/table/", handDir);
      return await fn(context, origin);
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    removeDatabase(file);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Build, load, serve, scroll; everything temporary is removed at the end. */
export async function runTableUiBench(options: TableUiOptions = tableUiOptions()): Promise<TableUiResult> {
  const started = performance.now();
  return withTablePages(options.rows, async (context, origin) => {
    const plinth = plinthTarget(origin);
    // The hand-written list gets the Plinth table's viewport height, measured on the first page.
    const probe = await openContender(context, plinth);
    const height = await probe.$eval(plinth.args.scroller, (el) => el.clientHeight);
    await scroll(probe, plinth, options.rows, 3000); // warm-up: untimed
    await probe.close();
    const hand = handTarget(origin, height);
    const warm = await openContender(context, hand);
    await scroll(warm, hand, options.rows, 3000);
    await warm.close();

    const runs = new Map<string, ScrollRun[]>();
    const record = (contender: Contender, phase: Phase, run: ScrollRun) => {
      const key = `${contender}|${phase}`;
      runs.set(key, [...(runs.get(key) ?? []), run]);
    };
    for (let round = 0; round < options.rounds; round++) {
      const order: Array<[Contender, Target]> =
        round % 2 === 0
          ? [
              [HAND, hand],
              [PLINTH, plinth],
            ]
          : [
              [PLINTH, plinth],
              [HAND, hand],
            ];
      for (const [contender, target] of order) {
        const page = await openContender(context, target);
        record(contender, "load as scrolled", await scroll(page, target, options.rows, 0));
        await page.$eval(target.args.scroller, (el) => el.scrollTo({ top: 0 }));
        await page.waitForTimeout(500);
        record(contender, "all loaded", await scroll(page, target, options.rows, 0));
        await page.close();
      }
    }
    const phases: PhaseFigures[] = [];
    for (const phase of ["load as scrolled", "all loaded"] as const)
      for (const contender of [PLINTH, HAND])
        phases.push(summarise(contender, phase, runs.get(`${contender}|${phase}`) ?? []));
    const figure = (c: Contender, p: Phase) => phases.find((f) => f.contender === c && f.phase === p);
    const ratios = (["load as scrolled", "all loaded"] as const).map((phase) => {
      const a = figure(PLINTH, phase);
      const b = figure(HAND, phase);
      return {
        phase,
        maxFrame: (a?.maxFrameMs ?? Number.NaN) / (b?.maxFrameMs ?? Number.NaN),
        p95Frame: (a?.p95FrameMs ?? Number.NaN) / (b?.p95FrameMs ?? Number.NaN),
      };
    });
    const pass = phases
      .filter((f) => f.contender === PLINTH)
      .every((f) => f.reachedEnd && f.rowsReached >= options.rows && f.framesOver50 === 0 && f.longFrames === 0);
    return { options, totalMs: performance.now() - started, phases, ratios, pass };
  });
}

/** The printed table: frames per contender and phase, ratios, the verdict. */
export function formatTableUiBench(result: TableUiResult): string {
  const { rows } = result.options;
  const viewport = result.phases[0]?.viewportPx ?? 0;
  const lines = [
    `Table scroll over ${rows.toLocaleString("en")} rows in headless Chromium at its 60 Hz frame cap, one viewport (${viewport} px) per frame, top to bottom`,
    "(frames: intervals between animation frames; LoAF: Chromium's long animation frames, whose work took > 50 ms)\n",
    formatTable(
      ["contender", "phase", "frames", "max ms", "p95 ms", "p99 ms", "> 50 ms", "LoAF", "LoAF max ms", "s", "rows"],
      result.phases.map((f) => [
        f.contender,
        f.phase,
        String(f.frames),
        ms(f.maxFrameMs),
        ms(f.p95FrameMs),
        ms(f.p99FrameMs),
        String(f.framesOver50),
        String(f.longFrames),
        ms(f.maxLongFrameMs),
        (f.elapsedMs / 1000).toFixed(1),
        `${f.rowsReached.toLocaleString("en")}${f.reachedEnd ? "" : " (timed out)"}`,
      ]),
    ),
    "",
    ...result.ratios.map(
      (r) => `Plinth / hand-written, ${r.phase}: max frame ${times(r.maxFrame)}, p95 frame ${times(r.p95Frame)}`,
    ),
  ];
  const clicks = result.phases.filter((f) => f.loadMoreClicks > 0);
  for (const f of clicks) lines.push(`(${f.contender}, ${f.phase}: "Load more" clicked ${f.loadMoreClicks} times)`);
  for (const f of result.phases.filter((p) => p.worst.length > 0))
    lines.push(
      `Longest frames, ${f.contender}, ${f.phase}: ${f.worst.map((w) => `${ms(w.duration)} ms [${w.scripts.join("; ")}]`).join(" | ")}`,
    );
  lines.push(
    `\nTarget: the Plinth table scrolls ${rows.toLocaleString("en")} rows with no frame > 50 ms: ${result.pass ? "PASS" : "FAIL"}`,
  );
  return lines.join("\n");
}
