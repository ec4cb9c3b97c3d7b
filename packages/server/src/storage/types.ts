/**
 * The storage layer's contract. Everything the server keeps goes through these interfaces,
 * and only the implementations (`sqlite/`, later `postgres/`) contain SQL. Every method is
 * async so a networked database can implement the same contract without touching callers.
 */
import type { App, Issue, SqlBindValue, SqlEnv, TypedNode } from "@plinth/runtime";
import type { MigrationPlan } from "./plan.js";

/**
 * Thrown by an implementation when a condition cannot become its query language (a function
 * or operator with no SQL form in a filter). Callers turn it into a 400 for a caller's formula.
 */
export class SqlTranslationError extends Error {
  constructor(readonly issues: readonly Issue[]) {
    super(issues[0]?.message.en ?? "formula cannot run in the database");
  }
}

/** A stored value: text, number or NULL (booleans as 0/1, lists and objects as JSON text). */
export type StoredValue = SqlBindValue;
export type Row = Record<string, unknown>;

/** A condition over an entity's rows: typed formulas combined with AND/OR, translated by the storage layer. */
export type Condition =
  | { readonly kind: "all" }
  | { readonly kind: "none" }
  | { readonly kind: "formula"; readonly typed: TypedNode }
  | { readonly kind: "and"; readonly items: readonly Condition[] }
  | { readonly kind: "or"; readonly items: readonly Condition[] };

export interface SortKey {
  /** A field id of the entity (or a system field). */
  readonly field: string;
  readonly direction: "asc" | "desc";
}

export interface ListOptions {
  readonly where: Condition;
  /** Values for `$user.*`, `$today`, `$now` in the formulas, bound as parameters. */
  readonly env: SqlEnv;
  readonly sort: readonly SortKey[];
  readonly limit: number;
  /** Continue after this row: the sort values and the id of the last row of the previous page. */
  readonly after?: readonly unknown[];
}

export interface AggregateOptions {
  readonly where: Condition;
  readonly env: SqlEnv;
  readonly groupBy: ReadonlyArray<{
    readonly path: readonly string[];
    readonly bucket?: "day" | "week" | "month" | "quarter" | "year";
    /**
     * With a bucket: the path of the date where each row's span ends; the row counts once in
     * every bucket of the days from `path` through it (the runtime's query/span.ts meaning).
     * At most one grouping has it; the caller has refused spans longer than SPAN_MAX_DAYS.
     */
    readonly through?: readonly string[];
  }>;
  readonly measures: ReadonlyArray<{
    readonly id: string;
    readonly aggregate: "count" | "countDistinct" | "sum" | "avg" | "min" | "max" | "median" | "percentile";
    /** For percentile: 0–100. */
    readonly p?: number;
    readonly path?: readonly string[];
    readonly filter?: Condition;
    /** Divide by another (plain) measure of the query: NULL when it is 0 or NULL; `percent` times 100. */
    readonly divideBy?: string;
    readonly percent?: boolean;
    /** Subtract another plain measure (before dividing). */
    readonly minus?: string;
  }>;
  /**
   * Measures computed from the others' final values (after differences and ratios): a number
   * formula whose field paths are measure ids. Blank over a blank operand or a division by 0.
   */
  readonly expressions?: ReadonlyArray<{ readonly id: string; readonly typed: TypedNode }>;
  readonly sort: ReadonlyArray<{ readonly by: string; readonly direction: "asc" | "desc" }>;
  readonly limit: number;
}

/** A published app as the storage layer needs it: the schema and where each entity lives. */
export interface StoredApp {
  readonly id: string;
  readonly version: number;
  readonly schema: App;
  /** Entity id → table name. */
  readonly tables: ReadonlyMap<string, string>;
}

