import { lookUpTitles, titleRequests } from "@plinth/runtime";
import type { PublishedApp } from "../apps/published.js";
import type { ServerContext } from "../http/context.js";
import { httpError } from "../http/errors.js";
import type { Condition, ReadTx, Row, SortKey } from "../storage/types.js";
import { accessFor, requireAccess, rowCondition } from "./access.js";
import { and, assertReadableFormula, assertReadablePath, compileFilter, withCallerFormula } from "./formulas.js";
import { present } from "./service.js";
import type { Actor } from "./userContext.js";

export interface ListQuery {
  readonly filter?: string;
  readonly sort?: string;
  readonly limit?: number;
  readonly cursor?: string;
  readonly fields?: string;
  /** Also name the related records the page points at (`titles`: id → title), those the reader may read. */
  readonly titles?: boolean;
}

function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

function decodeCursor(cursor: string): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    // Booleans too: a yes/no sort key's value is true/false in the row (stored, and bound, as 1/0).
    if (Array.isArray(values) && values.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v)))
      return values;
  } catch {
    // fall through
  }
  throw httpError(
    400,
    "http.badRequest",
    { reason: "the cursor is not one this server gave out; start again without it" },
    { path: "cursor" },
  );
}

/** `-amount,name` → [{amount desc}, {name asc}], each a readable, sortable field. */
export function parseSort(published: PublishedApp, actor: Actor, entity: string, sort: string | undefined): SortKey[] {
  if (!sort) return [{ field: "createdAt", direction: "desc" }];
  const fields = published.stored.schema.entities?.find((e) => e.id === entity)?.fields ?? [];
  return sort.split(",").map((part) => {
    const direction = part.startsWith("-") ? "desc" : "asc";
    const field = part.replace(/^[-+]/, "").trim();
    const known =
      ["id", "createdAt", "updatedAt", "createdBy", "updatedBy"].includes(field) ||
      fields.some((f) => f.id === field && f.kind !== "attachment" && f.kind !== "multiSelect");
    if (!known) throw httpError(400, "http.badRequest", { reason: `cannot sort by '${field}'` }, { path: "sort" });
    assertReadablePath(published, actor, entity, [field], "sort");
    return { field, direction };
  });
}

/**
 * One page of an entity's records the actor may read: the row scope AND the request's filter,
 * sorted, after the cursor, hidden fields removed, `next` when more rows follow.
 */
export async function listRecords(
  ctx: ServerContext,
  tx: ReadTx,
  published: PublishedApp,
  actor: Actor,
  entity: string,
  query: ListQuery,
): Promise<{ records: Row[]; next?: string; titles?: Record<string, string> }> {
  const access = requireAccess(published, actor, entity, "read");
  let where: Condition = rowCondition(access);
  if (query.filter) {
    const typed = compileFilter(ctx, published, entity, query.filter, "filter");
    assertReadableFormula(published, actor, entity, typed, "filter");
    where = and(where, { kind: "formula", typed });
  }
  const sort = parseSort(published, actor, entity, query.sort);
  const limit = query.limit ?? 50;
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await withCallerFormula(query.filter ? "filter" : undefined, () =>
    tx.records(published.stored).list(entity, { where, env: actor.env, sort, limit: limit + 1, after }),
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const wanted = query.fields ? new Set(["id", "version", ...query.fields.split(",").map((f) => f.trim())]) : undefined;
  const records = page.map((row) => {
    const visible = present(published, actor, entity, row);
    return wanted ? Object.fromEntries(Object.entries(visible).filter(([k]) => wanted.has(k))) : visible;
  });
  const next =
    rows.length > limit && last
      ? encodeCursor([...sort.map((s) => (last[s.field] ?? null) as unknown), last.id])
      : undefined;
  const titles = query.titles ? await pageTitles(ctx, tx, published, actor, entity, records) : undefined;
  return { records, ...(next ? { next } : {}), ...(titles ? { titles } : {}) };
}

/** Titles of the records a page's relation values point at, read as the actor (row scopes and masks apply). */
function pageTitles(
  ctx: ServerContext,
  tx: ReadTx,
  published: PublishedApp,
  actor: Actor,
  entity: string,
  records: readonly Row[],
): Promise<Record<string, string>> {
  return lookUpTitles(titleRequests(published.stored.schema, entity, records), async (target, options) => {
    if (!accessFor(published, actor, target, "read").allowed) return [];
    const { records: named } = await listRecords(ctx, tx, published, actor, target, {
      filter: options.filter,
      fields: options.fields.join(","),
      limit: options.limit,
      sort: "id",
    });
    return named;
  });
}
