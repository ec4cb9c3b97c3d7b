import { readFile } from "node:fs/promises";
import type { CliIo } from "../../src/cli/io.js";

/** An in-memory CliIo for running commands in-process: what they print, real files, a fixed clock. */
export function createTestIo(now = new Date("2026-03-15T10:00:00.000Z")): {
  io: CliIo;
  out: () => string;
  err: () => string;
} {
  let out = "";
  let err = "";
  const io: CliIo = {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    readFile: (path) => readFile(path, "utf8"),
    now: () => now,
  };
  return { io, out: () => out, err: () => err };
}
