import { createAccessPolicy } from "../access/policy.js";
import { indexApp } from "../app/model.js";
import { FieldTypes } from "../app/scope.js";
import { lookUpTitles, titleRequests } from "../data/title.js";
import type { ImplementedFunction } from "../expr/functions/implemented.js";
import { createRuntime, type Runtime } from "../runtime.js";
import type { App } from "../schema/types.js";
import { sourceError } from "./errors.js";
import { accessFor, present, readableRow } from "./memoryAccess.js";
import {
  checkAttached,
  downloadFile,
  type MemoryFile,
  type MemoryPerson,
  peopleOf,
  uploadFile,
} from "./memoryFiles.js";
import { refuseNul } from "./memoryNul.js";
import { listRows, runQuery } from "./memoryQuery.js";
import { createRow, removeRow, updateRow } from "./memoryRecords.js";
import { actorOf, canonical, type MemoryContext, type MemoryState, type MemoryUser } from "./memoryStore.js";
import { approvalsOf, availableActions, historyOf, inboxOf, markRead, runAction } from "./memoryWorkflow.js";
import type { DataSource, ListPage, SourceRecord } from "./types.js";

export type { MemoryPerson } from "./memoryFiles.js";
export type { MemoryUser } from "./memoryStore.js";

export interface MemorySourceOptions {
  /** A valid app (as `validateApp` accepts it). */
  readonly app: App;
  /** Who acts. */
  readonly user: MemoryUser;
  /** The directory approvals and notifications resolve against (`user` is added when missing). */
  readonly users?: readonly MemoryUser[];
  /** Initial rows per entity, with `id`, `version` and the system fields (rollup values are ignored). */
  readonly records?: Readonly<Record<string, ReadonlyArray<Readonly<Record<string, unknown>>>>>;
  /** The current instant as ISO text; read once per call. */
  readonly clock: () => string;
  /** Ids of new records, history rows, approvals and notifications. */
  readonly newId: () => string;
  /** Formula functions (default: the standard library). */
  readonly functions?: ReadonlyMap<string, ImplementedFunction>;
  /**
   * The people user pickers offer (`people()`); default: `users` and `user` with a role in the
   * app, named by display name.
   */
  readonly people?: readonly MemoryPerson[];
}

/** A memory source; `as(user)` acts as someone else on the same data (approvers, other roles). */
export interface MemorySource extends DataSource {
  as(user: MemoryUser | string): MemorySource;
}

/**
 * A {@link DataSource} over rows held in memory, applying the same core rules as the server:
 * permissions (`createAccessPolicy`: row scopes, field masks, read-only fields, platform
 * admins), record validation (`validateRecord`, relation paths read from memory), unique
 * fields, autonumbers, optimistic versions, list filters / sorts / keyset cursors, the query
 * model, stage-machine transitions with history, approvals with an in-memory directory,
 * approval locks, the inbox, the people of user pickers, and attachment uploads (bytes kept in
 * memory, with the server's type, size and uploader checks). Every call is synchronous underneath; promises keep the
 * interface the REST source's.
 *
 * Not here (server features): audit log, CSV import/export, webhooks, automations, SLA timers
 * (`schedule` effects are dropped), transition effects that chain another transition,
 * API tokens and sessions. The list cursor is opaque but not the server's encoding.
 *
 * @example
 * const source = createMemorySource({ app, user: { id: "u1", roles: ["rep"] }, clock: () => now, newId });
 * await source.create("opportunity", { name: "Deal", account: accountId, close_date: "2026-07-01" });
 */
export function createMemorySource(options: MemorySourceOptions): MemorySource {
  const runtime: Runtime = createRuntime(options.functions ? { functions: options.functions } : {});
  const model = indexApp(options.app);
  const rollups = (entity: string) =>
    [...(model.entities.get(entity)?.fields.values() ?? [])]
      .filter((f) => f.value.kind === "rollup")
      .map((f) => f.value.id);
  const state: MemoryState = {
    rows: new Map(
      Object.entries(options.records ?? {}).map(([entity, rows]) => {
        const skip = new Set(rollups(entity));
        return [
          entity,
          new Map(
            rows.map((row) => [
              String(row.id),
              Object.fromEntries(Object.entries(row).filter(([k]) => !skip.has(k))) as SourceRecord,
            ]),
          ),
        ];
      }),
    ),
    counters: new Map(),
    history: [],
    approvals: [],
    inbox: [],
    idempotency: new Map(),
    users: new Map([...(options.users ?? []), options.user].map((u) => [u.id, u])),
  };
  if (options.users?.some((u) => u.id === options.user.id)) {
    state.users.set(options.user.id, options.users.find((u) => u.id === options.user.id) as MemoryUser);
  }
  const ctx: MemoryContext = {
    app: options.app,
    model,
    types: new FieldTypes(model, runtime.functions),
    functions: runtime.functions,
    runtime,
    policy: createAccessPolicy(options.app, { functions: runtime.functions }),
    state,
    clock: options.clock,
    newId: options.newId,
    formulas: new Map(),
  };
  const people =
    options.people ??
    [...state.users.values()]
      .filter((u) => u.disabled !== true)
      .map((u) => ({ id: u.id, name: u.displayName ?? u.username ?? u.id, roles: u.roles }));
  return sourceFor(ctx, options.user, { people, files: new Map() });
}

