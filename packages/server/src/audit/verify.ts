import { stat } from "node:fs/promises";
import { createRuntime, type LocalizedMessage, type Runtime, renderMessage } from "@plinth/runtime";
import pg from "pg";
import { auditHash, GENESIS_HASH } from "../storage/auditHash.js";
import type { PostgresConnection } from "../storage/postgres/connection.js";
import { quoteIdent } from "../storage/postgres/connection.js";
import { postgresPlatform } from "../storage/postgres/platform.js";
import { createSqliteStorage } from "../storage/sqlite/index.js";
import type { AuditRow, Storage } from "../storage/types.js";
import { type AuditCode, auditMessages } from "./messages.js";

/** Rows read per storage call while walking the chain. */
export const AUDIT_PAGE_SIZE = 1000;

/**
 * What is wrong with a row: `modified` (its hash does not match its content), `deleted`
 * (a sequence number is missing), `broken-link` (its previous-hash is not the hash of the
 * row before it: that row was replaced and re-hashed).
 */
export type AuditProblem = "modified" | "deleted" | "broken-link";

/** The first row that fails verification. */
export interface AuditFinding {
  readonly seq: number;
  readonly problem: AuditProblem;
  readonly message: LocalizedMessage;
}

/** The outcome of walking the chain: `rows` is how many rows were verified intact, in order from 1. */
export interface AuditVerification {
  readonly ok: boolean;
  readonly rows: number;
  readonly firstBad?: AuditFinding;
}

/** The last verified row: where the next row must link to. */
export interface AuditLink {
  readonly seq: number;
  readonly hash: string;
}

function finding(seq: number, problem: AuditProblem, code: AuditCode, params: Record<string, unknown>): AuditFinding {
  return { seq, problem, message: renderMessage(auditMessages[code], { seq, ...params }) };
}

/**
 * Check one row against the last verified one (`{ seq: 0, hash: GENESIS_HASH }` before the
 * first row). Returns the finding, or undefined when the row is sound. Order matters: a gap
 * is reported before a link, a link before the row's own hash.
 */
export function checkAuditRow(row: AuditRow, previous: AuditLink): AuditFinding | undefined {
  const expected = previous.seq + 1;
  if (row.seq !== expected)
    return finding(expected, "deleted", "audit.deleted", { previous: previous.seq, next: row.seq });
  if (row.prevHash !== previous.hash)
    return finding(row.seq, "broken-link", "audit.brokenLink", { previous: previous.seq });
  if (row.hash !== auditHash(row.prevHash, row.seq, row)) return finding(row.seq, "modified", "audit.modified", {});
  return undefined;
}

interface Page {
  readonly rows: readonly AuditRow[];
  /** A row after `rows` could not be parsed (its stored JSON was tampered with). */
  readonly unreadable: boolean;
}

/** Reads up to `limit` audit rows after `afterSeq`, in order (one short read each). */
export type AuditRangeReader = (afterSeq: number, limit: number) => Promise<readonly AuditRow[]>;

/**
 * One page of rows after `afterSeq`. When the page cannot be parsed, rows are read one by one
 * up to the bad one, so a tampered row is a finding rather than a crash.
 */
