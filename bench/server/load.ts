/**
 * The two ways the server benchmarks load a server: autocannon for throughput (many
 * connections, fixed duration), and sequential requests timed one by one for latency, with
 * the contenders interleaved request by request so machine noise hits them alike.
 */
import { Agent, request as httpRequest } from "node:http";
import { autocannon } from "./deps.js";

/** One HTTP request, fully described. */
export interface HttpCall {
  readonly method: "GET" | "POST";
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** Keep-alive, one socket per server: sequential requests reuse their connection as a browser would. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** Send one request and read the whole answer. */
export function send(call: HttpCall): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...call.headers };
    if (call.body !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(Buffer.byteLength(call.body));
    }
    const req = httpRequest(call.url, { method: call.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(call.body);
  });
}

/** Send, and fail loudly unless the status is the expected one. */
export async function sendExpecting(call: HttpCall, status: number): Promise<string> {
  const answer = await send(call);
  if (answer.status !== status) {
    throw new Error(
      `${call.method} ${call.url}: expected ${status}, got ${answer.status}: ${answer.body.slice(0, 500)}`,
    );
  }
  return answer.body;
}

/** Latency statistics of one contender. */
export interface LatencySummary {
  readonly samples: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    meanMs: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}

export interface SequentialOptions {
  /** Untimed requests per contender first. */
  readonly warmup: number;
  /** Keep going at least this long (all contenders together)... */
  readonly durationMs: number;
  /** ...and until every contender has this many samples... */
  readonly minSamples: number;
  /** ...but stop at this many. */
  readonly maxSamples: number;
}

/**
 * Time requests one at a time, one per contender per round (the order flips every round),
 * each must answer 200. Returns one summary per contender, in the order given.
 */
export async function sampleInterleaved(
  calls: readonly HttpCall[],
  options: SequentialOptions,
): Promise<LatencySummary[]> {
  for (let i = 0; i < options.warmup; i++) for (const call of calls) await sendExpecting(call, 200);
  const samples = calls.map(() => [] as number[]);
  const started = performance.now();
  for (let round = 0; round < options.maxSamples; round++) {
    if (round >= options.minSamples && performance.now() - started >= options.durationMs) break;
    const order = round % 2 === 0 ? calls.map((_, i) => i) : calls.map((_, i) => calls.length - 1 - i);
    for (const i of order) {
      const call = calls[i] as HttpCall;
      const start = performance.now();
      const answer = await send(call);
      const elapsed = performance.now() - start;
      if (answer.status !== 200)
        throw new Error(`${call.method} ${call.url}: ${answer.status} ${answer.body.slice(0, 500)}`);
      samples[i]?.push(elapsed);
    }
  }
  return samples.map(summarize);
}

/** Throughput of one endpoint under autocannon. */
export interface ThroughputResult {
  /** Successful (2xx) responses per second over the timed slices. */
  readonly requestsPerSecond: number;
  readonly ok: number;
  readonly failed: number;
  readonly seconds: number;
  /** The first non-2xx body, to say why requests failed. */
  readonly firstFailure?: string;
}

/** Where to send, and as whom. */
export interface ThroughputTarget {
  /** One server, or several serving the same thing: the connections are dealt out over them in turn. */
  readonly url: string | readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  /** This target's own bodies, in place of the options' (when they name ids only its database knows). */
  readonly body?: () => string;
}

export interface ThroughputOptions {
  /** POST a new body for every request; without one (here or on the target), GET. */
  readonly body?: () => string;
  readonly connections: number;
  readonly warmupSeconds: number;
  /** Timed seconds per target, run as one-second slices that alternate between the targets. */
  readonly durationSeconds: number;
}

interface Slice {
  readonly ok: number;
  readonly failed: number;
  readonly seconds: number;
  readonly firstFailure?: string;
}

async function cannon(target: ThroughputTarget, options: ThroughputOptions, seconds: number): Promise<Slice> {
  let firstFailure: string | undefined;
  const onResponse = (status: number, body: string) => {
    if ((status < 200 || status >= 300) && firstFailure === undefined) firstFailure = `${status} ${body}`;
  };
  const body = target.body ?? options.body;
  const result = await autocannon({
    // autocannon takes a list of URLs and gives connection i the URL i mod n (lib/run.js);
    // @types/autocannon only declares one.
    url: typeof target.url === "string" ? target.url : (target.url as unknown as string),
    connections: options.connections,
    duration: seconds,
    requests: [
      body === undefined
        ? { method: "GET", headers: { ...target.headers }, onResponse }
        : {
            method: "POST",
            headers: { ...target.headers, "content-type": "application/json" },
            setupRequest: (request) => ({ ...request, body: body() }),
            onResponse,
          },
    ],
  });
  const slice = { ok: result["2xx"], failed: result.non2xx + result.errors, seconds: result.duration };
  return firstFailure === undefined ? slice : { ...slice, firstFailure: firstFailure.slice(0, 500) };
}

/**
 * POST `body()` (or GET) to each target as fast as `connections` connections allow: a warm-up run
 * each, then one-second slices alternating between the targets (the order flips every
 * round), so a disturbance on the shared machine lands on all of them alike.
 */
export async function measureThroughput(
  targets: readonly ThroughputTarget[],
  options: ThroughputOptions,
): Promise<ThroughputResult[]> {
  if (options.warmupSeconds > 0) for (const target of targets) await cannon(target, options, options.warmupSeconds);
  const slices = targets.map(() => [] as Slice[]);
  for (let round = 0; round < options.durationSeconds; round++) {
    const order = round % 2 === 0 ? targets.map((_, i) => i) : targets.map((_, i) => targets.length - 1 - i);
    for (const i of order) slices[i]?.push(await cannon(targets[i] as ThroughputTarget, options, 1));
  }
  return slices.map((own) => {
    const ok = own.reduce((sum, s) => sum + s.ok, 0);
    const seconds = own.reduce((sum, s) => sum + s.seconds, 0);
    const firstFailure = own.find((s) => s.firstFailure !== undefined)?.firstFailure;
    const result = { requestsPerSecond: ok / seconds, ok, failed: own.reduce((sum, s) => sum + s.failed, 0), seconds };
    return firstFailure === undefined ? result : { ...result, firstFailure };
  });
}
