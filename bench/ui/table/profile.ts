/**
 * Where a scroll frame's time goes, for whoever chases a table benchmark miss (not part of
 * `pnpm bench`): the same page, server and scroll as table.bench.ts, with a Chromium trace of
 * one all-loaded pass per contender, summed per renderer main-thread event (Layout, Paint,
 * UpdateLayoutTree, FunctionCall, ...) and divided by the frames scrolled.
 *
 *   pnpm tsx --conditions=source bench/ui/table/profile.ts [rows=20000] [frames=120]
 *
 * PROFILE_CSS="..." adds style rules to the Plinth page first (to try a change without a rebuild).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
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
import { type ScrollArgs, scrollThrough } from "./scroll.js";

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly dur?: number;
  readonly tid: number;
  readonly pid: number;
  readonly args?: { readonly name?: string; readonly beginData?: Readonly<Record<string, number>> };
}

interface CpuProfile {
  readonly nodes: ReadonlyArray<{
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  }>;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** The 20 functions with the most self time, in ms per frame. */
function printProfile(profile: CpuProfile, frameCount: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  profile.samples?.forEach((id, i) => {
    const frame = byId.get(id);
    const name = `${frame?.functionName || "(anonymous)"} ${frame?.url.split("/").at(-1) ?? ""}:${frame?.lineNumber ?? 0}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  for (const [name, total] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.info(`    js ${name.padEnd(60)} ${(total / frameCount).toFixed(2)} ms/frame`);
}

const rows = Number(process.argv[2] ?? 20_000);
const frames = Number(process.argv[3] ?? 120);

async function traceScroll(page: Page, args: Omit<ScrollArgs, "target" | "maxRows" | "timeoutMs">) {
  // Everything loaded first (untimed), then back to the top.
  await page.evaluate(scrollThrough, { ...args, target: rows, maxRows: 0, timeoutMs: 600_000 });
  await page.$eval(args.scroller, (el) => el.scrollTo({ top: 0 }));
  await page.waitForTimeout(500);
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", (data) => events.push(...(data.value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once("Tracing.tracingComplete", () => resolve()));
  await cdp.send("Tracing.start", {
    categories: "devtools.timeline,disabled-by-default-devtools.timeline,blink,cc",
    transferMode: "ReportEvents",
  });
  const viewport = await page.$eval(args.scroller, (el) => el.clientHeight);
  // PROFILE_JS=1: a CPU profile of the same pass too, its functions by self time.
  const js = process.env.PROFILE_JS === "1";
  if (js) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
  }
  const run = await page.evaluate(scrollThrough, {
    ...args,
    target: rows,
    maxRows: Math.round((frames * viewport) / 41),
    timeoutMs: 600_000,
  });
  if (js) printProfile((await cdp.send("Profiler.stop")).profile, run.frames.length);
  await cdp.send("Tracing.end");
  await done;
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const totals = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== "X" || e.dur === undefined || e.tid !== main?.tid || e.pid !== main?.pid) continue;
    totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000);
  }
  const layouts = events.filter((e) => e.name === "Layout" && e.tid === main?.tid);
  const objects = (key: "dirtyObjects" | "totalObjects") =>
    layouts.reduce((sum, e) => sum + Number(e.args?.beginData?.[key] ?? 0), 0) / Math.max(1, layouts.length);
  console.info(
    `  ${layouts.length} layouts, ${objects("dirtyObjects").toFixed(0)} of ${objects("totalObjects").toFixed(0)} objects dirty on average`,
  );
  const n = run.frames.length;
  const sorted = [...run.frames].sort((a, b) => a - b);
  console.info(
    `  ${n} frames, p95 ${sorted[Math.floor(n * 0.95)]?.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`,
  );
  const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 16);
  for (const [name, total] of top) console.info(`  ${name.padEnd(28)} ${(total / n).toFixed(2)} ms/frame`);
}

const dir = mkdtempSync(join(tmpdir(), "plinth-table-profile-"));
const file = join(dir, "table.sqlite");
try {
  await createPlayerFixture(file, rows);
  await buildPlayer(join(dir, "player"));
  await buildBenchPages({ hand: fileURLToPath(new URL("./hand/main.tsx", import.meta.url)) }, join(dir, "hand"));
  const server = await spawnServer({ kind: "plinth", file, durability: "normal" });
  const browser = await launchCappedChromium();
  try {
    const origin = server.baseUrl;
    const context = await signedInContext(browser, origin, "admin", DEMO_PASSWORD);
    await serveFolder(context, origin, "/apps/", join(dir, "player"));
    await serveFolder(context, origin, "/bench/table/", join(dir, "hand"));
    const plinth = await context.newPage();
    await plinth.goto(`${origin}/apps/${BENCH_APP_ID}/${BENCH_TABLE_PAGE}`);
    await plinth.waitForSelector("table.plinth-grid tbody tr[data-row-id]");
    // PROFILE_CSS: extra style rules for the Plinth page, to try a change without a rebuild.
    if (process.env.PROFILE_CSS) await plinth.addStyleTag({ content: process.env.PROFILE_CSS });
    await plinth.screenshot({ path: join(tmpdir(), "plinth-table-profile-top.png") });
    const height = await plinth.$eval(".plinth-grid-scroll", (el) => el.clientHeight);
    console.info("Plinth TablePage");
    await traceScroll(plinth, {
      scroller: ".plinth-grid-scroll",
      counter: "table.plinth-grid",
      counterAttribute: "aria-rowcount",
      counterOffset: 1,
      stepPx: 0,
      loadMore: ".plinth-table-foot button",
      stallMs: 3000,
    });
    await plinth.screenshot({ path: join(tmpdir(), "plinth-table-profile.png") });
    console.info(
      await plinth.evaluate(() => {
        const el = document.querySelector(".plinth-grid-scroll") as HTMLElement;
        const box = el.getBoundingClientRect();
        const rows = [...document.querySelectorAll("tbody tr")].slice(0, 3).map((tr) => {
          const r = tr.getBoundingClientRect();
          return `${tr.className || tr.getAttribute("data-row-id")}: top ${Math.round(r.top - box.top)} h ${Math.round(r.height)} w ${Math.round(r.width)} display ${getComputedStyle(tr).display}`;
        });
        return `scrollTop ${el.scrollTop} scrollHeight ${el.scrollHeight} client ${el.clientHeight}\n${rows.join("\n")}`;
      }),
    );
    const query = new URLSearchParams({
      app: BENCH_APP_ID,
      entity: "opportunity",
      sort: BENCH_TABLE_SORT.field,
      limit: String(BENCH_TABLE_PAGE_SIZE),
      columns: BENCH_TABLE_COLUMNS.join(","),
      height: String(height),
    });
    const hand = await context.newPage();
    await hand.goto(`${origin}/bench/table/hand.html?${query}`);
    await hand.waitForSelector(".hand-scroll[data-rowcount] > div > div");
    console.info("hand-written TanStack Virtual list");
    await traceScroll(hand, {
      scroller: ".hand-scroll",
      counter: ".hand-scroll",
      counterAttribute: "data-rowcount",
      counterOffset: 0,
      stepPx: 0,
      stallMs: 3000,
    });
  } finally {
    await browser.close();
    await server.stop();
  }
} finally {
  removeDatabase(file);
  rmSync(dir, { recursive: true, force: true });
}
