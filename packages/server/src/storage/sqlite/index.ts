import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { ImplementedFunction } from "@plinth/runtime";
import { createDiskBlobs } from "../blobs.js";
import { fileMeta } from "../files.js";
import { sqliteRunner } from "../sqlRunner.js";
import type { ReadTx, Storage, WriteTx } from "../types.js";
import { savedViews } from "../views.js";
import { type Durability, Mutex, openConnection } from "./connection.js";
import { filesDdl } from "./files.js";
import { sqlitePlatform } from "./platform.js";
import { platformDdl } from "./platformSchema.js";
import { sqliteRecords } from "./records.js";
import { savedViewsDdl } from "./views.js";

export interface SqliteStorageOptions {
  /** The database file, or ":memory:". */
  readonly file: string;
  readonly durability: Durability;
  readonly functions: ReadonlyMap<string, ImplementedFunction>;
  /** Where uploaded files' bytes go; default: a `files` folder next to the database file. */
  readonly filesDir?: string;
}

/**
 * Storage over one SQLite file in WAL mode: one writer connection (write transactions take
 * turns through a mutex, `BEGIN IMMEDIATE`) and one reader connection that sees committed
 * data only. better-sqlite3 is synchronous, so no other request runs inside a transaction
 * as long as the callback only awaits storage calls.
 */
export function createSqliteStorage(options: SqliteStorageOptions): Storage {
  const writer = openConnection(options);
  writer.exec(platformDdl);
  writer.exec(filesDdl);
  writer.exec(savedViewsDdl);
  const memory = options.file === ":memory:";
  const reader = memory ? writer : openConnection(options, true);
  const writeLock = new Mutex();
  const readLock = memory ? writeLock : new Mutex();
  const writeTx: WriteTx = {
    platform: { ...sqlitePlatform(writer), ...fileMeta(sqliteRunner(writer)) },
    views: savedViews(sqliteRunner(writer)),
    records: (app) => sqliteRecords(writer, app, options.functions),
  };
  const readTx: ReadTx = {
    platform: memory ? writeTx.platform : { ...sqlitePlatform(reader), ...fileMeta(sqliteRunner(reader)) },
    views: memory ? writeTx.views : savedViews(sqliteRunner(reader)),
    records: (app) => sqliteRecords(reader, app, options.functions),
  };
  let closed = false;

  // An in-memory database (tests) keeps its files in a fresh temporary folder.
  const filesDir =
    options.filesDir ?? (memory ? mkdtempSync(join(tmpdir(), "plinth-files-")) : join(dirname(options.file), "files"));
  return {
    kind: "sqlite",
    blobs: createDiskBlobs(filesDir),
    write: (fn) =>
      writeLock.run(async () => {
        writer.exec("BEGIN IMMEDIATE");
        try {
          const result = await fn(writeTx);
          writer.exec("COMMIT");
          return result;
        } catch (error) {
          if (writer.inTransaction) writer.exec("ROLLBACK");
          throw error;
        }
      }),
    read: (fn) =>
      readLock.run(async () => {
        if (memory) return fn(readTx);
        reader.exec("BEGIN");
        try {
          return await fn(readTx);
        } finally {
          if (reader.inTransaction) reader.exec("COMMIT");
        }
      }),
    async close() {
      if (closed) return;
      closed = true;
      await writeLock.run(async () => undefined);
      if (!memory) reader.close();
      writer.close();
    },
  };
}
