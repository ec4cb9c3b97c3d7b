/**
 * PostgreSQL for the scale benchmark: the server named by `PLINTH_BENCH_PG_URL`, or else a
 * throwaway cluster of the installed PostgreSQL (started as .ci/run starts one, in a temporary
 * folder on a free loopback port, stopped and deleted at the end), and in either a fresh
 * database per run. The throwaway cluster keeps fsync on: the benchmark compares commit
 * throughput with SQLite at durability "full", so PostgreSQL must also wait for the disk.
 */
import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { cleanUpOnExit } from "../harness.js";
import { pg } from "./deps.js";

const run = promisify(execFile);

/** A PostgreSQL server the benchmark may create databases on. */
export interface BenchPostgres {
  /** A URL of the server's maintenance database, for CREATE and DROP DATABASE. */
  readonly adminUrl: string;
  /** Where the server came from, for the output. */
  readonly source: string;
  /** Stop and delete a throwaway cluster; nothing for a server given by URL. */
  stop(): Promise<void>;
}

/** A fresh database for one run. */
export interface BenchDatabase {
  readonly url: string;
  readonly name: string;
  /** `server_version`, `fsync` and `synchronous_commit`, as the server reports them. */
  readonly settings: Readonly<Record<"server_version" | "fsync" | "synchronous_commit", string>>;
  /** Drop the database (closing whatever connections are left on it). */
  drop(): Promise<void>;
}

/** Where to look for PostgreSQL. */
export interface PostgresSource {
  /** `PLINTH_BENCH_PG_URL` is read from here. */
  readonly env: NodeJS.ProcessEnv;
  /** Debian's layout: `<root>/<version>/bin/{initdb,pg_ctl}`; default /usr/lib/postgresql. */
  readonly binaries?: string;
}

/**
 * The PostgreSQL of `PLINTH_BENCH_PG_URL`, or a throwaway cluster when PostgreSQL's binaries
 * are installed, or undefined when there is neither.
 */
export async function findBenchPostgres(
  source: PostgresSource = { env: process.env },
): Promise<BenchPostgres | undefined> {
  const given = source.env.PLINTH_BENCH_PG_URL?.trim();
  if (given) return { adminUrl: given, source: "PLINTH_BENCH_PG_URL", stop: async () => undefined };
  const bin = findPostgresBin(source.binaries ?? "/usr/lib/postgresql");
  return bin === undefined ? undefined : startThrowawayCluster(bin);
}

/** The newest `<root>/<version>/bin` holding initdb and pg_ctl. */
function findPostgresBin(root: string): string | undefined {
  if (!existsSync(root)) return undefined;
  return readdirSync(root)
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    .map((version) => join(root, version, "bin"))
    .find((bin) => existsSync(join(bin, "initdb")) && existsSync(join(bin, "pg_ctl")));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = address !== null && typeof address === "object" ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

/** postgres refuses to run as root: as root, the cluster belongs to (and runs as) the postgres user. */
const asRoot = process.getuid?.() === 0;
function postgresCommand(command: string, args: readonly string[]): [string, string[]] {
  return asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, [...args]];
}

async function startThrowawayCluster(bin: string): Promise<BenchPostgres> {
  const dir = mkdtempSync(join(tmpdir(), "plinth-bench-pg-"));
  const data = join(dir, "data");
  const log = join(dir, "server.log");
  // cwd "/": the postgres user may not be allowed into the working directory.
  const as = (command: string, args: readonly string[]) =>
    run(...postgresCommand(join(bin, command), args), { cwd: "/" });
  let started = false;
  const stopNow = () => {
    if (started) {
      try {
        execFileSync(...postgresCommand(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]), {
          cwd: "/",
          stdio: "ignore",
        });
      } catch {
        // Already stopped.
      }
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A run cut short (Ctrl-C) must not leave a server behind.
  const forget = cleanUpOnExit(stopNow);
  try {
    if (asRoot) await run("chown", ["postgres:postgres", dir]);
    await as("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);
    const port = await freePort();
    started = true;
    try {
      await as("pg_ctl", [
        "-D",
        data,
        "-l",
        log,
        "-w",
        "-t",
        "60",
        "-o",
        `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200`,
        "start",
      ]);
    } catch (error) {
      const serverLog = existsSync(log) ? readFileSync(log, "utf8") : "";
      throw new Error(`pg_ctl start failed: ${error instanceof Error ? error.message : String(error)}\n${serverLog}`);
    }
    const version = bin.split("/").at(-2) ?? "?";
    return {
      adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
      source: `throwaway cluster of PostgreSQL ${version} on port ${port}`,
      async stop() {
        forget();
        if (started) {
          await as("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]).catch(() => undefined);
          started = false;
        }
        stopNow();
      },
    };
  } catch (error) {
    forget();
    stopNow();
    throw error;
  }
}

async function withClient<T>(url: string, fn: (client: InstanceType<typeof pg.Client>) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** CREATE DATABASE plinth_bench_<random> on the server, and the URL to it. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `plinth_bench_${randomBytes(6).toString("hex")}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const show = async (client: InstanceType<typeof pg.Client>, setting: string) =>
    String((await client.query(`SHOW ${setting}`)).rows[0]?.[setting] ?? "?");
  try {
    const settings = await withClient(url.href, async (client) => ({
      server_version: await show(client, "server_version"),
      fsync: await show(client, "fsync"),
      synchronous_commit: await show(client, "synchronous_commit"),
    }));
    return {
      url: url.href,
      name,
      settings,
      drop: () => dropDatabase(adminUrl, name),
    };
  } catch (error) {
    await dropDatabase(adminUrl, name);
    throw error;
  }
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