/** Records of one entity of a published app. */
export interface RecordReader {
  get(entity: string, id: string, where?: Condition, env?: SqlEnv): Promise<Row | undefined>;
  list(entity: string, options: ListOptions): Promise<Row[]>;
  count(entity: string, where: Condition, env: SqlEnv): Promise<number>;
  aggregate(entity: string, options: AggregateOptions): Promise<Row[]>;
  /** How many rows matching `where` span more than `maxDays` days from `from` to `through` (end − start). */
  countLongSpans(
    entity: string,
    options: {
      readonly where: Condition;
      readonly env: SqlEnv;
      readonly from: readonly string[];
      readonly through: readonly string[];
      readonly maxDays: number;
    },
  ): Promise<number>;
  /** How many rows hold a non-blank value in a field (for the data impact of a publish). */
  countNonBlank(entity: string, field: string): Promise<number>;
  /** Values of fields of related records, for formulas that follow relations (`account.region`). */
  lookup(entity: string, id: string, field: string): Promise<unknown>;
}

export interface RecordWriter extends RecordReader {
  insert(entity: string, row: Row): Promise<void>;
  /** Update when the stored version equals `expectedVersion`; false when it does not (or the row is gone). */
  update(entity: string, id: string, expectedVersion: number, changes: Row): Promise<boolean>;
  delete(entity: string, id: string): Promise<boolean>;
  /** The next number of an autonumber field (per app, entity and field), atomically. */
  nextNumber(entity: string, field: string, start: number): Promise<number>;
}

export interface UserRow {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string | null;
  readonly isAdmin: boolean;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly disabled: boolean;
  readonly createdAt: string;
}

