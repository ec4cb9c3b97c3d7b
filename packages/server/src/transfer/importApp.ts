import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { App, Entity, Issue } from "@plinth/runtime";
import { parse } from "csv-parse/sync";
import { type RemoteServer, remoteJson, remoteRequest } from "./client.js";
import type { TransferProgress } from "./exportApp.js";

/** Options of {@link importApp}. */
export interface ImportOptions {
  readonly server: RemoteServer;
  /** A folder written by `plinth export`: app.json, optional users.json, data/<entity>.json|csv. */
  readonly dir: string;
  /** Called every 100 records (JSON) or every poll of an import job (CSV). */
  readonly onProgress?: (progress: TransferProgress) => void;
  /** How long to wait between polls of a CSV import job (ms). */
  readonly pollMs?: number;
}

/** A record the target server refused: its entity, its id in the export and why. */
export interface RejectedRecord {
  readonly entity: string;
  /** The record's id in the export (JSON), or its line (CSV). */
  readonly source: string;
  readonly code: string;
  readonly issues: readonly Issue[];
  readonly message: { readonly en: string; readonly "zh-CN": string };
}

/** What {@link importApp} did. */
export interface ImportResult {
  readonly app: string;
  readonly version: number;
  readonly entities: ReadonlyArray<{ readonly entity: string; readonly imported: number; readonly total: number }>;
  readonly rejected: readonly RejectedRecord[];
}

/** Values the server computes or keeps itself: never sent back. */
const systemKeys = new Set(["id", "version", "createdAt", "updatedAt", "createdBy", "updatedBy"]);
const computedKinds = new Set(["formula", "rollup", "autonumber", "attachment"]);

/**
 * Entities ordered so that a relation's target comes before the entity that points to it, as far
 * as cycles allow (a relation to a later entity is written in a second pass).
 */
