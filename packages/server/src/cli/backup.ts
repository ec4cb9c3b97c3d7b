import { constants } from "node:fs";
import { copyFile, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import type { Issue } from "@plinth/runtime";
import Database from "better-sqlite3";
import { commonOptions } from "./args.js";
import { DATABASE_FILE } from "./audit.js";
import { startCommand } from "./command.js";
import { type CliIo, ExitCode } from "./io.js";
import { cliIssue } from "./messages.js";
import { type CliLocale, formatIssue, formatJson } from "./output.js";

/** Usage of `plinth backup`, printed by `plinth help`. */
export const backupUsage = "plinth backup [--data ./data] --out <dir> [--json] [--lang en|zh-CN]";

/** The uploads' folder inside a data folder (and inside a backup). */
export const FILES_DIR = "files";

const backupOptions = {
  ...commonOptions,
  data: { type: "string" },
  out: { type: "string" },
  database: { type: "string" },
} as const;

/** What a backup holds. */
export interface BackupSummary {
  /** The new folder: a data folder of its own (`plinth.sqlite` and `files/`). */
  readonly out: string;
  readonly databaseBytes: number;
  readonly files: number;
  readonly fileBytes: number;
}

export type BackupResult =
  | { readonly ok: true; readonly summary: BackupSummary }
  | { readonly ok: false; readonly issue: Issue };

/** Pages per backup step: every page at once. */
const ALL_PAGES = 0x7fffffff;

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    return error instanceof Error && "code" in error && error.code === "ENOENT";
  }
}

/**
 * Copy the finished uploads of `from` into `to` (a blob is renamed into place when complete, so
 * a `.part` file is an upload still streaming in and is left out).
 */
async function copyUploads(from: string, to: string): Promise<{ files: number; bytes: number }> {
  let names: string[];
  try {
    names = await readdir(from);
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return { files: 0, bytes: 0 };
    throw error;
  }
  await mkdir(to, { recursive: true, mode: 0o700 });
  let files = 0;
  let bytes = 0;
  for (const name of names) {
    if (name.endsWith(".part")) continue;
    const info = await stat(join(from, name));
    if (!info.isFile()) continue;
    // A copy-on-write clone where the file system offers one, a plain copy elsewhere.
    await copyFile(join(from, name), join(to, name), constants.COPYFILE_FICLONE);
    files++;
    bytes += info.size;
  }
  return { files, bytes };
}

/**
 * Back up a SQLite data folder while the server may be running: the database through SQLite's
 * online backup API (a consistent snapshot, taken in one read transaction that does not stop
 * the server's writers), checked with `PRAGMA quick_check`, then the uploads. The result is a new folder laid out as a data folder (`plinth.sqlite`, `files/`),
 * so restoring is starting `plinth serve --data <out>` (or moving it into place).
 *
 * Order matters: uploaded bytes are written before the record that mentions them and are never
 * deleted afterwards, so every file the snapshot refers to is in the folder copied after it.
 * The backup is built in `<out>.partial-<pid>` and renamed at the end: a folder at `out` is complete.
 *
 * @example
 * const result = await backupDataFolder("/srv/plinth/data", "/backups/plinth-2026-06-01");
 */