/** What the memory source keeps besides records: the pickers' directory and uploaded files. */
interface Extras {
  readonly people: readonly MemoryPerson[];
  readonly files: Map<string, MemoryFile>;
}

function sourceFor(ctx: MemoryContext, user: MemoryUser, extras: Extras): MemorySource {
  // Run synchronously, answer as a promise: errors become rejections, as over HTTP. U+0000 in
  // the call's ids, query or body is refused first, as the server refuses it in a request.
  const run = <T>(work: () => T | Promise<T>, request?: Parameters<typeof refuseNul>[0]): Promise<T> => {
    try {
      if (request) refuseNul(request);
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const actor = () => actorOf(ctx, user);
  return {
    as(other) {
      const next = typeof other === "string" ? ctx.state.users.get(other) : other;
      if (!next) throw new Error(`Unknown user '${String(other)}': pass a MemoryUser or add it to users`);
      if (!ctx.state.users.has(next.id)) ctx.state.users.set(next.id, next);
      return sourceFor(ctx, next, extras);
    },
    me: () =>
      run(() => ({
        id: user.id,
        username: user.username ?? user.id,
        displayName: user.displayName ?? user.username ?? user.id,
        isAdmin: user.isAdmin === true,
        attributes: user.attributes ?? {},
        roles: [...user.roles],
      })),
    app: () => run(() => ctx.app),
    list: (entity, list = {}) =>
      run((): ListPage | Promise<ListPage> => {
        const { filter, sort, limit, cursor, fields } = list;
        const query = { filter, sort, limit, cursor, fields };
        refuseNul({ path: [entity], query: Object.entries(query) });
        const a = actor();
        const page = listRows(ctx, a, entity, list);
        if (!list.titles) return page;
        // The related records' titles, read as the same reader (as the server's list does).
        return lookUpTitles(titleRequests(ctx.app, entity, page.records), async (target, lookup) =>
          accessFor(ctx, a, target, "read").allowed
            ? listRows(ctx, a, target, { ...lookup, sort: [{ field: "id", direction: "asc" }] }).records
            : [],
        ).then((titles) => ({ ...page, titles }));
      }),
    get: (entity, id) =>
      run(() => {
        refuseNul({ path: [entity, id] });
        const a = actor();
        return present(ctx, a, entity, readableRow(ctx, a, entity, id));
      }),
    create: (entity, values, create = {}) =>
      run(() => {
        refuseNul({ path: [entity], record: values });
        const a = actor();
        const key = create.idempotencyKey === undefined ? undefined : `${a.id}\u0000${create.idempotencyKey}`;
        const fingerprint = canonical([ctx.app.id, entity, values]);
        const earlier = key === undefined ? undefined : ctx.state.idempotency.get(key);
        if (earlier) {
          if (earlier.fingerprint !== fingerprint) throw sourceError(409, "http.idempotencyMismatch");
          return earlier.body;
        }
        checkAttached(ctx, extras.files, a, entity, values);
        const body = present(ctx, a, entity, createRow(ctx, a, entity, values));
        if (key !== undefined) ctx.state.idempotency.set(key, { fingerprint, body });
        return body;
      }),
    update: (entity, id, version, changes) =>
      run(() => {
        refuseNul({ path: [entity, id], record: changes });
        const a = actor();
        checkAttached(ctx, extras.files, a, entity, changes, id);
        return present(ctx, a, entity, updateRow(ctx, a, entity, id, version, changes));
      }),
    remove: (entity, id, version) => run(() => removeRow(ctx, actor(), entity, id, version), { path: [entity, id] }),
    query: (query) => run(() => runQuery(ctx, actor(), query), { body: query }),
    action: (entity, id, action, body = {}) =>
      run(() => runAction(ctx, actor(), entity, id, action, body), { path: [entity, id, action], body }),
    actions: (entity, id) => run(() => availableActions(ctx, actor(), entity, id), { path: [entity, id] }),
    history: (entity, id) => run(() => historyOf(ctx, actor(), entity, id), { path: [entity, id] }),
    approvals: (entity, id) => run(() => approvalsOf(ctx, actor(), entity, id), { path: [entity, id] }),
    inbox: () => run(() => inboxOf(ctx, actor())),
    markRead: (notificationId) => run(() => markRead(ctx, actor(), notificationId), { path: [notificationId] }),
    people: (options = {}) =>
      run(() => peopleOf(ctx, actor(), extras.people, options), {
        query: [
          ["q", options.search],
          ["roles", options.roles],
          ["ids", options.ids],
          ["limit", options.limit],
        ],
      }),
    upload: (entity, field, file) =>
      run(() => refuseNul({ path: [entity, field], query: [["name", file.name]] })).then(() =>
        uploadFile(ctx, extras.files, actor(), entity, field, file),
      ),
    download: (entity, id, field, fileId) =>
      run(() => downloadFile(ctx, extras.files, actor(), entity, id, field, fileId), {
        path: [entity, id, field, fileId],
      }),
    fileUrl: () => undefined,
  };
}
