/**
 * What runs IN THE PAGE for the dashboard benchmark (each function is handed to Playwright, so
 * none closes over anything):
 * - `watchDashboard`, an init script: a MutationObserver that notes, in `performance.now()` time
 *   (0 = navigation start), when each widget card first counts as drawn: its query answered
 *   (`data-state="ok"`) and, for charts, ECharts finished drawing it (`data-drawn="true"` on the
 *   chart, set on ECharts' "finished" event, animation included);
 * - `readDashboard`, the figures once every widget is drawn, with the query requests' resource
 *   timings;
 * - `replayQueries`, the baseline: the same query requests issued alone, in parallel, with fetch.
 */

export interface DashboardTimes {
  /** Widget id → ms after navigation start when it was first drawn. */
  readonly drawn: Readonly<Record<string, number>>;
  /** ms after navigation start when the last of `expected` widgets was drawn. */
  readonly allDrawnMs: number;
  /** The dashboard's query requests (resource timing): first start, last response end, count. */
  readonly firstQueryStartMs: number;
  readonly lastQueryEndMs: number;
  readonly queries: number;
  /** Each query request: [start, response end] in ms after navigation start, in the order sent. */
  readonly queryTimes: ReadonlyArray<readonly [number, number]>;
  /** Other requests of the page (scripts, session, app) and paint marks: [name, start, end] in ms. */
  readonly timeline: ReadonlyArray<readonly [string, number, number]>;
}

declare global {
  interface Window {
    __plinthDashboard?: { drawn: Record<string, number>; expected: number; allDrawnMs?: number };
  }
}

/** Init script: `expected` is the number of widgets on the page. */
export function watchDashboard(expected: number): void {
  const state: NonNullable<Window["__plinthDashboard"]> = { drawn: {}, expected };
  window.__plinthDashboard = state;
  const check = () => {
    const now = performance.now();
    for (const card of document.querySelectorAll<HTMLElement>("[data-testid^='widget-']")) {
      const id = card.dataset.testid?.slice("widget-".length) ?? "";
      if (id in state.drawn || card.dataset.state !== "ok") continue;
      const chartArea = card.querySelector(".plinth-dash-chartarea");
      const chart = card.querySelector(".plinth-dash-chart");
      if (chartArea && chart?.getAttribute("data-drawn") !== "true") continue;
      state.drawn[id] = now;
    }
    if (state.allDrawnMs === undefined && Object.keys(state.drawn).length >= state.expected) state.allDrawnMs = now;
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["data-state", "data-drawn"],
  });
}

export function readDashboard(queryPath: string): DashboardTimes | undefined {
  const state = window.__plinthDashboard;
  if (state?.allDrawnMs === undefined) return undefined;
  const queries = performance
    .getEntriesByType("resource")
    .filter((e) => new URL(e.name).pathname === queryPath) as PerformanceResourceTiming[];
  return {
    drawn: state.drawn,
    allDrawnMs: state.allDrawnMs,
    firstQueryStartMs: Math.min(...queries.map((q) => q.startTime)),
    lastQueryEndMs: Math.max(...queries.map((q) => q.responseEnd)),
    queries: queries.length,
    queryTimes: queries.map((q) => [q.startTime, q.responseEnd] as const),
    timeline: [
      ...performance
        .getEntriesByType("resource")
        .filter((e) => new URL(e.name).pathname !== queryPath)
        .map((e) => [new URL(e.name).pathname, e.startTime, (e as PerformanceResourceTiming).responseEnd] as const),
      ...performance.getEntriesByType("paint").map((e) => [e.name, e.startTime, e.startTime] as const),
      ...Object.entries(state.drawn).map(([id, at]) => [`drawn ${id}`, at, at] as const),
    ].sort((a, b) => a[1] - b[1]),
  };
}

export interface ReplayRequest {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The baseline: every request at once, as the dashboard sends them; ms until the last answer is read. */
export async function replayQueries(requests: readonly ReplayRequest[]): Promise<{
  ms: number;
  answers: string[];
  /** Each request: [start, answer read] in ms after the first was sent. */
  times: Array<[number, number]>;
}> {
  const started = performance.now();
  const times: Array<[number, number]> = [];
  const answers = await Promise.all(
    requests.map(async (r, i) => {
      const sent = performance.now() - started;
      const response = await fetch(r.url, { method: "POST", body: r.body, headers: r.headers, credentials: "include" });
      if (!response.ok) throw new Error(`${r.url}: ${response.status} ${await response.text()}`);
      const answer = JSON.stringify(await response.json());
      times[i] = [sent, performance.now() - started];
      return answer;
    }),
  );
  return { ms: performance.now() - started, answers, times };
}
