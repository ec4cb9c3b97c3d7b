/**
 * @plinth/runtime — the App Schema contract and the engine's core.
 * No React, no DOM, no Node-only modules: runs in the browser and on the server alike.
 * Start reading at `createRuntime` (runtime.ts), `validateApp` (app/validateApp.ts) and
 * the formula language (expr/front.ts, expr/formula.ts).
 */

// Access
export type {
  AccessEnv,
  AccessMatrixCell,
  AccessPolicy,
  AccessUser,
  EntityAccess,
  RowFilter,
} from "./access/access.types.js";
export { evalUserOf, userEnv } from "./access/env.js";
export { maskRecord } from "./access/mask.js";
export { accessMessages } from "./access/messages.js";
export { type AccessPolicyOptions, createAccessPolicy } from "./access/policy.js";
export { canonicalAppJson } from "./app/canonical.js";
export { collectFormulaSites, type FormulaSite } from "./app/checks/formulaSites.js";
// App documents
export { fieldAtPath, recordFields } from "./app/fieldPath.js";
export { documentLimits } from "./app/limits.js";
export { schemaMessages } from "./app/messages.js";
export { type MigrateResult, type Migration, migrateApp, standardMigrations } from "./app/migrate.js";
export { type AppModel, type EntityModel, indexApp, type Located, systemFieldIds, systemFields } from "./app/model.js";
export { type ParseResult as AppParseResult, parseAppJson } from "./app/parse.js";
export {
  applyRefactorEdits,
  definitionPath,
  type RefactorEdit,
  type RefactorTarget,
  type ReferencesResult,
  type RefHow,
  type RenameResult,
  refsTo,
  removalBlocked,
  renameEdits,
  type SchemaRef,
} from "./app/refactor/index.js";
export { parentOf, pointerTokens, valueAt } from "./app/refactor/pointer.js";
export { approverVariables, baseVariables, createAppScope, FieldTypes } from "./app/scope.js";
export type { ValidateAppResult } from "./app/validateApp.js";
export { compensatedSum } from "./data/compensatedSum.js";
export { defaultValue, recordDefaults } from "./data/defaults.js";
// Records
export {
  findNulCharacter,
  hasNulCharacter,
  type NulRefusal,
  nulCharacterIssue,
  nulCharacterIssues,
  nulRefusal,
  type RequestPart,
} from "./data/nulCharacter.js";
export { recordJsonSchema } from "./data/recordSchema.js";
export {
  idInFilter,
  lookUpTitles,
  recordTitle,
  type TitleRequest,
  titleFieldOf,
  titleRequests,
} from "./data/title.js";
export type { EntityProgram, RecordContext, RecordValues, ValidateRecordResult } from "./data/validateRecord.js";
// Storage plans and semantic diffs between app versions
export { type ColumnSpec, entityColumns, entityIndexes, fieldPaths, type IndexSpec } from "./diff/columns.js";
export { type AppChange, type ChangeClass, changeClasses, worstClass } from "./diff/diff.types.js";
export { type DiffAppsOptions, diffApps } from "./diff/diffApps.js";
export {
  isDestructiveStep,
  isLosslessColumnChange,
  noCounts,
  planStorage,
  type StorageCounter,
  type StoragePlan,
  type StorageRenames,
  type StorageStep,
} from "./diff/storagePlan.js";
// Formula language
export type { BinaryOperator, Node as FormulaNode, Span, TypedNode, UnaryOperator } from "./expr/ast.js";
export { type CompiledFormula, type CompileStrategy, compileFormula, evaluateFormula } from "./expr/compile.js";
export { type CompileFormulaTextResult, compileFormulaText, type Formula, typedNodes } from "./expr/formula.js";
export {
  type AnalyzeResult,
  analyzeFormula,
  checkFormula,
  FORMULA_LIMITS,
  parseFormula,
  printFormula,
} from "./expr/front.js";
export type { ArgInfo, CallCheckResult, FunctionDoc, FunctionSpec } from "./expr/functionSpec.js";
export type { ImplementedFunction } from "./expr/functions/implemented.js";
export { createFunctionTable, standardFunctions } from "./expr/functions/index.js";
export { childrenOf } from "./expr/parser.js";
export { offsetToPosition, renderExcerpt } from "./expr/position.js";
export { quoteText } from "./expr/print.js";
export type { FormulaScope, ScopeField } from "./expr/scope.js";
export { createScope, standardVariables } from "./expr/scopeBuilder.js";
export { type SqlEnv, type SqlTranslateOptions, type SqlTranslation, translateToSql } from "./expr/sql.js";
export {
  createSqlParameters,
  type SqlBindValue,
  type SqlDialect,
  type SqlParameters,
  sqliteDialect,
} from "./expr/sqlDialect.js";
export { postgresDialect } from "./expr/sqlDialectPostgres.js";
export type { FormulaType, FormulaTypeKind } from "./expr/types.js";
export type { EvalEnv, EvalUser, Value } from "./expr/values.js";
// Attachment files (shared by the server, the memory source and the upload widget)
export {
  acceptsContentType,
  addedFiles,
  checkUpload,
  type FileDescriptor,
  filesOf,
  formatBytes,
  normalizeContentType,
  sanitizeFileName,
  tooLarge,
  UNKNOWN_CONTENT_TYPE,
  type UploadAccess,
  type UploadClaim,
  type UploadRefusal,
  uploadLimitBytes,
  uploadRefusal,
} from "./fields/attachmentFiles.js";
export { formatAutonumber } from "./fields/autonumber.js";
// Field kinds
export type { ColumnType, FieldKind, JsonSchema } from "./fields/fieldKind.js";
export {
  type Field,
  type FieldKindName,
  type FieldOfKind,
  fieldKindNames,
  fieldKindOf,
  standardFieldKinds,
} from "./fields/index.js";
export { type Label, type Locale, labelBoth, labelText, locales } from "./i18n/label.js";
export { allMessages } from "./issues/allMessages.js";
export {
  defineMessages,
  issueFrom,
  type MessageCatalogue,
  type MessageTemplate,
  renderMessage,
} from "./issues/catalogue.js";
export { httpMessages, workflowHostMessages } from "./issues/httpMessages.js";
// Issues and labels
export {
  childPointer,
  escapePointerToken,
  hasErrors,
  type Issue,
  type IssueSeverity,
  type LocalizedMessage,
  pointer,
} from "./issues/issue.js";
// Lint (plinth lint): rules with ids, severities and fix hints
export {
  createLintRules,
  defineRule,
  type FieldRef,
  type LintCategory,
  type LintConfig,
  type LintConfigResult,
  type LintContext,
  type LintFinding,
  type LintOptions,
  type LintRule,
  type LintSeverity,
  lintApp,
  lintConfigMessages,
  lintConfigSchema,
  type RuleEntry,
  type RuleMessage,
  type RuleReport,
  type RuleSetting,
  ruleSetting,
  standardLintRules,
  validateLintConfig,
} from "./lint/index.js";
export {
  type ApplyOverlayResult,
  applyOverlay,
  deriveOverlay,
  ID_COLLECTIONS,
  idPathOf,
  isUnder,
  type Lock,
  type Provenance,
  rebaseOverlay,
  resolveIdPath,
  resolveVariant,
  variantDocument,
} from "./overlay/index.js";
export {
  andAll,
  DASHBOARD_PERIODS,
  type DashboardFilter,
  type DashboardFilterValues,
  type DashboardPeriod,
  type DatePath,
  dashboardFilterPath,
  dashboardQuery,
  equalsFormula,
  periodField,
  periodFormula,
} from "./query/dashboardFilters.js";
export {
  analyzeMeasureExpression,
  expressionOperands,
  isExpressionMeasure,
  MEASURES_SCOPE,
  measureExpressionScope,
} from "./query/measureExpression.js";
export { optionRanks, orderGroupsByOptions } from "./query/optionOrder.js";
export {
  bucketProblem,
  isDatePath,
  isSpanGrouping,
  SPAN_MAX_DAYS,
  spanBuckets,
  spanDays,
  spanTooLong,
} from "./query/span.js";
export { type BandColor, thresholdColor } from "./query/thresholds.js";
export {
  createRuntime,
  getDefaultRuntime,
  type Runtime,
  type RuntimeOptions,
  validateApp,
  validateRecord,
} from "./runtime.js";
export { buildAppMetaSchema, CURRENT_SCHEMA_VERSION } from "./schema/app.js";
// Meta-schema and types
export { APP_SCHEMA_ID, ID_PATTERN, SCHEMA_BASE } from "./schema/common.js";
export { standardActions } from "./schema/permission.js";
export { bandColors, querySchema } from "./schema/query.js";
export type {
  App,
  Approval,
  ApprovalStep,
  Automation,
  ColumnsNode,
  Computation,
  ContainerNode,
  DashboardPage,
  DetailPage,
  Effect,
  Entity,
  Extends,
  FieldNode,
  FormPage,
  InboxPage,
  KanbanPage,
  LayoutNode,
  LeafNode,
  Locks,
  Navigation,
  Overlay,
  OverlayOperation,
  Page,
  Party,
  Permission,
  Query,
  RelatedListNode,
  Role,
  Rule,
  Scenario,
  SectionNode,
  Settings,
  StateMachine,
  Tab,
  TablePage,
  TabsNode,
  TextNode,
  Widget,
  WidgetNode,
  Workflow,
} from "./schema/types.js";
// Data sources
export {
  DataSourceError,
  isDataSourceError,
  type SourceCode,
  sourceMessages,
} from "./source/errors.js";
export {
  createMemorySource,
  type MemoryPerson,
  type MemorySource,
  type MemorySourceOptions,
  type MemoryUser,
} from "./source/memory.js";
export {
  createRestSource,
  errorFrom as apiErrorFromResponse,
  type FetchInit,
  type FetchLike,
  type FetchResponse,
  type RestSourceOptions,
  type SendInit,
  type SendLike,
} from "./source/rest.js";
export type {
  ActionBody,
  ActionResult,
  ApprovalRequest,
  ApprovalSummary,
  AvailableActions,
  AvailableTransition,
  CreateOptions,
  DataSource,
  Inbox,
  InboxApproval,
  ListOptions,
  ListPage,
  PeopleOptions,
  SourceNotification,
  SourcePerson,
  SourceRecord,
  SourceSortKey,
  SourceUser,
  StageHistoryEntry,
  UploadInput,
  UploadOptions,
} from "./source/types.js";
// Types for an app's records and API
export { typegenApp } from "./typegen/typegenApp.js";
// Workflow
export { approvalTransition } from "./workflow/approval.js";
export type {
  ApprovalContext,
  ApprovalEffect,
  ApprovalEvent,
  ApprovalResult,
  ApprovalState,
  ApprovalStatus,
  DecisionKind,
  StepDecision,
  StepState,
  StepStatus,
  TimelineEntry,
  TimelineType,
} from "./workflow/approval.types.js";
export { mayRecall, maySubmit } from "./workflow/approvalOffers.js";
export { type ApprovalProgram, type CompiledApproval, compileApproval } from "./workflow/approvalProgram.js";
export { lockedFields, pendingFor, type RecordLock } from "./workflow/approvalQueries.js";
// Automations
export { type AutomationCompileOptions, compileAutomations } from "./workflow/automation.js";
export type {
  AutomationEvent,
  AutomationRun,
  CompiledAutomation,
  CompiledAutomations,
  Truth,
} from "./workflow/automation.types.js";
export { type AutomationCode, automationMessages } from "./workflow/automationMessages.js";
export {
  cronIssue,
  dateOffsetDue,
  isValidCron,
  nextCron,
  nextRun,
  scheduleCron,
} from "./workflow/automationSchedule.js";
export type { WorkflowCompileOptions } from "./workflow/compileContext.js";
// Computations across records (peer-group statistics written back by a run)
export {
  type CompiledComputation,
  type ComputationCompileContext,
  type ComputationLog,
  type ComputationResult,
  type ComputedUpdate,
  compileComputation,
  compileComputations,
} from "./workflow/computation.js";
export { type CompiledEffects, compileEffects, type EvaluatedEffect } from "./workflow/effects.js";
export {
  type ManagedField,
  managedFieldChange,
  managedFieldOnCreate,
  workflowManagedFields,
} from "./workflow/managedFields.js";
export {
  type ApprovalNotification,
  approvalNotifications,
  type NotificationContext,
  renderNotification,
  type WorkflowCode,
  workflowIssue,
  workflowMessages,
} from "./workflow/messages.js";
export { mean, percentile, percentRank, rankDescending, spearman, stdev } from "./workflow/peerStats.js";
export { compileStateMachine } from "./workflow/stateMachine.js";
export type {
  CompiledStateMachine,
  HistoryEntry,
  StateDefinition,
  TakeResult,
  TakeSuccess,
  TransitionDefinition,
  WorkflowActor,
} from "./workflow/stateMachine.types.js";
