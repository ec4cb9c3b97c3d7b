import Database from "better-sqlite3";

/**
 * `full`: every acknowledged write is on disk before the answer (fsync per commit; survives
 * power loss). `normal`: WAL with synchronous=NORMAL — faster, and a crash of the process
 * loses nothing, but a power loss may lose the last transactions.
 */
export type Durability = "full" | "normal";

export interface SqliteFiles {
  /** Database file path, or ":memory:" for tests. */
  readonly file: string;
  readonly durability: Durability;
}

/** Open one connection with Plinth's pragmas. */
export function openConnection({ file, durability }: SqliteFiles, readonly = false): Database.Database {
  const db = new Database(file, readonly ? { readonly: true, fileMustExist: true } : {});
  if (!readonly) db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${durability === "full" ? "FULL" : "NORMAL"}`);
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  db.defaultSafeIntegers(false);
  // Let SQLite gather the statistics its planner needs (cheap; recommended at open).
  if (!readonly) db.pragma("optimize = 0x10002");
  return db;
}

/** A FIFO lock for async callers: SQLite has one writer, so write transactions take turns. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(fn: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
