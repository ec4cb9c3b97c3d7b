import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type App, canonicalAppJson } from "@plinth/runtime";
import { parse } from "csv-parse/sync";
import { type RemoteServer, refused, remoteJson, remoteRequest } from "./client.js";

/** Progress of a transfer: records of an entity done so far out of its total. */
export interface TransferProgress {
  readonly entity: string;
  readonly done: number;
  readonly total: number;
}

/** Options of {@link exportApp}. */
export interface ExportOptions {
  readonly server: RemoteServer;
  readonly app: string;
  /** The folder to write: app.json, users.json and data/<entity>.json|csv. */
  readonly dir: string;
  /** Data as JSON (default; `plinth import` restores relations from it) or as the server's CSV export. */
  readonly format?: "json" | "csv";
  /** Records per page of the list API (JSON), at most 500 (the default). */
  readonly pageSize?: number;
  /** Called after every page (JSON) or entity (CSV). */
  readonly onProgress?: (progress: TransferProgress) => void;
}

/** What {@link exportApp} wrote. */
export interface ExportResult {
  readonly app: string;
  readonly version: number;
  readonly files: readonly string[];
  readonly entities: ReadonlyArray<{ readonly entity: string; readonly records: number; readonly file: string }>;
}

const PAGE = 500;

/** How many records of an entity the token's user may read (the query model's count). */
async function countOf(server: RemoteServer, app: string, entity: string): Promise<number> {
  const body = await remoteJson<{ rows: Array<{ n?: unknown }> }>(server, "POST", `/api/apps/${app}/query`, {
    json: { entity, measures: [{ id: "n", aggregate: "count" }] },
  });
  return Number(body.rows[0]?.n ?? 0);
}

/**
 * Each user's roles in the app, from the people directory asked role by role (it answers with
 * inherited roles included, so a role another of the user's roles implies is left out).
 */
async function rolesInApp(server: RemoteServer, app: string, schema: App): Promise<Map<string, string[]>> {
  const holders = new Map<string, Set<string>>();
  for (const role of schema.roles ?? []) {
    const body = await remoteJson<{ people: Array<{ id: string }> }>(
      server,
      "GET",
      `/api/apps/${app}/people?roles=${encodeURIComponent(role.id)}&limit=500`,
    );
    for (const person of body.people) holders.set(person.id, (holders.get(person.id) ?? new Set()).add(role.id));
  }
  const inherits = new Map((schema.roles ?? []).map((r) => [r.id, r.inherits ?? []]));
  const implied = (role: string, seen = new Set<string>()): Set<string> => {
    for (const parent of inherits.get(role) ?? [])
      if (!seen.has(parent)) {
        seen.add(parent);
        implied(parent, seen);
      }
    return seen;
  };
  const result = new Map<string, string[]>();
  for (const [user, roles] of holders) {
    const below = new Set([...roles].flatMap((r) => [...implied(r)]));
    result.set(user, [...roles].filter((r) => !below.has(r)).sort());
  }
  return result;
}

/**
 * Export a published app from a running server into a folder: the app in canonical form
 * (app.json), the users its records may name (users.json, id and user name, when the token's
 * user is an administrator) and each entity's records, read page by page with cursors
 * (data/<entity>.json) or through the server's CSV export (data/<entity>.csv).
 *
 * @example
 * await exportApp({ server: { url: "http://127.0.0.1:3000", token }, app: "crm", dir: "crm-export" });
 */
export async function exportApp(options: ExportOptions): Promise<ExportResult> {
  const { server, dir } = options;
  const app = encodeURIComponent(options.app);
  const format = options.format ?? "json";
  const published = await remoteJson<{ app: App; version: number }>(server, "GET", `/api/apps/${app}`);
  await mkdir(join(dir, "data"), { recursive: true });
  const files: string[] = [];
  const write = async (name: string, text: string) => {
    await writeFile(join(dir, name), text);
    files.push(name);
  };
  await write("app.json", canonicalAppJson(published.app));
  const users = await remoteRequest(server, "GET", "/api/users");
  if (users.status === 200) {
    const list = (users.body as { users: Array<{ id: string; username: string }> }).users;
    const roles = await rolesInApp(server, app, published.app);
    const rows = list.map((u) => ({ id: u.id, username: u.username, roles: roles.get(u.id) ?? [] }));
    await write("users.json", `${JSON.stringify(rows, null, 2)}\n`);
  }

  const entities: Array<{ entity: string; records: number; file: string }> = [];
  for (const { id: entity, fields } of published.app.entities ?? []) {
    // Creation order, ties broken by autonumbers: the importing server numbers records as they come.
    const sort = ["createdAt", ...fields.filter((f) => f.kind === "autonumber").map((f) => f.id)].join(",");
    const total = await countOf(server, app, entity);
    const base = `/api/apps/${app}/data/${encodeURIComponent(entity)}`;
    if (format === "csv") {
      const answer = await remoteRequest(server, "GET", `${base}/export.csv`);
      if (answer.status !== 200) throw refused(answer, `GET ${base}/export.csv`);
      const rows = (parse(answer.text, { bom: true, columns: true }) as unknown[]).length;
      const file = `data/${entity}.csv`;
      await write(file, answer.text);
      options.onProgress?.({ entity, done: rows, total: Math.max(total, rows) });
      entities.push({ entity, records: rows, file });
      continue;
    }
    const records: unknown[] = [];
    let cursor: string | undefined;
    do {
      const query = `?limit=${Math.min(PAGE, options.pageSize ?? PAGE)}&sort=${sort}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = await remoteJson<{ records: unknown[]; next?: string }>(server, "GET", `${base}${query}`);
      records.push(...page.records);
      cursor = page.next;
      options.onProgress?.({ entity, done: records.length, total: Math.max(total, records.length) });
    } while (cursor);
    const file = `data/${entity}.json`;
    await write(file, `${JSON.stringify(records, null, 2)}\n`);
    entities.push({ entity, records: records.length, file });
  }
  return { app: options.app, version: published.version, files, entities };
}
