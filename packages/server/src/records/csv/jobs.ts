/** What an import reports while it runs and when it ends. */
export interface ImportJob {
  readonly id: string;
  readonly app: string;
  readonly entity: string;
  readonly mode: "all" | "skip";
  readonly userId: string;
  status: "running" | "done" | "failed";
  /** Rows read so far (data rows, not counting the header). */
  processed: number;
  imported: number;
  /** Rows refused, with their line number in the file (header = 1) and reasons. */
  readonly errors: Array<{
    row: number;
    issues: ReadonlyArray<{ code: string; path: string; message: { en: string; "zh-CN": string } }>;
  }>;
  /** Set when the whole import was rolled back or could not run. */
  failure?: { code: string; message: { en: string; "zh-CN": string } };
  readonly startedAt: string;
  finishedAt?: string;
}

/** Imports of this process, by id; kept for an hour after they end. */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  add(job: ImportJob): void {
    this.jobs.set(job.id, job);
  }

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  prune(now: number): void {
    for (const [id, job] of this.jobs) {
      if (job.finishedAt && now - Date.parse(job.finishedAt) > 3_600_000) this.jobs.delete(id);
    }
  }
}
