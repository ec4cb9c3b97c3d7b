import type { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import type { PublishedApp } from "../../apps/published.js";
import type { ServerContext } from "../../http/context.js";
import type { Condition } from "../../storage/types.js";
import { accessFor, requireAccess, rowCondition } from "../access.js";
import { and, assertReadableFormula, compileFilter } from "../formulas.js";
import { parseSort } from "../list.js";
import type { Actor } from "../userContext.js";
import { toCsvValue } from "./values.js";

const PAGE = 1000;

/**
 * Stream an entity's records as CSV: only rows the actor may export (the export row scope),
 * only fields they may read, in pages of 1,000 with keyset pagination. Header = field ids.
 * `sort` is the list API's (`-amount,name`); without it rows come in id order.
 */
export function exportCsv(
  ctx: ServerContext,
  published: PublishedApp,
  actor: Actor,
  entity: string,
  filter: string | undefined,
  sort?: string,
): Readable {
  const exportAccess = requireAccess(published, actor, entity, "export");
  const read = accessFor(published, actor, entity, "read");
  let where: Condition = and(rowCondition(exportAccess), rowCondition(read));
  if (filter) {
    const typed = compileFilter(ctx, published, entity, filter, "filter");
    assertReadableFormula(published, actor, entity, typed, "filter");
    where = and(where, { kind: "formula", typed });
  }
  const keys = sort ? parseSort(published, actor, entity, sort) : [];
  const definition = published.stored.schema.entities?.find((e) => e.id === entity);
  const columns = [
    "id",
    ...(definition?.fields ?? [])
      .filter((f) => f.kind !== "attachment" && !read.hiddenFields.has(f.id))
      .map((f) => f.id),
    "createdAt",
    "updatedAt",
  ];
  const csv = stringify({ header: true, columns, bom: true });
  void (async () => {
    try {
      let after: unknown[] | undefined;
      for (;;) {
        const rows = await ctx.storage.read((tx) =>
          tx.records(published.stored).list(entity, { where, env: actor.env, sort: keys, limit: PAGE, after }),
        );
        for (const row of rows) {
          if (!csv.write(columns.map((c) => toCsvValue(row[c]))))
            await new Promise((resolve) => csv.once("drain", resolve));
        }
        const last = rows.at(-1);
        if (rows.length < PAGE || !last) break;
        after = [...keys.map((k) => (last[k.field] ?? null) as unknown), last.id];
      }
      csv.end();
    } catch (error) {
      csv.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  return csv;
}