export function importOrder(app: App): Entity[] {
  const entities = app.entities ?? [];
  const byId = new Map(entities.map((e) => [e.id, e]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: Entity[] = [];
  const visit = (entity: Entity) => {
    if (done.has(entity.id) || visiting.has(entity.id)) return;
    visiting.add(entity.id);
    for (const field of entity.fields) {
      const target = field.kind === "relation" ? byId.get(field.target) : undefined;
      if (target && target.id !== entity.id) visit(target);
    }
    visiting.delete(entity.id);
    done.add(entity.id);
    order.push(entity);
  };
  for (const entity of entities) visit(entity);
  return order;
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if (error && typeof error === "object" && "code" in error && error.code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Old user ids (users.json of the export) to the target server's, by user name; each user found
 * is given the roles in the app they had. Users the target does not have are not created (they
 * have no password there): records naming them are refused and reported.
 */
async function userMap(server: RemoteServer, dir: string, appId: string): Promise<Map<string, string>> {
  const text = await readOptional(join(dir, "users.json"));
  if (text === undefined) return new Map();
  const exported = JSON.parse(text) as Array<{ id: string; username: string; roles?: string[] }>;
  const answer = await remoteRequest(server, "GET", "/api/users");
  if (answer.status !== 200) return new Map();
  const here = new Map(
    (answer.body as { users: Array<{ id: string; username: string }> }).users.map((u) => [
      u.username.toLowerCase(),
      u.id,
    ]),
  );
  const map = new Map<string, string>();
  for (const u of exported) {
    const id = here.get(u.username.toLowerCase());
    if (!id) continue;
    map.set(u.id, id);
    if (u.roles && u.roles.length > 0)
      await remoteJson(server, "PUT", `/api/users/${encodeURIComponent(id)}/roles/${encodeURIComponent(appId)}`, {
        json: { roles: u.roles },
      });
  }
  return map;
}

interface RefusalBody {
  error?: {
    code?: string;
    message?: string;
    details?: { issues?: Issue[]; messages?: { en: string; "zh-CN": string } };
  };
}

function rejection(entity: string, source: string, status: number, body: unknown): RejectedRecord {
  const error = (body as RefusalBody | undefined)?.error;
  const text = error?.message ?? `HTTP ${status}`;
  return {
    entity,
    source,
    code: error?.code ?? `HTTP ${status}`,
    issues: error?.details?.issues ?? [],
    message: error?.details?.messages ?? { en: text, "zh-CN": text },
  };
}

/**
 * Import a folder written by {@link exportApp} into a running server: create the app from
 * app.json and publish it, then each entity's data, targets of relations first. JSON records
 * go through the records API one by one, their relations and user fields rewritten to the new
 * ids (users matched by user name); CSV files go through the server's import jobs, which are
 * polled for progress (their relation columns must hold ids valid on this server).
 *
 * @example
 * const result = await importApp({ server: { url: "http://127.0.0.1:3001", token }, dir: "crm-export" });
 */
export async function importApp(options: ImportOptions): Promise<ImportResult> {
  const { server, dir } = options;
  const app = JSON.parse(await readFile(join(dir, "app.json"), "utf8")) as App;
  const appId = encodeURIComponent(app.id);
  await remoteJson(server, "POST", "/api/apps", { json: { app } });
  const published = await remoteJson<{ version: number }>(server, "POST", `/api/apps/${appId}/publish`, { json: {} });
  const users = await userMap(server, dir, app.id);
  const ids = new Map<string, string>();
  const imported = new Set<string>();
  const rejected: RejectedRecord[] = [];
  const entities: Array<{ entity: string; imported: number; total: number }> = [];
  /** Relations to entities not imported yet (cycles): written once every entity is in. */
  const later: Array<{ entity: string; id: string; values: Record<string, unknown> }> = [];

  for (const entity of importOrder(app)) {
    const base = `/api/apps/${appId}/data/${encodeURIComponent(entity.id)}`;
    const json = await readOptional(join(dir, "data", `${entity.id}.json`));
    if (json !== undefined) {
      const records = JSON.parse(json) as Array<Record<string, unknown>>;
      let done = 0;
      for (const record of records) {
        const values: Record<string, unknown> = {};
        const deferred: Record<string, unknown> = {};
        for (const field of entity.fields) {
          if (computedKinds.has(field.kind) || systemKeys.has(field.id) || !(field.id in record)) continue;
          const value = record[field.id];
          if (field.kind === "relation" && typeof value === "string") {
            if (imported.has(field.target) || field.target === entity.id) {
              const mapped = ids.get(value);
              if (mapped) values[field.id] = mapped;
              else if (field.target === entity.id) deferred[field.id] = value;
            } else deferred[field.id] = value;
          } else if (field.kind === "user" && typeof value === "string") {
            values[field.id] = users.get(value) ?? value;
          } else values[field.id] = value;
        }
        const answer = await remoteRequest(server, "POST", `${base}?restore=1`, { json: values });
        if (answer.status === 201) {
          const id = String((answer.body as { id: unknown }).id);
          ids.set(String(record.id), id);
          if (Object.keys(deferred).length > 0) later.push({ entity: entity.id, id, values: deferred });
          done++;
        } else rejected.push(rejection(entity.id, String(record.id), answer.status, answer.body));
        if (done % 100 === 0 || done === records.length)
          options.onProgress?.({ entity: entity.id, done, total: records.length });
      }
      entities.push({ entity: entity.id, imported: done, total: records.length });
    } else {
      const csv = await readOptional(join(dir, "data", `${entity.id}.csv`));
      if (csv !== undefined) entities.push(await importCsv(options, app.id, entity, csv, rejected));
    }
    imported.add(entity.id);
  }

  for (const { entity, id, values } of later) {
    const mapped = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, ids.get(String(v)) ?? v]));
    const base = `/api/apps/${appId}/data/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;
    const current = await remoteJson<{ version: number }>(server, "GET", base);
    const answer = await remoteRequest(
      server,
      "PATCH",
      `${base}?restore=1`,
      { json: mapped },
      { "if-match": `"${current.version}"` },
    );
    if (answer.status !== 200) rejected.push(rejection(entity, id, answer.status, answer.body));
  }
  return { app: app.id, version: published.version, entities, rejected };
}

interface ImportJobBody {
  id: string;
  status: "running" | "done" | "failed";
  processed: number;
  imported: number;
  errors: Array<{ row: number; issues: Issue[] }>;
  message?: { en: string; "zh-CN": string };
}

/** One CSV file through the server's import job, polled until it ends. */
async function importCsv(
  options: ImportOptions,
  appId: string,
  entity: Entity,
  csv: string,
  rejected: RejectedRecord[],
): Promise<{ entity: string; imported: number; total: number }> {
  const { server } = options;
  const total = (parse(csv, { bom: true, columns: true }) as unknown[]).length;
  const path = `/api/apps/${encodeURIComponent(appId)}/data/${encodeURIComponent(entity.id)}/import?restore=1`;
  let job = await remoteJson<ImportJobBody>(server, "POST", path, { csv });
  options.onProgress?.({ entity: entity.id, done: job.processed, total });
  while (job.status === "running") {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 200));
    job = await remoteJson<ImportJobBody>(server, "GET", `/api/apps/${encodeURIComponent(appId)}/imports/${job.id}`);
    options.onProgress?.({ entity: entity.id, done: job.processed, total });
  }
  for (const error of job.errors)
    rejected.push({
      entity: entity.id,
      source: `line ${error.row}`,
      code: error.issues[0]?.code ?? "import.failed",
      issues: error.issues,
      message: error.issues[0]?.message ?? job.message ?? { en: job.status, "zh-CN": job.status },
    });
  return { entity: entity.id, imported: job.imported, total };
}