export async function backupDataFolder(data: string, out: string): Promise<BackupResult> {
  const source = join(data, DATABASE_FILE);
  const target = resolve(out);
  const inside = relative(resolve(data), target);
  if (inside === "" || !(inside.startsWith("..") || isAbsolute(inside))) {
    return { ok: false, issue: cliIssue("cli.backupInsideData", { out: target, data }) };
  }
  try {
    if (!(await stat(source)).isFile()) throw new Error("it is not a file");
  } catch (error) {
    return { ok: false, issue: cliIssue("cli.backupNoDatabase", { file: source, reason: reasonOf(error) }) };
  }
  if (!(await isEmptyOrMissing(target))) {
    return { ok: false, issue: cliIssue("cli.backupExists", { out: target }) };
  }
  const partial = `${target}.partial-${process.pid}`;
  try {
    await mkdir(dirname(target), { recursive: true });
    await rm(partial, { recursive: true, force: true });
    await mkdir(partial, { mode: 0o700 });
    const db = new Database(source, { fileMustExist: true });
    try {
      // All pages in one step, i.e. one read transaction: in WAL mode writers go on meanwhile,
      // and the copy cannot be restarted over and over by a busy server's writes (which
      // happens to a backup taken in small steps while another connection writes).
      await db.backup(join(partial, DATABASE_FILE), { progress: () => ALL_PAGES });
    } finally {
      db.close();
    }
    const copy = new Database(join(partial, DATABASE_FILE), { fileMustExist: true });
    try {
      const check = copy.pragma("quick_check", { simple: true });
      if (check !== "ok") throw new Error(`the copy fails SQLite's quick_check: ${String(check)}`);
    } finally {
      copy.close();
    }
    const databaseBytes = (await stat(join(partial, DATABASE_FILE))).size;
    const uploads = await copyUploads(join(data, FILES_DIR), join(partial, FILES_DIR));
    // Onto a missing or empty folder only: rename fails (ENOTEMPTY) if something appeared there meanwhile.
    await rename(partial, target);
    return { ok: true, summary: { out: target, databaseBytes, files: uploads.files, fileBytes: uploads.bytes } };
  } catch (error) {
    await rm(partial, { recursive: true, force: true }).catch(() => undefined);
    return { ok: false, issue: cliIssue("cli.backupFailed", { out: target, reason: reasonOf(error) }) };
  }
}

function formatSummary(data: string, s: BackupSummary, lang: CliLocale): string {
  if (lang === "zh-CN") {
    return `已将 ${data} 备份到 ${s.out}：数据库 ${s.databaseBytes} 字节，上传文件 ${s.files} 个（${s.fileBytes} 字节）。恢复：停止服务器，然后以 --data ${s.out} 启动（或把该目录移到原位置）。\n`;
  }
  return `Backed up ${data} to ${s.out}: database ${s.databaseBytes} bytes, ${s.files} uploaded file(s) (${s.fileBytes} bytes). To restore, stop the server and start it with --data ${s.out} (or move the folder into place).\n`;
}

/**
 * `plinth backup [--data <dir>] --out <dir>`: an online backup of a SQLite data folder (see
 * {@link backupDataFolder}). On PostgreSQL the database's own tools do it (`pg_dump -Fc`, which
 * holds the uploads too); `--database` says so. Exit 0 when the backup is complete, 2 otherwise.
 *
 * @example
 * const code = await runBackup(["--data", "/srv/plinth/data", "--out", "/backups/today"], createProcessIo());
 */
export async function runBackup(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const started = startCommand(args, io, backupOptions);
  if (!started.ok) return started.code;
  const { values, positionals, lang } = started;
  const refuse = (issue: Issue) => {
    if (values.json) io.stdout(formatJson({ ok: false, issues: [issue] }));
    else io.stderr(`${formatIssue(issue, lang)}\n`);
    return ExitCode.usage;
  };
  if (positionals.length > 0) {
    return refuse(cliIssue("cli.invalidArguments", { reason: `Unexpected argument '${positionals[0]}'.` }));
  }
  if (values.database !== undefined) return refuse(cliIssue("cli.backupPostgres", {}));
  if (values.out === undefined || values.out === "") {
    return refuse(cliIssue("cli.missingArgument", { argument: "--out <dir> (the new backup folder)" }));
  }
  const data = resolve(values.data ?? process.env.PLINTH_DATA ?? "./data");
  const result = await backupDataFolder(data, values.out);
  if (!result.ok) return refuse(result.issue);
  io.stdout(
    values.json ? formatJson({ ok: true, data, ...result.summary }) : formatSummary(data, result.summary, lang),
  );
  return ExitCode.ok;
}