async function readPage(range: AuditRangeReader, afterSeq: number, pageSize: number): Promise<Page> {
  try {
    return { rows: await range(afterSeq, pageSize), unreadable: false };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  const rows: AuditRow[] = [];
  let after = afterSeq;
  while (rows.length < pageSize) {
    let next: AuditRow | undefined;
    try {
      [next] = await range(after, 1);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      return { rows, unreadable: true };
    }
    if (next === undefined) break;
    rows.push(next);
    after = next.seq;
  }
  return { rows, unreadable: false };
}

/**
 * Walk the whole audit chain in pages of {@link AUDIT_PAGE_SIZE} (one short read transaction
 * each, so a running server keeps serving) and report the first row that was modified,
 * deleted or re-linked. Rows appended meanwhile are verified too.
 *
 * The chain proves that no row inside the log was changed; removing the newest rows, or
 * rewriting every hash from some row on, needs an anchor kept elsewhere (compare
 * `auditHead()` with a copy published outside the database).
 *
 * @example
 * const result = await verifyAuditChain(ctx.storage);
 * if (!result.ok) console.error(result.firstBad?.message.en);
 */
export function verifyAuditChain(storage: Storage, pageSize = AUDIT_PAGE_SIZE): Promise<AuditVerification> {
  return walkAuditChain((afterSeq, limit) => storage.read((tx) => tx.platform.auditRange(afterSeq, limit)), pageSize);
}

/**
 * The chain walk of {@link verifyAuditChain} over any reader of audit rows (a storage's
 * transactions, or one read-only PostgreSQL connection).
 */
export async function walkAuditChain(range: AuditRangeReader, pageSize = AUDIT_PAGE_SIZE): Promise<AuditVerification> {
  let previous: AuditLink = { seq: 0, hash: GENESIS_HASH };
  for (;;) {
    const page = await readPage(range, previous.seq, pageSize);
    for (const row of page.rows) {
      const bad = checkAuditRow(row, previous);
      if (bad) return { ok: false, rows: previous.seq, firstBad: bad };
      previous = { seq: row.seq, hash: row.hash };
    }
    if (page.unreadable) {
      const seq = previous.seq + 1;
      return { ok: false, rows: previous.seq, firstBad: finding(seq, "modified", "audit.unreadable", {}) };
    }
    if (page.rows.length < pageSize) return { ok: true, rows: previous.seq };
  }
}

/** A database file after trying to verify it: verified (intact or not), or not a readable database. */
export type AuditFileVerification =
  | { readonly status: "verified"; readonly verification: AuditVerification }
  | {
      readonly status: "unreadable";
      readonly code:
        | "audit.fileMissing"
        | "audit.fileUnreadable"
        | "audit.databaseUnreachable"
        | "audit.notPlinthDatabase";
      readonly message: LocalizedMessage;
    };

function unreadable(file: string, error: unknown): AuditFileVerification {
  const reason = error instanceof Error ? error.message : String(error);
  const message = renderMessage(auditMessages["audit.fileUnreadable"], { file, reason });
  return { status: "unreadable", code: "audit.fileUnreadable", message };
}

/**
 * Open a Plinth SQLite database file and verify its audit chain. Never creates a missing
 * file; every outcome is data (nothing throws).
 *
 * @example
 * const result = await verifyAuditFile("./data/plinth.sqlite");
 * if (result.status === "verified" && result.verification.ok) console.log("intact");
 */
export async function verifyAuditFile(
  file: string,
  runtime: Runtime = createRuntime(),
): Promise<AuditFileVerification> {
  try {
    if (!(await stat(file)).isFile()) return unreadable(file, "it is not a file");
  } catch (error) {
    const missing = error instanceof Error && "code" in error && error.code === "ENOENT";
    if (!missing) return unreadable(file, error);
    return {
      status: "unreadable",
      code: "audit.fileMissing",
      message: renderMessage(auditMessages["audit.fileMissing"], { file }),
    };
  }
  let storage: Storage;
  try {
    storage = createSqliteStorage({ file, durability: "normal", functions: runtime.functions });
  } catch (error) {
    return unreadable(file, error);
  }
  try {
    return { status: "verified", verification: await verifyAuditChain(storage) };
  } catch (error) {
    return unreadable(file, error);
  } finally {
    await storage.close();
  }
}

/** How long `verifyAuditDatabase` waits for PostgreSQL to accept the connection. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Verify the audit chain of a Plinth database on PostgreSQL, read-only: one connection, one
 * short query per page (running servers keep appending; rows appended meanwhile are verified
 * too). Nothing is created or changed, so a read-only role suffices. `name` is how messages
 * call the database (pass the URL without its password). Every outcome is data.
 *
 * @example
 * const result = await verifyAuditDatabase({ url: process.env.PLINTH_DATABASE_URL ?? "" }, "production");
 */
export async function verifyAuditDatabase(
  connection: PostgresConnection,
  name: string,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<AuditFileVerification> {
  const settings = connection.schema === undefined ? [] : [`-c search_path=${quoteIdent(connection.schema)}`];
  const client = new pg.Client({
    connectionString: connection.url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    ...(settings.length > 0 ? { options: settings.join(" ") } : {}),
  });
  // A connection dropped mid-walk rejects the running query; the event alone must not crash.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = renderMessage(auditMessages["audit.databaseUnreachable"], { database: name, reason });
    await client.end().catch(() => undefined);
    return { status: "unreadable", code: "audit.databaseUnreachable", message };
  }
  try {
    const found = await client.query<{ present: boolean }>("SELECT to_regclass('audit') IS NOT NULL AS present");
    if (found.rows[0]?.present !== true) {
      const message = renderMessage(auditMessages["audit.notPlinthDatabase"], { database: name });
      return { status: "unreadable", code: "audit.notPlinthDatabase", message };
    }
    const platform = postgresPlatform(client);
    return {
      status: "verified",
      verification: await walkAuditChain((afterSeq, limit) => platform.auditRange(afterSeq, limit), pageSize),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = renderMessage(auditMessages["audit.databaseUnreachable"], { database: name, reason });
    return { status: "unreadable", code: "audit.databaseUnreachable", message };
  } finally {
    await client.end().catch(() => undefined);
  }
}
