/**
 * Where a scroll frame's time goes, for whoever chases a table benchmark miss (not part of
 * `pnpm bench`): the same page, server and scroll as table.bench.ts, with a Chromium trace of
 * one all-loaded pass per contender, summed per renderer main-thread event (Layout, Paint,
 * UpdateLayoutTree, FunctionCall, ...) and divided by the frames scrolled.
 *
 *   pnpm tsx --conditions=source bench/ui/table/profile.ts [rows=20000] [frames=120]
 *
 * PROFILE_CSS="..." adds style rules to the Plinth page first (to try a change without a rebuild);
 * PROFILE_JS=1 adds a CPU profile (functions by self time); PROFILE_SELECTORS=1 Blink's time per
 * style rule; PROFILE_TOP=N prints N events (16). Every run counts the elements restyled per
 * frame and the major GCs on the main thread (the long frames of a scroll are mostly these).
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { type ScrollArgs, scrollThrough } from "./scroll.js";
import { handTarget, openContender, plinthTarget, withTablePages } from "./table.bench.js";

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

/** PROFILE_SELECTORS=1: the 15 style rules Blink spent most time matching (the trace's SelectorStats). */
function printSelectorStats(events: readonly TraceEvent[]): void {
  const stats = new Map<string, { ms: number; attempts: number; matches: number }>();
  for (const e of events) {
    if (e.name !== "SelectorStats") continue;
    const rows = (e.args as { selector_stats?: { selector_timings?: ReadonlyArray<Record<string, number | string>> } })
      ?.selector_stats?.selector_timings;
    for (const row of rows ?? []) {
      const key = String(row.selector);
      const old = stats.get(key) ?? { ms: 0, attempts: 0, matches: 0 };
      stats.set(key, {
        ms: old.ms + Number(row["elapsed (us)"] ?? 0) / 1000,
        attempts: old.attempts + Number(row.match_attempts ?? 0),
        matches: old.matches + Number(row.match_count ?? 0),
      });
    }
  }
  for (const [selector, v] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15))
    console.info(
      `  selector ${selector.slice(0, 70).padEnd(70)} ${v.ms.toFixed(1)} ms ${v.attempts} tries ${v.matches} matches`,
    );
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
    categories: `devtools.timeline,disabled-by-default-devtools.timeline,blink,cc,v8.gc,blink.gc${process.env.PROFILE_SELECTORS === "1" ? ",disabled-by-default-blink.debug" : ""}`,
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
  const styles = events.filter((e) => e.name === "UpdateLayoutTree" && e.tid === main?.tid && e.ph === "X");
  const restyled =
    styles.reduce((sum, e) => sum + Number((e.args as { elementCount?: number } | undefined)?.elementCount ?? 0), 0) /
    Math.max(1, styles.length);
  console.info(`  ${styles.length} style recalcs, ${restyled.toFixed(0)} elements restyled on average`);
  printSelectorStats(events);
  const n = run.frames.length;
  const sorted = [...run.frames].sort((a, b) => a - b);
  console.info(
    `  ${n} frames, p95 ${sorted[Math.floor(n * 0.95)]?.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`,
  );
  // Major (mark-compact) collections on the main thread: the long frames of a scroll are these.
  const majors = events.filter(
    (e) => e.ph === "X" && e.tid === main?.tid && e.name === "V8.GC_MARK_COMPACTOR" && e.dur !== undefined,
  );
  const longest = Math.max(0, ...majors.map((e) => (e.dur ?? 0) / 1000));
  const minors = events.filter((e) => e.ph === "X" && e.tid === main?.tid && e.name === "V8.GC_SCAVENGER");
  const minorMs = minors.reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
  console.info(
    `  ${majors.length} major GCs on the main thread, the longest ${longest.toFixed(1)} ms; ${minors.length} minor, ${minorMs.toFixed(0)} ms in all`,
  );
  const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP ?? 16));
  for (const [name, total] of top) console.info(`  ${name.padEnd(28)} ${(total / n).toFixed(2)} ms/frame`);
}

await withTablePages(rows, async (context, origin) => {
  const plinth = plinthTarget(origin);
  const plinthPage = await openContender(context, plinth);
  // PROFILE_CSS: extra style rules for the Plinth page, to try a change without a rebuild.
  if (process.env.PROFILE_CSS) await plinthPage.addStyleTag({ content: process.env.PROFILE_CSS });
  const height = await plinthPage.$eval(plinth.args.scroller, (el) => el.clientHeight);
  console.info("Plinth TablePage");
  await traceScroll(plinthPage, plinth.args);
  // What the view shows after the pass, to look at (a blank view means rows went missing).
  await plinthPage.screenshot({ path: join(tmpdir(), "plinth-table-profile.png") });
  const hand = handTarget(origin, height);
  console.info("hand-written TanStack Virtual list");
  await traceScroll(await openContender(context, hand), hand.args);
});
