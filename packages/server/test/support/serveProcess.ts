import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The CLI's source entry, run by Node with tsx's loader (one process: a kill reaches the server itself). */
const cliEntry = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

/** A `plinth serve` child process. */
export interface ServeProcess {
  readonly port: number;
  readonly baseUrl: string;
  /** Everything it printed, for failure messages. */
  output(): string;
  /** `kill -9`: no shutdown, no flush; in-flight transactions are left to the database. */
  crash(): Promise<void>;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

/**
 * Start `plinth serve <args> --port <port>` (from source, as `node --import tsx`; port 0 for any
 * free one) and wait until it says where it listens. Rejects with its output when it exits first
 * or does not listen in `timeoutMs`.
 */
export async function startServe(
  args: readonly string[],
  port: number,
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 60_000,
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx/esm",
      "--conditions=source",
      cliEntry,
      "serve",
      "--port",
      String(port),
      "--host",
      "127.0.0.1",
      ...args,
    ],
    { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`plinth serve on port ${port} did not listen within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const check = () => {
      const match = /Plinth is listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", check);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`plinth serve on port ${port} exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
  return {
    port: Number(new URL(baseUrl).port),
    baseUrl,
    output: () => output,
    async crash() {
      const done = exited(child);
      child.kill("SIGKILL");
      await done;
    },
    async stop() {
      const done = exited(child);
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await done;
      clearTimeout(timer);
    },
  };
}
