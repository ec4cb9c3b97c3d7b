import { type App, type Issue, type LocalizedMessage, parseAppJson, type Runtime } from "@plinth/runtime";
import type { CliIo } from "./io.js";
import { cliIssue } from "./messages.js";

/**
 * An app file after reading, parsing and validating it:
 * - `unreadable`: the file could not be read (missing, a directory, no permission);
 * - `invalid`: it was read but is not JSON or not a valid app (`issues` say why);
 * - `valid`: a valid app (upgraded to the current schema version), warnings possibly left.
 */
export type LoadedApp =
  | { readonly status: "unreadable"; readonly issues: readonly Issue[] }
  | { readonly status: "invalid"; readonly issues: readonly Issue[] }
  | { readonly status: "valid"; readonly app: App; readonly issues: readonly Issue[] };

const knownReasons: Readonly<Record<string, LocalizedMessage>> = {
  ENOENT: { en: "no such file", "zh-CN": "文件不存在" },
  EISDIR: { en: "it is a directory", "zh-CN": "这是一个目录" },
  EACCES: { en: "permission denied", "zh-CN": "没有读取权限" },
};

/** Why a read failed, in both languages for the common cases. */
function reasonOf(error: unknown): LocalizedMessage {
  const code = error && typeof error === "object" && "code" in error ? String(error.code) : "";
  const known = Object.hasOwn(knownReasons, code) ? knownReasons[code] : undefined;
  if (known) return known;
  const text = error instanceof Error ? error.message : String(error);
  return { en: text, "zh-CN": text };
}

/**
 * Read, parse and validate an app document. Nothing throws: every outcome is data.
 *
 * @example
 * const loaded = await loadAppFile("crm.app.json", io, createRuntime());
 * if (loaded.status === "valid") console.log(loaded.app.id);
 */
export async function loadAppFile(file: string, io: Pick<CliIo, "readFile">, runtime: Runtime): Promise<LoadedApp> {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (error) {
    return { status: "unreadable", issues: [cliIssue("cli.fileUnreadable", { file, reason: reasonOf(error) })] };
  }
  const parsed = parseAppJson(text);
  if (!parsed.ok) return { status: "invalid", issues: parsed.issues };
  const result = runtime.validateApp(parsed.value);
  if (!result.ok || result.app === undefined) return { status: "invalid", issues: result.issues };
  return { status: "valid", app: result.app, issues: result.issues };
}