export interface SessionRow {
  readonly idHash: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

export interface TokenRow {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly tokenHash: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface AppRow {
  readonly id: string;
  readonly draft: App | null;
  /** Optimistic-concurrency counter of the draft. */
  readonly draftRevision: number;
  readonly publishedVersion: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface AppVersionRow {
  readonly appId: string;
  readonly version: number;
  readonly schema: App;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly plan: MigrationPlan;
}

export interface AuditEntry {
  readonly at: string;
  readonly userId: string | null;
  readonly requestId: string | null;
  readonly action: string;
  readonly appId: string | null;
  readonly entity: string | null;
  readonly recordId: string | null;
  readonly diff: unknown;
}

export interface AuditRow extends AuditEntry {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditFilter {
  readonly appId?: string;
  readonly entity?: string;
  readonly recordId?: string;
  readonly userId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly afterSeq?: number;
  readonly limit: number;
}

/** One transition of a stage machine, kept for the record's history. */
export interface HistoryRow {
  readonly id: string;
  readonly appId: string;
  readonly entity: string;
  readonly recordId: string;
  readonly workflow: string;
  readonly transition: string;
  readonly from: string | null;
  readonly to: string;
  readonly userId: string | null;
  readonly at: string;
  readonly snapshot: Readonly<Record<string, unknown>>;
}

/** An approval request of one record (the workflow core's state, stored as JSON). */
export interface ApprovalRow {
  readonly id: string;
  readonly appId: string;
  readonly entity: string;
  readonly recordId: string;
  readonly workflow: string;
  readonly status: string;
  readonly state: unknown;
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface InboxRow {
  readonly id: string;
  readonly userId: string;
  readonly appId: string;
  readonly kind: string;
  readonly entity: string | null;
  readonly recordId: string | null;
  readonly message: unknown;
  readonly createdAt: string;
  readonly readAt: string | null;
}

/** Work the server must do at a time: SLA reminders, scheduled automations... Survives restarts. */
export interface TimerRow {
  readonly id: string;
  readonly kind: string;
  readonly dueAt: string;
  readonly payload: unknown;
  readonly doneAt: string | null;
}

/** A webhook call waiting to be made (or given up on: status dead). */
export interface OutboxRow {
  readonly id: string;
  readonly appId: string;
  readonly url: string;
  readonly body: string;
  readonly attempts: number;
  readonly nextAt: string;
  readonly status: "pending" | "delivered" | "dead";
  readonly lastError: string | null;
  readonly createdAt: string;
}

/** An uploaded file's metadata; the bytes are in the storage's {@link BlobStore} under the same id. */
export interface FileRow {
  readonly id: string;
  readonly appId: string;
  readonly entity: string;
  readonly field: string;
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
  readonly uploadedBy: string;
  readonly createdAt: string;
}

/** Uploaded files' metadata (a table next to the platform's). */
export interface FileMetaReader {
  file(id: string): Promise<FileRow | undefined>;
}

export interface FileMetaWriter extends FileMetaReader {
  insertFile(row: FileRow): Promise<void>;
}

/** Thrown by {@link BlobStore.put} when the bytes pass the limit; nothing is kept. */
export class BlobTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} bytes`);
  }
}

/**
 * The bytes of uploaded files, outside the database (files are streamed, never held whole in
 * memory). Ids are the server's random ids; an implementation refuses any other shape.
 */
export interface BlobStore {
  /** Stream `source` into a new blob; rejects with {@link BlobTooLargeError} past `limit` bytes. Returns the size. */
  put(id: string, source: NodeJS.ReadableStream, limit: number): Promise<number>;
  /** The blob's bytes as a stream and its size, or undefined when there is none. */
  open(id: string): Promise<{ readonly stream: NodeJS.ReadableStream; readonly size: number } | undefined>;
  remove(id: string): Promise<void>;
}

export interface PlatformReader extends FileMetaReader {
  userById(id: string): Promise<UserRow | undefined>;
  userByName(username: string): Promise<UserRow | undefined>;
  listUsers(): Promise<UserRow[]>;
  rolesOf(userId: string, appId: string): Promise<string[]>;
  /** Every user holding at least one role in the app, with those roles (for approver resolution). */
  usersInApp(appId: string): Promise<Array<{ user: UserRow; roles: string[] }>>;
  allRoles(userId: string): Promise<Array<{ appId: string; role: string }>>;
  session(idHash: string): Promise<SessionRow | undefined>;
  tokenByHash(tokenHash: string): Promise<TokenRow | undefined>;
  tokensOf(userId: string): Promise<TokenRow[]>;
  app(id: string): Promise<AppRow | undefined>;
  /** Just the published version of an app (cheap; checked on every request). */
  publishedVersion(id: string): Promise<number | null | undefined>;
  listApps(): Promise<AppRow[]>;
  appVersion(appId: string, version: number): Promise<AppVersionRow | undefined>;
  appVersions(appId: string): Promise<AppVersionRow[]>;
  entityTables(appId: string): Promise<Map<string, string>>;
  audit(filter: AuditFilter): Promise<AuditRow[]>;
  /** Every audit row in order, for verification (streamed in pages by the caller). */
  auditRange(afterSeq: number, limit: number): Promise<AuditRow[]>;
  auditHead(): Promise<{ seq: number; hash: string }>;
  idempotent(userId: string, key: string): Promise<{ status: number; body: string; fingerprint: string } | undefined>;
  meta(key: string): Promise<string | undefined>;
  history(appId: string, entity: string, recordId: string): Promise<HistoryRow[]>;
  approvals(appId: string, entity: string, recordId: string): Promise<ApprovalRow[]>;
  approval(id: string): Promise<ApprovalRow | undefined>;
  /** The request of a workflow on a record that is still open (pending), if any. */
  openApproval(appId: string, entity: string, recordId: string): Promise<ApprovalRow | undefined>;
  pendingApprovals(appId: string): Promise<ApprovalRow[]>;
  inbox(userId: string, appId: string, limit: number): Promise<InboxRow[]>;
  dueTimers(now: string, limit: number): Promise<TimerRow[]>;
  dueOutbox(now: string, limit: number): Promise<OutboxRow[]>;
  outbox(status: OutboxRow["status"], limit: number): Promise<OutboxRow[]>;
  /** Markers of automations that already fired for a record (becomesTrue, dateOffset). */
  fired(key: string): Promise<boolean>;
}

export interface PlatformWriter extends PlatformReader, FileMetaWriter {
  insertUser(user: UserRow): Promise<void>;
  updateUser(id: string, changes: Partial<Omit<UserRow, "id" | "createdAt">>): Promise<void>;
  setRoles(userId: string, appId: string, roles: readonly string[]): Promise<void>;
  insertSession(session: SessionRow): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteExpiredSessions(now: string): Promise<void>;
  insertToken(token: TokenRow): Promise<void>;
  touchToken(id: string, at: string): Promise<void>;
  revokeToken(id: string, userId: string, at: string): Promise<boolean>;
  insertApp(app: AppRow): Promise<void>;
  saveDraft(id: string, draft: App, expectedRevision: number, at: string): Promise<boolean>;
  setPublished(id: string, version: number, at: string): Promise<void>;
  insertAppVersion(version: AppVersionRow): Promise<void>;
  /** Append to the hash chain; returns the stored row. */
  appendAudit(entry: AuditEntry): Promise<AuditRow>;
  saveIdempotent(
    userId: string,
    key: string,
    value: { status: number; body: string; fingerprint: string },
    at: string,
  ): Promise<void>;
  setMeta(key: string, value: string): Promise<void>;
  insertHistory(row: HistoryRow): Promise<void>;
  insertApproval(row: ApprovalRow): Promise<void>;
  /** Save a request's new state when its revision is still `expectedRevision`. */
  updateApproval(id: string, expectedRevision: number, status: string, state: unknown, at: string): Promise<boolean>;
  insertInbox(row: InboxRow): Promise<void>;
  markInboxRead(id: string, userId: string, at: string): Promise<boolean>;
  insertTimer(row: TimerRow): Promise<void>;
  /** Mark a timer done; false when another run already did (exactly once). */
  completeTimer(id: string, at: string): Promise<boolean>;
  cancelTimers(kind: string, payloadKey: string): Promise<void>;
  insertOutbox(row: OutboxRow): Promise<void>;
  updateOutbox(id: string, changes: Pick<OutboxRow, "attempts" | "nextAt" | "status" | "lastError">): Promise<void>;
  markFired(key: string, at: string): Promise<void>;
  clearFired(key: string): Promise<void>;
  /** Apply the storage steps of a migration plan (DDL and data conversions). */
  applyPlan(appId: string, plan: MigrationPlan, next: App): Promise<Map<string, string>>;
}

/** A user's saved view of a table page: its name, filter formula, sort and columns. */
export interface SavedViewRow {
  readonly id: string;
  readonly userId: string;
  readonly appId: string;
  /** The table page's id in the app. */
  readonly page: string;
  readonly name: string;
  /** Formula text of the page's entity; "" for no filter. */
  readonly filter: string;
  readonly sort: ReadonlyArray<{ readonly field: string; readonly direction: "asc" | "desc" }>;
  /** Field ids in display order. */
  readonly columns: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Saved views are private to their user: every call names the user. */
export interface SavedViewReader {
  /** A user's views of one page of an app, by name. */
  list(userId: string, appId: string, page: string): Promise<SavedViewRow[]>;
  /** One view of the app, only when it belongs to `userId`. */
  get(userId: string, appId: string, id: string): Promise<SavedViewRow | undefined>;
}

export interface SavedViewWriter extends SavedViewReader {
  insert(row: SavedViewRow): Promise<void>;
  /** Replace name, filter, sort and columns of the user's view; false when it is not theirs (or gone). */
  update(row: SavedViewRow): Promise<boolean>;
  delete(userId: string, appId: string, id: string): Promise<boolean>;
}

export interface ReadTx {
  readonly platform: PlatformReader;
  readonly views: SavedViewReader;
  records(app: StoredApp): RecordReader;
}

export interface WriteTx {
  readonly platform: PlatformWriter;
  readonly views: SavedViewWriter;
  records(app: StoredApp): RecordWriter;
}

export interface WriteOptions {
  /**
   * Writes naming the same key run one at a time across every process, and each sees what the
   * previous one committed (e.g. `publish:<app>`: a migration is planned and applied once).
   * SQLite has a single writer, so only PostgreSQL needs to do anything for it.
   */
  readonly exclusive?: string;
}

export interface Storage {
  readonly kind: "sqlite" | "postgres";
  /** Bytes of uploaded files (metadata goes through the transactions' `platform`). */
  readonly blobs: BlobStore;
  /** Run `fn` in one write transaction; writes are serialised; a throw rolls everything back. */
  write<T>(fn: (tx: WriteTx) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** Run `fn` on a consistent snapshot of committed data. */
  read<T>(fn: (tx: ReadTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
