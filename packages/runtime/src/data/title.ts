import type { Node } from "../expr/ast.js";
import { printFormula } from "../expr/print.js";
import type { Entity } from "../schema/types.js";

/** The field that names an entity's records: its `titleField`, else its first text field. */
export function titleFieldOf(entity: Entity): string | undefined {
  return entity.titleField ?? entity.fields.find((f) => f.kind === "text")?.id;
}

/** A record's title (for lists, pickers, inboxes), or undefined when it has none. */
export function recordTitle(entity: Entity, record: Readonly<Record<string, unknown>>): string | undefined {
  const field = titleFieldOf(entity);
  const value = field === undefined ? undefined : record[field];
  if (value === undefined || value === null || value === "") return undefined;
  return typeof value === "string" ? value : String(value);
}

/** Ids of one related entity that a page of records points at, and the field naming them. */
export interface TitleRequest {
  readonly entity: string;
  readonly titleField: string;
  /** Each id once, in first-seen order. */
  readonly ids: readonly string[];
}

/**
 * What to look up to name the relation values of `records` (of entity `entity` in `app`): per
 * related entity with a title field, the distinct ids the records point at. The server and the
 * memory source answer a list's `titles` option with it, so a page names its related records
 * however many there are, and only those the reader may see.
 */
export function titleRequests(
  app: { readonly entities?: readonly Entity[] | undefined },
  entity: string,
  records: readonly Readonly<Record<string, unknown>>[],
  /** Only these relation fields (all of the entity's when omitted). */
  only?: readonly string[],
): TitleRequest[] {
  const entities = app.entities ?? [];
  const fields = entities.find((e) => e.id === entity)?.fields ?? [];
  const out = new Map<string, { titleField: string; ids: Set<string> }>();
  for (const field of fields) {
    if (field.kind !== "relation" || (only && !only.includes(field.id))) continue;
    const target = entities.find((e) => e.id === field.target);
    const titleField = target ? titleFieldOf(target) : undefined;
    if (!target || !titleField) continue;
    const entry = out.get(target.id) ?? { titleField, ids: new Set<string>() };
    out.set(target.id, entry);
    for (const record of records) {
      const value = record[field.id];
      if (typeof value === "string" && value !== "") entry.ids.add(value);
    }
  }
  return [...out]
    .filter(([, { ids }]) => ids.size > 0)
    .map(([id, { titleField, ids }]) => ({ entity: id, titleField, ids: [...ids] }));
}

/** Ids per lookup: a list page holds at most 500 records. */
const TITLE_CHUNK = 500;
/** Characters per lookup's filter, within the formula language's 10,000 (`FORMULA_LIMITS.maxLength`). */
const FILTER_BUDGET = 9_000;

/** The ids in runs whose `id IN (...)` filters stay within both limits. */
function chunks(ids: readonly string[]): string[][] {
  const out: string[][] = [];
  let run: string[] = [];
  let length = "id IN ()".length;
  for (const id of ids) {
    // Quoted, with any quote doubled, and ", " before it.
    const size = id.length + 2 + (id.match(/['"]/g)?.length ?? 0) + 2;
    if (run.length > 0 && (run.length === TITLE_CHUNK || length + size > FILTER_BUDGET)) {
      out.push(run);
      run = [];
      length = "id IN ()".length;
    }
    run.push(id);
    length += size;
  }
  if (run.length > 0) out.push(run);
  return out;
}

/** `id IN ('a', 'b')`, printed by the core from a syntax tree (so any id is quoted correctly). */
export function idInFilter(ids: readonly string[]): string {
  const span = { start: 0, end: 0 } as const;
  const node: Node = {
    type: "in",
    value: { type: "field", path: ["id"], span },
    list: ids.map((value) => ({ type: "string", value, span })),
    span,
  };
  return printFormula(node);
}

/**
 * Titles by id for the requests, asked in chunks (at most 500 ids and a filter the formula
 * language accepts per call): `list` reads one related entity's records with a filter, the
 * title field only, as the reader (returning none where the reader may not read that entity).
 */
export async function lookUpTitles(
  requests: readonly TitleRequest[],
  list: (
    entity: string,
    options: { readonly filter: string; readonly fields: readonly string[]; readonly limit: number },
  ) => Promise<readonly Readonly<Record<string, unknown>>[]>,
): Promise<Record<string, string>> {
  const titles: Record<string, string> = {};
  for (const request of requests) {
    for (const ids of chunks(request.ids)) {
      const records = await list(request.entity, {
        filter: idInFilter(ids),
        fields: [request.titleField],
        limit: ids.length,
      });
      for (const record of records) {
        const title = record[request.titleField];
        if (title !== undefined && title !== null && title !== "") titles[String(record.id)] = String(title);
      }
    }
  }
  return titles;
}
