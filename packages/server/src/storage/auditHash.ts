import { createHash } from "node:crypto";
import type { AuditEntry } from "./types.js";

/** The hash of the chain before the first row. */
export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted at every level, so a stored row re-hashes to the same value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * Hash of one audit row: SHA-256 over the previous hash and a canonical JSON of the row's
 * content (fixed key order). Changing, removing or reordering any row breaks the chain.
 */
export function auditHash(prevHash: string, seq: number, entry: AuditEntry): string {
  const content = canonicalJson([
    seq,
    entry.at,
    entry.userId,
    entry.requestId,
    entry.action,
    entry.appId,
    entry.entity,
    entry.recordId,
    entry.diff ?? null,
  ]);
  return createHash("sha256").update(prevHash).update("\n").update(content).digest("hex");
}
