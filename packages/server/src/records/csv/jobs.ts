import { randomUUID } from "node:crypto";
import type { Storage, WriteTx } from "../../storage/types.js";

/** One refused row of an import: its line in the file (header = 1) and why. */
export interface ImportRowError {
  readonly row: number;
  readonly issues: ReadonlyArray<{ code: string; path: string; message: { en: string; "zh-CN": string } }>;
}

/** What an import reports while it runs and when it ends. */
export interface ImportJob {
  readonly id: string;
  readonly app: string;
  readonly entity: string;
  readonly mode: "all" | "skip";
  readonly userId: string;
  /** An administrator restoring exported rows: automations do not react (`?restore=1`). */
  readonly restore?: boolean;
  status: "running" | "done" | "failed";
  /** Rows read so far (data rows, not counting the header). */
  processed: number;
  imported: number;
  /** Rows refused, with their line number in the file (header = 1) and reasons. */
  errors: ImportRowError[];
  /** Set when the whole import was rolled back or could not run. */
  failure?: { code: string; message: { en: string; "zh-CN": string } };
  readonly startedAt: string;
  finishedAt?: string;
  /** When the job's stored state last changed (each committed batch). */
  updatedAt?: string;
}

/** A `skip` import whose stored state has not moved for this long ran on a process that stopped. */
const SKIP_STALE_MS = 10 * 60_000;
/** An `all` import commits once, at its end, so only a much longer silence means its process stopped. */
const ALL_STALE_MS = 6 * 3_600_000;

const metaKey = (id: string) => `import:${id}`;

/**
 * Import jobs, stored in the database (so any server process can answer for a job another one
 * runs) and, while they run here, also held in this process's memory (live progress between
 * commits). The stored state is written inside the transactions that write the imported rows,
 * so it never counts a row that a rolled-back or retried transaction did not keep.
 */
export class ImportJobs {
  private readonly running = new Map<string, ImportJob>();
  /** This process's jobs are stored with this mark (`runner`), never shown to clients. */
  private readonly instance = randomUUID();

  constructor(private readonly storage: Storage) {}

  /** Store a job's current state inside `tx` (with the rows it counts). */
  async save(tx: WriteTx, job: ImportJob, at: string): Promise<void> {
    await tx.platform.setMeta(metaKey(job.id), JSON.stringify({ ...job, updatedAt: at, runner: this.instance }));
  }

  /** A job this process runs: answered from memory until it ends. */
  track(job: ImportJob): () => void {
    this.running.set(job.id, job);
    return () => this.running.delete(job.id);
  }

  /**
   * A job by id: live from memory when this process runs it, otherwise as stored. A job still
   * stored as running whose state has not moved for long ran on a process that stopped: it is
   * reported as failed (`import.interrupted`) with what its committed batches imported. On
   * SQLite one process serves the file, so a running job another process started (one that was
   * killed or stopped before this one started) is interrupted at once.
   */
  async get(id: string, now: Date): Promise<ImportJob | undefined> {
    const live = this.running.get(id);
    if (live) return live;
    const text = await this.storage.read((tx) => tx.platform.meta(metaKey(id)));
    if (text === undefined) return undefined;
    const { runner, ...job } = JSON.parse(text) as ImportJob & { runner?: string };
    const stale = job.mode === "skip" ? SKIP_STALE_MS : ALL_STALE_MS;
    const since = Date.parse(job.updatedAt ?? job.startedAt);
    const orphaned = this.storage.kind === "sqlite" && runner !== this.instance;
    if (job.status !== "running" || (!orphaned && now.getTime() - since < stale)) return job;
    const kept = job.mode === "skip" ? job.imported : 0;
    return {
      ...job,
      status: "failed",
      imported: kept,
      failure: {
        code: "import.interrupted",
        message: {
          en: `The server running this import stopped. ${kept} row(s) were imported and kept; import the rest of the file again.`,
          "zh-CN": `执行此导入的服务器已停止。已导入并保留 ${kept} 行；请重新导入文件的其余部分。`,
        },
      },
    };
  }
}
