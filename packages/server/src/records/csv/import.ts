import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import type { FastifyRequest } from "fastify";
import type { PublishedApps } from "../../apps/published.js";
import type { ServerContext } from "../../http/context.js";
import { HttpError } from "../../http/errors.js";
import type { WriteTx } from "../../storage/types.js";
import { createRecord } from "../service.js";
import { actorIn } from "../userContext.js";
import type { ImportJob } from "./jobs.js";
import { fromCsvValue } from "./values.js";

const BATCH = 500;

function issuesOf(error: unknown): ImportJob["errors"][number]["issues"] {
  if (error instanceof HttpError) {
    const detailed = error.details.issues as ImportJob["errors"][number]["issues"] | undefined;
    return detailed && detailed.length > 0
      ? detailed
      : [{ code: error.code, path: error.path, message: error.messages }];
  }
  const message = error instanceof Error ? error.message : String(error);
  return [{ code: "import.failed", path: "", message: { en: message, "zh-CN": message } }];
}

class Rollback extends Error {}

/**
 * Import a CSV file into an entity, row by row through the same path as the API (access,
 * validation, autonumbers, audit). `all`: one transaction, nothing is kept unless every row
 * is valid; `skip`: batches of 500 rows commit as they go, invalid rows are reported and
 * skipped. The job is updated as rows are read, so progress can be watched.
 */
export async function runImport(
  ctx: ServerContext,
  apps: PublishedApps,
  request: FastifyRequest,
  job: ImportJob,
  file: string,
): Promise<void> {
  const parser = createReadStream(file).pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, trim: false, relax_column_count: false }),
  );
  const rows = parser[Symbol.asyncIterator]() as AsyncIterator<Record<string, string>>;
  let line = 1;

  const importBatch = async (tx: WriteTx, limit: number): Promise<boolean> => {
    const published = await apps.get(tx, job.app);
    const actor = await actorIn(ctx, tx, request, published);
    const fields = new Map(
      (published.stored.schema.entities?.find((e) => e.id === job.entity)?.fields ?? []).map((f) => [f.id, f]),
    );
    for (let n = 0; n < limit; n++) {
      const next = await rows.next();
      if (next.done) return false;
      line += 1;
      job.processed += 1;
      const input: Record<string, unknown> = {};
      for (const [column, text] of Object.entries(next.value)) {
        const field = fields.get(column);
        if (column === "id" || column === "version") continue;
        input[column] = field ? fromCsvValue(field, text) : text;
      }
      try {
        await createRecord(ctx, tx, published, actor, job.entity, input, request.id, 0, { bulkImport: true });
        job.imported += 1;
      } catch (error) {
        job.errors.push({ row: line, issues: issuesOf(error) });
        if (job.errors.length > 10_000) throw new Rollback("too many invalid rows");
      }
    }
    return true;
  };

  try {
    if (job.mode === "all") {
      await ctx.storage.write(async (tx) => {
        while (await importBatch(tx, BATCH)) {
          // keep reading
        }
        if (job.errors.length > 0) throw new Rollback("invalid rows");
      });
    } else {
      while (await ctx.storage.write((tx) => importBatch(tx, BATCH))) {
        // one transaction per batch
      }
    }
    job.status = "done";
  } catch (error) {
    job.status = "failed";
    if (job.mode === "all") job.imported = 0;
    job.failure =
      error instanceof Rollback
        ? {
            code: "import.rolledBack",
            message: {
              en: `Nothing was imported: ${job.errors.length} row(s) are invalid. Fix them (see errors) and import again, or use mode=skip.`,
              "zh-CN": `未导入任何数据：有 ${job.errors.length} 行无效。请修正（见 errors）后重新导入，或使用 mode=skip。`,
            },
          }
        : {
            code: "import.unreadable",
            message: {
              en: `The file could not be read as CSV: ${error instanceof Error ? error.message : String(error)}`,
              "zh-CN": `无法将文件读取为 CSV：${error instanceof Error ? error.message : String(error)}`,
            },
          };
  } finally {
    job.finishedAt = ctx.clock.now().toISOString();
    parser.destroy();
  }
}
