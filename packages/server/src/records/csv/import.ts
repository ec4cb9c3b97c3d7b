import { createReadStream } from "node:fs";
import { nulCharacterIssues } from "@plinth/runtime";
import { CsvError, parse } from "csv-parse";
import type { FastifyRequest } from "fastify";
import type { PublishedApps } from "../../apps/published.js";
import type { ServerContext } from "../../http/context.js";
import { HttpError, invalid } from "../../http/errors.js";
import type { WriteTx } from "../../storage/types.js";
import { createRecord } from "../service.js";
import { actorIn } from "../userContext.js";
import type { ImportJob, ImportJobs } from "./jobs.js";
import { fromCsvValue } from "./values.js";

const BATCH = 500;

function issuesOf(error: HttpError): ImportJob["errors"][number]["issues"] {
  const detailed = error.details.issues as ImportJob["errors"][number]["issues"] | undefined;
  return detailed && detailed.length > 0 ? detailed : [{ code: error.code, path: error.path, message: error.messages }];
}

class Rollback extends Error {}

type Row = { readonly line: number; readonly value: Record<string, string> };

/** Up to `limit` data rows from the parser, with their line numbers; an empty array at the end. */
async function readRows(rows: AsyncIterator<Record<string, string>>, from: number, limit: number): Promise<Row[]> {
  const out: Row[] = [];
  while (out.length < limit) {
    const next = await rows.next();
    if (next.done) break;
    out.push({ line: from + out.length + 1, value: next.value });
  }
  return out;
}

function csvParser(file: string) {
  return createReadStream(file).pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, trim: false, relax_column_count: false }),
  );
}

/**
 * Import a CSV file into an entity, row by row through the same path as the API (access,
 * validation, autonumbers, audit). `all`: one transaction, nothing is kept unless every row
 * is valid; `skip`: batches of 500 rows commit as they go, invalid rows are reported and
 * skipped. The job is updated as rows are read, so progress can be watched, and its stored
 * state is written with the rows it counts (see {@link ImportJobs}).
 *
 * A write transaction may run more than once (PostgreSQL retries one that lost a race with
 * another process), so a transaction works only on rows read before it (`skip`) or reads the
 * file afresh (`all`), and counts into the job from its own start.
 */
export async function runImport(
  ctx: ServerContext,
  apps: PublishedApps,
  jobs: ImportJobs,
  request: FastifyRequest,
  job: ImportJob,
  file: string,
): Promise<void> {
  const untrack = jobs.track(job);
  const parsers: Array<{ destroy(): void }> = [];

  /** Create the rows in `tx`, counting into `job` from the counts it had before. */
  const importRows = async (
    tx: WriteTx,
    rows: readonly Row[],
    before: Pick<ImportJob, "processed" | "imported" | "errors">,
  ) => {
    job.processed = before.processed;
    job.imported = before.imported;
    job.errors = [...before.errors];
    const published = await apps.get(tx, job.app);
    const actor = await actorIn(ctx, tx, request, published);
    const fields = new Map(
      (published.stored.schema.entities?.find((e) => e.id === job.entity)?.fields ?? []).map((f) => [f.id, f]),
    );
    for (const row of rows) {
      job.processed += 1;
      const input: Record<string, unknown> = {};
      for (const [column, text] of Object.entries(row.value)) {
        const field = fields.get(column);
        if (column === "id" || column === "version") continue;
        input[column] = field ? fromCsvValue(field, text) : text;
      }
      try {
        // U+0000 is refused before the write: a relation's text is looked up (formula paths) before
        // the core validates it, and PostgreSQL would fail there, aborting the whole transaction.
        const nul = nulCharacterIssues(input, (key) => fields.get(key));
        if (nul.length > 0) throw invalid(nul);
        await createRecord(ctx, tx, published, actor, job.entity, input, request.id, 0, {
          bulkImport: true,
          restore: job.restore === true,
        });
        job.imported += 1;
      } catch (error) {
        // Only a refusal of the row is the row's issue; anything else (a database error, e.g.
        // a lost race PostgreSQL will have the transaction retried for) ends the transaction.
        if (!(error instanceof HttpError)) throw error;
        job.errors.push({ row: row.line, issues: issuesOf(error) });
        if (job.errors.length > 10_000) throw new Rollback("too many invalid rows");
      }
    }
  };

  const start = { processed: 0, imported: 0, errors: [] as ImportJob["errors"] };
  try {
    if (job.mode === "all") {
      await ctx.storage.write(async (tx) => {
        // Every attempt reads the whole file again, in batches, inside this one transaction.
        const parser = csvParser(file);
        parsers.push(parser);
        const rows = parser[Symbol.asyncIterator]() as AsyncIterator<Record<string, string>>;
        let counted = start;
        for (;;) {
          const batch = await readRows(rows, 1 + counted.processed, BATCH);
          if (batch.length === 0) break;
          await importRows(tx, batch, counted);
          counted = { processed: job.processed, imported: job.imported, errors: job.errors };
        }
        if (job.errors.length > 0) throw new Rollback("invalid rows");
        job.status = "done";
        job.finishedAt = ctx.clock.now().toISOString();
        await jobs.save(tx, job, job.finishedAt);
      });
    } else {
      const parser = csvParser(file);
      parsers.push(parser);
      const rows = parser[Symbol.asyncIterator]() as AsyncIterator<Record<string, string>>;
      for (;;) {
        const batch = await readRows(rows, 1 + job.processed, BATCH);
        if (batch.length === 0) break;
        const before = { processed: job.processed, imported: job.imported, errors: job.errors };
        try {
          await ctx.storage.write(async (tx) => {
            await importRows(tx, batch, before);
            await jobs.save(tx, job, ctx.clock.now().toISOString());
          });
        } catch (error) {
          // The batch was rolled back: count only what earlier batches committed.
          job.imported = before.imported;
          throw error;
        }
      }
      job.status = "done";
    }
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
        : error instanceof CsvError
          ? {
              code: "import.unreadable",
              message: {
                en: `The file could not be read as CSV: ${error.message}`,
                "zh-CN": `无法将文件读取为 CSV：${error.message}`,
              },
            }
          : {
              code: "import.failed",
              message: {
                en: `The import stopped on a server error${job.mode === "skip" ? `; the ${job.imported} row(s) imported before it were kept` : "; nothing was imported"}. Import the rest again; if it happens again, report the time to your administrator.`,
                "zh-CN": `导入因服务器错误而中止${job.mode === "skip" ? `；此前已导入的 ${job.imported} 行已保留` : "；未导入任何数据"}。请重新导入其余部分；如再次发生，请将时间报告给管理员。`,
              },
            };
  } finally {
    for (const parser of parsers) parser.destroy();
    if (job.status !== "done" || job.mode === "skip") {
      job.finishedAt = ctx.clock.now().toISOString();
      await ctx.storage.write((tx) => jobs.save(tx, job, job.finishedAt as string)).catch(() => undefined);
    }
    untrack();
  }
}
