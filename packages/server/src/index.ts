/**
 * @plinth/server: the Plinth server and the `plinth` command line. For now the CLI commands,
 * each usable as a library function that takes its arguments and an I/O object.
 */
export type { ParsedArgs } from "./cli/args.js";
export {
  countChanges,
  type DiffRunOptions,
  diffExitCode,
  diffHelp,
  diffUsage,
  formatChanges,
  formatImpact,
  runDiff,
} from "./cli/diff.js";
export { type DataImpact, describeStep, type HttpFetch, rowsAffected, serverImpact } from "./cli/diffImpact.js";
export { evalUsage, formatFormulaIssue, runEval } from "./cli/eval.js";
export type { EnvOptions } from "./cli/evalEnv.js";
export { buildEvalInputs, isIsoDate, localDate } from "./cli/evalEnv.js";
export type { FormulaEvaluation, FormulaOutcome, FormulaRecord } from "./cli/evalFormula.js";
export { evaluateOnApp } from "./cli/evalFormula.js";
export { exportHelp, exportUsage, runExport } from "./cli/export.js";
export { importHelp, importUsage, runImport } from "./cli/import.js";
export type { CliIo } from "./cli/io.js";
export { createProcessIo, ExitCode } from "./cli/io.js";
export { countFindings, formatFindings, lintHelp, lintUsage, runLint } from "./cli/lint.js";
export type { LoadedApp } from "./cli/loadApp.js";
export { loadAppFile } from "./cli/loadApp.js";
export { main, runCli } from "./cli/main.js";
export type { CliIssueCode } from "./cli/messages.js";
export { cliIssue } from "./cli/messages.js";
export { type MigrateCommandOptions, migrateHelp, migrateUsage, runMigrate } from "./cli/migrate.js";
export { openapiHelp, openapiUsage, runOpenapi } from "./cli/openapi.js";
export type { CliLocale } from "./cli/output.js";
export { countIssues, formatIssue, formatIssues, formatJson, formatSummary, isCliLocale } from "./cli/output.js";
export { formatScenarioResult, runTest, testHelp, testUsage } from "./cli/test.js";
export { runTypegen, typegenHelp, typegenUsage } from "./cli/typegen.js";
export { usage } from "./cli/usage.js";
export { runValidate, validateUsage } from "./cli/validate.js";
export { type AppOpenApiOptions, appOpenApi } from "./openapi/appDocument.js";
export { appScenarios, checkScenarios, runScenarios } from "./scenarios/run.js";
export type {
  RunScenariosOptions,
  ScenarioInput,
  ScenarioResult,
  ScenarioRun,
  StepOutcome,
  StepResult,
} from "./scenarios/types.js";
export { RemoteError, type RemoteServer } from "./transfer/client.js";
export { type ExportOptions, type ExportResult, exportApp, type TransferProgress } from "./transfer/exportApp.js";
export {
  type ImportOptions,
  type ImportResult,
  importApp,
  importOrder,
  type RejectedRecord,
} from "./transfer/importApp.js";
