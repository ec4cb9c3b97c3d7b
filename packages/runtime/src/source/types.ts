import type { FileDescriptor } from "../fields/attachmentFiles.js";
import type { Label } from "../i18n/label.js";
import type { LocalizedMessage } from "../issues/issue.js";
import type { App, Query } from "../schema/types.js";
import type { ApprovalState } from "../workflow/approval.types.js";

/** A record as a data source hands it out: field values plus `id`, `version` and the system fields. */
export type SourceRecord = Record<string, unknown>;

/** The signed-in user, with their own (not inherited) roles in the source's app. */
export interface SourceUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly isAdmin: boolean;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly roles: readonly string[];
}

export interface SourceSortKey {
  readonly field: string;
  readonly direction: "asc" | "desc";
}

/** One page of a list: a formula filter (ANDed with the row scope), sort keys, keyset paging. */
export interface ListOptions {
  /** Formula text of the entity, e.g. `stage = 'won' AND amount > 1000`. */
  readonly filter?: string;
  /** Default: newest first (`createdAt` descending); `id` always breaks ties. */
  readonly sort?: readonly SourceSortKey[];
  /** 1–500, default 50. */
  readonly limit?: number;
  /** The `next` of the previous page; opaque. */
  readonly cursor?: string;
  /** Only these fields (plus `id` and `version`). */
  readonly fields?: readonly string[];
  /** Also name the related records the page's relation values point at (`ListPage.titles`). */
  readonly titles?: boolean;
}

export interface ListPage {
  readonly records: SourceRecord[];
  /** Present when more records follow: pass it back as `cursor`. */
  readonly next?: string;
  /** With `titles`: the title of each related record the page points at that the reader may read, by id. */
  readonly titles?: Readonly<Record<string, string>>;
}

export interface CreateOptions {
  /** The same key and body within a user's requests creates one record only. */
  readonly idempotencyKey?: string;
}

/** The body of a workflow action: which approval workflow, a comment, and reassignment details. */
export interface ActionBody {
  readonly workflow?: string;
  readonly comment?: string;
  readonly step?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface ApprovalSummary {
  readonly id: string;
  readonly workflow: string;
  readonly status: string;
  readonly state: ApprovalState;
}

/** What a transition or approval action returns: the record afterwards, and the request for approval actions. */
export interface ActionResult {
  readonly record: SourceRecord;
  readonly approval?: ApprovalSummary;
}

export interface AvailableTransition {
  readonly workflow: string;
  readonly id: string;
  readonly label: Label;
  readonly to: string;
}

/** Buttons for a record: transitions the user's roles allow (guards unchecked), and the open approval. */
export interface AvailableActions {
  readonly transitions: AvailableTransition[];
  /** Approvals the user may submit this record to (none while one is open); entry criteria are checked on submit. */
  readonly submit: readonly { readonly workflow: string; readonly label?: Label }[];
  readonly approval: {
    readonly id: string;
    readonly workflow: string;
    readonly status: string;
    readonly pendingForMe: boolean;
    /** The user submitted it, nobody has decided yet and the definition allows recall. */
    readonly canRecall: boolean;
  } | null;
}

/** One stage change of a record (hidden fields removed from the snapshot). */
export interface StageHistoryEntry {
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

export interface ApprovalRequest extends ApprovalSummary {
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface InboxApproval {
  readonly id: string;
  readonly workflow: string;
  readonly entity: string;
  readonly recordId: string;
  /** The record's title (its entity's title field), when it has one. */
  readonly title?: string;
  /** The submitter's display name. */
  readonly submitterName?: string;
  readonly state: ApprovalState;
  readonly updatedAt: string;
}

export interface SourceNotification {
  readonly id: string;
  readonly userId: string;
  readonly appId: string;
  readonly kind: string;
  readonly entity: string | null;
  readonly recordId: string | null;
  readonly message: LocalizedMessage;
  readonly createdAt: string;
  readonly readAt: string | null;
}

export interface Inbox {
  readonly approvals: InboxApproval[];
  readonly notifications: SourceNotification[];
}

/** A person who can use the app, as pickers and tables show them: no e-mail, no attributes. */
export interface SourcePerson {
  readonly id: string;
  readonly name: string;
}

export interface PeopleOptions {
  /** Part of the name or user name (case-insensitive); at most 100 characters. */
  readonly search?: string;
  /** Only people holding one of these roles (inherited roles count), e.g. a user field's `roles`. */
  readonly roles?: readonly string[];
  /** Only these people (to name stored user ids); at most 100. */
  readonly ids?: readonly string[];
  /** 1–500, default 20. */
  readonly limit?: number;
}

/** A file to upload: a browser `File` or `Blob` fits `body`, as do bytes (`Uint8Array`). */
export interface UploadInput {
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly body: unknown;
}

export interface UploadOptions {
  /** Called as bytes leave (REST sources with a progress-reporting transport) or once at the end. */
  readonly onProgress?: (loaded: number, total: number) => void;
}

/**
 * Everything the renderers read and write, as one async interface./**
 * Everything the renderers read and write, as one async interface. Two implementations
 * behave the same: {@link createRestSource} (the server) and {@link createMemorySource}
 * (preview, examples, tests). Every method rejects with a `DataSourceError` carrying the
 * server's code, status and path.
 */
export interface DataSource {
  me(): Promise<SourceUser>;
  /** The published app. */
  app(): Promise<App>;
  list(entity: string, options?: ListOptions): Promise<ListPage>;
  get(entity: string, id: string): Promise<SourceRecord>;
  create(entity: string, values: Readonly<Record<string, unknown>>, options?: CreateOptions): Promise<SourceRecord>;
  /** Update at an expected version: 409 `http.conflict` (with `details.record`) when stale. */
  update(
    entity: string,
    id: string,
    version: number,
    changes: Readonly<Record<string, unknown>>,
  ): Promise<SourceRecord>;
  remove(entity: string, id: string, version?: number): Promise<void>;
  /** The schema's query model (dashboards): grouped rows with one column per grouping and measure. */
  query(query: Query): Promise<{ rows: Array<Record<string, unknown>> }>;
  /** A stage-machine transition (by id) or an approval action (submit, approve, reject, return, recall, reassign). */
  action(entity: string, id: string, action: string, body?: ActionBody): Promise<ActionResult>;
  actions(entity: string, id: string): Promise<AvailableActions>;
  history(entity: string, id: string): Promise<StageHistoryEntry[]>;
  approvals(entity: string, id: string): Promise<ApprovalRequest[]>;
  inbox(): Promise<Inbox>;
  /** Mark one of the user's notifications read (404 `http.notFound` for anyone else's). */
  markRead(notificationId: string): Promise<void>;
  /** People with a role in the app, by name (any signed-in user of the app may ask). */
  people(options?: PeopleOptions): Promise<SourcePerson[]>;
  /**
   * Upload a file for an attachment field of `entity`: checked against the field's `accept`
   * and size limit; answers the descriptor to put in the field's value, which a create or
   * update then saves (only the uploader may attach it).
   */
  upload(entity: string, field: string, file: UploadInput, options?: UploadOptions): Promise<FileDescriptor>;
  /** The bytes of a file held by a record the user may read. */
  download(entity: string, id: string, field: string, fileId: string): Promise<Uint8Array>;
  /** A URL a browser can open to download the file (same checks), or undefined when there is none (memory). */
  fileUrl(entity: string, id: string, field: string, fileId: string): string | undefined;
}
