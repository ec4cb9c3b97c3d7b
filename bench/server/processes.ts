/**
 * Each server under test runs alone in a child process, as it would in production, so the
 * load generator (this process) and the server each have a core of the 2-core machine.
 */
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Durability } from "../../packages/server/src/storage/sqlite/connection.js";
import type { HandWrittenOptions } from "./handWritten.js";

/** What the parent asks a child to serve. */
export type ServeRequest =
  | { readonly kind: "plinth"; readonly file: string; readonly durability: Durability }
  /** Plinth over PostgreSQL, as `plinth serve --database <url>` runs it. */
  | { readonly kind: "plinth-postgres"; readonly url: string }
  | ({ readonly kind: "hand" } & HandWrittenOptions);

/** What a child answers: its port once listening, or why it could not start. */
export type ServeReply =
  | { readonly kind: "listening"; readonly port: number }
  | { readonly kind: "failed"; readonly error: string };

/** A running server in a child process. */
export interface ServerProcess {
  readonly baseUrl: string;
  /** Ask the child to close its server and databases, and wait until it has exited. */
  stop(): Promise<void>;
}

const childEntry = fileURLToPath(new URL("./serverProcess.ts", import.meta.url));

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

/**
 * Fork `serverProcess.ts` (with this process's tsx loader and `--conditions=source`, which a
 * fork inherits) and wait until it listens.
 */
export async function spawnServer(request: ServeRequest): Promise<ServerProcess> {
  // BENCH_SERVER_CPU_PROF=<dir>: each server process writes a V8 CPU profile there when it stops
  // (for whoever chases a server benchmark miss; open it in Chrome DevTools).
  const profile = process.env.BENCH_SERVER_CPU_PROF;
  const child = fork(childEntry, [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    ...(profile ? { execArgv: [...process.execArgv, "--cpu-prof", `--cpu-prof-dir=${profile}`] } : {}),
  });
  const reply = await new Promise<ServeReply>((resolve, reject) => {
    child.once("message", (message) => resolve(message as ServeReply));
    child.once("exit", (code) =>
      reject(new Error(`the ${request.kind} server process exited (${code}) before listening`)),
    );
    child.send(request);
  });
  if (reply.kind === "failed") {
    child.kill();
    throw new Error(`the ${request.kind} server did not start: ${reply.error}`);
  }
  return {
    baseUrl: `http://127.0.0.1:${reply.port}`,
    async stop() {
      const done = exited(child);
      if (child.connected) child.send("stop");
      await done;
    },
  };
}

/** Stop every server given (undefined ones are skipped), together. */
export async function stopServers(servers: ReadonlyArray<ServerProcess | undefined>): Promise<void> {
  await Promise.all(servers.map((s) => s?.stop()));
}

/** Start every server at once; if one fails, stop the others and throw its error. */
export async function spawnServers(requests: readonly ServeRequest[]): Promise<ServerProcess[]> {
  const started = await Promise.allSettled(requests.map(spawnServer));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed === undefined) return started.map((s) => (s as PromiseFulfilledResult<ServerProcess>).value);
  await stopServers(started.map((s) => (s.status === "fulfilled" ? s.value : undefined)));
  throw failed.reason;
}
