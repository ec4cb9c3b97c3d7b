import { writeFile } from "node:fs/promises";
import type { Issue } from "@plinth/runtime";
import { cliIssue } from "./messages.js";

/**
 * Write a generated file (`-o`), creating or replacing it. Resolves to the issue that stops the
 * command when the file cannot be written.
 */
export async function writeOutput(file: string, text: string): Promise<Issue | undefined> {
  try {
    await writeFile(file, text, "utf8");
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return cliIssue("cli.fileUnwritable", { file, reason });
  }
}
