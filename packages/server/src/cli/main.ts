import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { runAudit } from "./audit.js";
import { runBackup } from "./backup.js";
import { runDiff } from "./diff.js";
import { runEval } from "./eval.js";
import { runExport } from "./export.js";
import { runImport } from "./import.js";
import { type CliIo, createProcessIo, ExitCode } from "./io.js";
import { runLint } from "./lint.js";
import { runMigrate } from "./migrate.js";
import { runOpenapi } from "./openapi.js";
import { runServe } from "./serve.js";
import { runTest } from "./test.js";
import { runTypegen } from "./typegen.js";
import { usage } from "./usage.js";
import { runValidate } from "./validate.js";

/** Read this package's version from its package.json (two levels up from src/cli or dist/cli). */
function packageVersion(): string {
  const pkg: unknown = createRequire(import.meta.url)("../../package.json");
  return pkg && typeof pkg === "object" && "version" in pkg ? String(pkg.version) : "unknown";
}

/**
 * Run the `plinth` command line: dispatch to a command and return its exit code.
 * `argv` excludes the node binary and the script (i.e. `process.argv.slice(2)`).
 *
 * @example
 * process.exitCode = await runCli(["validate", "crm.app.json"], createProcessIo());
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [command, ...rest] = argv;
  switch (command) {
    case "validate":
      return runValidate(rest, io);
    case "eval":
      return runEval(rest, io);
    case "lint":
      return runLint(rest, io);
    case "diff":
      return runDiff(rest, io);
    case "typegen":
      return runTypegen(rest, io);
    case "openapi":
      return runOpenapi(rest, io);
    case "test":
      return runTest(rest, io);
    case "export":
      return runExport(rest, io);
    case "import":
      return runImport(rest, io);
    case "migrate":
      return runMigrate(rest, io);
    case "audit":
      return runAudit(rest, io);
    case "backup":
      return runBackup(rest, io);
    case "serve":
      return (await runServe(rest, io)) as ExitCode;
    case "help":
    case "--help":
    case "-h":
      io.stdout(usage());
      return ExitCode.ok;
    case "--version":
    case "-v":
      io.stdout(`${packageVersion()}\n`);
      return ExitCode.ok;
    case undefined:
      io.stderr(usage());
      return ExitCode.usage;
    default:
      io.stderr(`Unknown command '${command}'. 未知命令“${command}”。\n\n${usage()}`);
      return ExitCode.usage;
  }
}

/** Run the CLI on this process's arguments, streams and clock; sets `process.exitCode`. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  process.exitCode = await runCli(argv, createProcessIo());
}

/** True when this module is the program being run (not imported by bin/plinth.js or a test). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  const strip = (path: string) => path.replace(/\.[cm]?[jt]s$/, "");
  return strip(entry) === strip(fileURLToPath(import.meta.url));
}

if (isEntryPoint()) await main();
