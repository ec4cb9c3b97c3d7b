import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createRuntime } from "@plinth/runtime";
import { type SeedScale, templates } from "@plinth/templates";
import { ensureAdmin } from "../auth/bootstrap.js";
import { installDemo } from "../demo/seed.js";
import { createWriteHooks, newId, systemClock } from "../http/context.js";
import { createServer } from "../http/createServer.js";
import { createPostgresStorage } from "../storage/postgres/index.js";
import type { Durability } from "../storage/sqlite/connection.js";
import { createSqliteStorage } from "../storage/sqlite/index.js";
import type { Storage } from "../storage/types.js";
import { isPostgresUrl, redactedUrl } from "./databaseUrl.js";
import type { CliIo } from "./io.js";

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly data: string;
  readonly demo: boolean;
  /** The templates' seed volumes: "demo" (the product's) or "test" (small, fast). */
  readonly demoScale: SeedScale;
  readonly durability: Durability;
  /** A PostgreSQL URL (`postgres://...`); undefined: the SQLite file in the data folder. */
  readonly database?: string;
}

/** Parse `plinth serve` options; throws a readable Error on bad values. */
export function parseServeArgs(args: readonly string[]): ServeOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: "string", default: process.env.PORT ?? "3000" },
      host: { type: "string", default: process.env.HOST ?? "127.0.0.1" },
      data: { type: "string", default: process.env.PLINTH_DATA ?? "./data" },
      demo: { type: "boolean", default: false },
      "demo-scale": { type: "string", default: process.env.PLINTH_DEMO_SCALE ?? "demo" },
      durability: { type: "string", default: "full" },
      database: { type: "string", default: process.env.PLINTH_DATABASE_URL ?? "" },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a number from 0 to 65535 (端口必须是 0 到 65535 的数字), got '${values.port}'`);
  if (values.durability !== "full" && values.durability !== "normal") {
    throw new Error(
      `--durability must be 'full' or 'normal' (持久性必须为 full 或 normal), got '${values.durability}'`,
    );
  }
  const demoScale = values["demo-scale"];
  if (demoScale !== "demo" && demoScale !== "test") {
    throw new Error(`--demo-scale must be 'demo' or 'test' (演示数据规模必须为 demo 或 test), got '${demoScale}'`);
  }
  const database = values.database.trim();
  if (database !== "" && !isPostgresUrl(database)) {
    throw new Error(
      `--database must be a PostgreSQL URL (postgres://user:password@host:port/database) (数据库必须是 PostgreSQL 连接地址), got '${database}'`,
    );
  }
  return {
    port,
    host: values.host,
    data: resolve(values.data),
    demo: values.demo,
    demoScale,
    durability: values.durability,
    ...(database === "" ? {} : { database }),
  };
}

/**
 * `plinth serve`: open (or create) the SQLite database in the data folder — or the PostgreSQL
 * database of `--database` / `PLINTH_DATABASE_URL` — make sure there is an administrator (or
 * install the demo), and answer HTTP until stopped.
 */
export async function runServe(args: readonly string[], io: CliIo): Promise<number> {
  let options: ServeOptions;
  try {
    options = parseServeArgs(args);
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const runtime = createRuntime();
  // On PostgreSQL nothing is kept on the machine: no data folder is created.
  if (options.database === undefined) mkdirSync(options.data, { recursive: true });
  const storage: Storage =
    options.database === undefined
      ? createSqliteStorage({
          file: join(options.data, "plinth.sqlite"),
          durability: options.durability,
          functions: runtime.functions,
        })
      : createPostgresStorage({ url: options.database, functions: runtime.functions });
  const ctx = {
    storage,
    runtime,
    clock: systemClock,
    newId,
    secureCookies: process.env.PLINTH_SECURE_COOKIES === "1",
    hooks: createWriteHooks(),
  };
  if (options.demo) {
    const password = process.env.PLINTH_DEMO_PASSWORD ?? "demo";
    const { installed } = await installDemo(ctx, password, {
      templates,
      scale: options.demoScale,
      log: (line) => io.stdout(`${line}\n`),
    });
    io.stdout(
      installed
        ? "Demo installed: Sales starter, Sales pipeline, Regional promotion approval (with East and Southwest variants) and CVI scorecard; sign in as pl.mgr1, tp.east.rep, cvi.e001 or admin (password demo; every user is in the README).\n"
        : "Demo data already present.\n",
    );
  } else {
    const admin = await ensureAdmin(ctx, { password: process.env.PLINTH_ADMIN_PASSWORD });
    if (admin.created && admin.password) {
      io.stdout(
        `Created the administrator '${admin.username}' with password: ${admin.password}\n(Shown once. 管理员密码仅显示这一次。)\n`,
      );
    }
  }
  const app = await createServer(ctx);
  const address = await app.listen({ port: options.port, host: options.host });
  app.automation.scheduler.start();
  const where =
    options.database === undefined
      ? `data: ${options.data}, durability: ${options.durability}`
      : `database: PostgreSQL ${redactedUrl(options.database)}, files: in the database`;
  io.stdout(`Plinth is listening on ${address} (${where})\n`);
  const stop = async () => {
    await app.close();
    await storage.close();
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  return 0;
}
