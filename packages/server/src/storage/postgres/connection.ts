import pg from "pg";

/** One connection of the pool (a transaction's), or the pool itself. */
export type Queryable = Pick<pg.PoolClient, "query">;

const BIGINT = 20;
const NUMERIC = 1700;

/**
 * bigint and numeric come back as numbers, as SQLite's integers and reals do (counts, sums of
 * bigint columns, autonumbers); Plinth's values stay within double precision.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === BIGINT || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};

export interface PostgresConnection {
  /** `postgres://user:password@host:port/database` */
  readonly url: string;
  /** A schema to keep every table in (created when missing); default: the server's `search_path`. */
  readonly schema?: string;
  /** Most connections this process opens. */
  readonly maxConnections?: number;
}

/** Open a pool with Plinth's settings (number parsing, UTC, the schema on the search path). */
export function openPool({ url, schema, maxConnections }: PostgresConnection): pg.Pool {
  const settings = ["-c TimeZone=UTC"];
  if (schema !== undefined) settings.push(`-c search_path=${quoteIdent(schema)}`);
  return new pg.Pool({
    connectionString: url,
    max: maxConnections ?? 8,
    idleTimeoutMillis: 10_000,
    types,
    options: settings.join(" "),
  });
}

/** Quote an identifier. Identifiers only ever come from validated schema ids or our own names. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** SQL written with `?` placeholders (as the SQLite implementation's) in PostgreSQL's `$n` form. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

type Raw = Record<string, unknown>;

/** Small helpers over one connection: `?` placeholders, first row, all rows, affected count. */
export function helpers(db: Queryable) {
  const cache = new Map<string, string>();
  const text = (sql: string) => {
    let converted = cache.get(sql);
    if (converted === undefined) {
      converted = numbered(sql);
      cache.set(sql, converted);
    }
    return converted;
  };
  return {
    async one(sql: string, ...params: unknown[]): Promise<Raw | undefined> {
      return (await db.query(text(sql), params)).rows[0] as Raw | undefined;
    },
    async all(sql: string, ...params: unknown[]): Promise<Raw[]> {
      return (await db.query(text(sql), params)).rows as Raw[];
    },
    async run(sql: string, ...params: unknown[]): Promise<number> {
      return (await db.query(text(sql), params)).rowCount ?? 0;
    },
  };
}

/** PostgreSQL's error codes for a transaction that lost a race and may simply be run again. */
export function isRetryable(error: unknown): boolean {
  if (error === null || typeof error !== "object") return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  // serialization_failure, deadlock_detected; two processes appending the same audit seq.
  return code === "40001" || code === "40P01" || (code === "23505" && constraint === "audit_pkey");
}

/**
 * Run one statement so that its failure leaves the transaction usable, as a failed statement
 * does on SQLite (callers catch a unique violation and go on): a savepoint around it.
 */
export async function guarded<T>(db: Queryable, fn: () => Promise<T>): Promise<T> {
  await db.query("SAVEPOINT plinth_statement");
  try {
    const result = await fn();
    await db.query("RELEASE SAVEPOINT plinth_statement");
    return result;
  } catch (error) {
    await db.query("ROLLBACK TO SAVEPOINT plinth_statement");
    throw error;
  }
}

/**
 * PostgreSQL must know every parameter's type, and refuses one the statement never uses (a
 * formula's DATEADD unit is bound but spelled into the SQL). Mention the unused ones in a CTE
 * that nothing reads, with the type of their value.
 */
export function withAllParameters(sql: string, params: readonly unknown[]): string {
  const used = new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  const unused: string[] = [];
  params.forEach((value, i) => {
    if (used.has(i + 1)) return;
    const type = typeof value === "number" ? "float8" : typeof value === "boolean" ? "boolean" : "text";
    unused.push(`$${i + 1}::${type}`);
  });
  return unused.length === 0 ? sql : `WITH _unused AS (SELECT ${unused.join(", ")}) ${sql}`;
}
