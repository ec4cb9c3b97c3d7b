import { readFile } from "node:fs/promises";

/**
 * Everything a command touches outside itself. The CLI entry passes the real process and
 * file system; tests pass buffers, so commands run in-process and deterministically.
 */
export interface CliIo {
  /** Write to standard output (the command's result). */
  stdout(text: string): void;
  /** Write to standard error (problems running the command itself). */
  stderr(text: string): void;
  /** Read a UTF-8 text file; rejects when it cannot be read. */
  readFile(path: string): Promise<string>;
  /** The current instant. Only the CLI layer reads a clock; the runtime core never does. */
  now(): Date;
}

/** The process's own streams, file system and clock. */
export function createProcessIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => readFile(path, "utf8"),
    now: () => new Date(),
  };
}

/**
 * Exit codes of every command: success, findings (invalid app or formula), usage or I/O problem;
 * `plinth diff` also answers 1 for changes that need a data migration and 3 for breaking ones.
 */
export const ExitCode = { ok: 0, invalid: 1, usage: 2, breaking: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
