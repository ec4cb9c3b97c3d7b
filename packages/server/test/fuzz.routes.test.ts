import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { allMessages, httpMessages, workflowHostMessages } from "@plinth/runtime";
import { promotionTemplate } from "@plinth/templates";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditMessages } from "../src/audit/messages.js";
import { authMessages } from "../src/auth/messages.js";
import { platformOpenApi } from "../src/openapi/platformDocument.js";
import { viewMessages } from "../src/views/messages.js";
import { webhookMessages } from "../src/webhooks/messages.js";
import { testDatabase } from "./support/context.js";
import { changedTables, fingerprinter } from "./support/fingerprint.js";
import { expectNoStack } from "./support/http.js";
import { routesOf } from "./support/routeTree.js";
import { ADMIN_PASSWORD, DEMO_PASSWORD, type Server, testServer } from "./support/server.js";
import { type Inspector, inspect } from "./support/sqlite.js";

/**
 * Issue 10's route fuzzing: every route the server registers (taken from fastify's route tree, so
 * a new route is fuzzed or this file fails) gets random, invalid and hostile requests — path
 * parameters, query strings, headers and bodies — as an administrator, as a rep and anonymously,
 * on a server with the starter demo app and the promotion template. For every request:
 * - the status is below 500;
 * - a 4xx is the API's error shape with a catalogued code and the message in English and Chinese
 *   (or, for an import answered 422 with `?wait=1`, its failed job, as documented);
 * - a refused request (status >= 400) changes nothing that is stored (support/fingerprint.ts:
 *   left out are sessions, the audit rows the server writes on purpose for refusals — failed
 *   sign-ins, rules marked auditRefusal — and import jobs, which a failed import keeps on purpose).
 * A quarter of the requests are well-formed (signed in, things that exist, sample bodies), so
 * writes succeed now and then and later requests meet changed data.
 * Bounded: PLINTH_FUZZ_RUNS requests per route (default 20), from PLINTH_FUZZ_SEED (fixed by
 * default; the seed and the shrunk request are printed on failure).
 */
const RUNS = Number(process.env.PLINTH_FUZZ_RUNS ?? 20);
const SEED = Number(process.env.PLINTH_FUZZ_SEED ?? 20_261_205);
/** Fuzzed requests come from this address, so failed sign-ins never rate-limit the test's own (127.0.0.1). */
const FUZZ_ADDRESS = "203.0.113.7";

type Json = Record<string, unknown>;

/** What a route's requests are built from (pool: ids of things that exist on the test server). */
interface RouteCase {
  /** Valid-looking bodies of the right shape, which the fuzzer mutates (JSON routes). */
  readonly bodies?: (pool: Pool, params: Record<string, string>) => unknown[];
  /** The body is not JSON: samples and the content types it is sent with. */
  readonly raw?: { readonly samples: (pool: Pool) => string[]; readonly types: readonly string[] };
  /** Valid query values by name (names the OpenAPI document lists are fuzzed too). */
  readonly query?: (pool: Pool) => Record<string, string[]>;
}

/** Things that exist on the server, so requests reach past "not found". */
interface Pool {
  /** Coherent path parameters: sets of values that name one existing thing together. */
  readonly targets: Array<Record<string, string>>;
  readonly accountId: string;
  readonly versions: string[];
}

const label = (en: string) => ({ en, "zh-CN": en });
const smallApp = {
  schemaVersion: 1,
  id: "fuzzed",
  version: "1.0.0",
  label: label("Fuzzed"),
  entities: [{ id: "thing", label: label("Thing"), fields: [{ id: "name", kind: "text", label: label("Name") }] }],
};

const recordBody = (pool: Pool, params: Record<string, string>): unknown[] => {
  if (params.entity === "opportunity")
    return [{ name: "Fuzz deal", account: pool.accountId, region: "east", close_date: "2026-09-01", amount: 10 }];
  if (params.entity === "account") return [{ name: `Fuzz account ${params.id ?? ""}`, region: "east" }];
  return [{ name: "x" }, {}];
};
const listQuery = (): Record<string, string[]> => ({
  filter: ["amount > 10", "stage = 'won'", "CONTAINS(name, 'a')"],
  sort: ["name", "-amount", "close_date,name"],
  limit: ["1", "50", "0", "-1", "100000"],
  cursor: ["", "eyJ4IjoxfQ"],
  fields: ["name,amount", "name"],
});
const csv = (pool: Pool) => [
  "name,region\nFuzz import,east\n",
  `name,account,region,close_date\nFuzz opp,${pool.accountId},east,2026-09-01\n`,
  'name,region\n"unterminated,east\n',
  "\uFEFFname;region\r\nx;y\r\n",
];

/**
 * One case per route the server answers ("METHOD /path" as fastify has it, `{param}` for
 * `:param`, `*` for a wildcard). The test fails when a route has none, or a case has no route.
 */
const CASES: Record<string, RouteCase> = {
  "GET /": {},
  "GET /apps": {},
  "GET /apps/": {},
  "GET /apps/*": {},
  "GET /designer": {},
  "GET /designer/": {},
  "GET /designer/*": {},
  "GET /api/openapi.json": {},
  "POST /api/auth/login": {
    bodies: () => [
      { username: "rep.north", password: "wrong-password-1" },
      { username: "nobody", password: "x" },
    ],
  },
  "POST /api/auth/logout": { bodies: () => [{}] },
  "GET /api/auth/me": {},
  "GET /api/auth/tokens": {},
  "POST /api/auth/tokens": { bodies: () => [{ name: "fuzz token" }] },
  "DELETE /api/auth/tokens/{id}": {},
  "GET /api/audit/verify": {},
  "GET /api/apps": {},
  "POST /api/apps": { bodies: () => [{ app: smallApp }] },
  "GET /api/apps/{app}": { query: () => ({ draft: ["1", "0", "true"] }) },
  "PUT /api/apps/{app}/draft": { bodies: () => [{ app: smallApp }] },
  "POST /api/apps/{app}/publish": { bodies: () => [{}, { confirm: true }], query: () => ({ dryRun: ["1"] }) },
  "GET /api/apps/{app}/versions": {},
  "GET /api/apps/{app}/versions/{version}": {},
  "POST /api/apps/{app}/rollback": { bodies: (pool) => pool.versions.map((v) => ({ version: Number(v) })) },
  "POST /api/apps/{app}/variants/publish": { bodies: () => [{}, { confirm: true }] },
  "GET /api/apps/{app}/data/{entity}": { query: listQuery },
  "POST /api/apps/{app}/data/{entity}": { bodies: recordBody, query: () => ({ restore: ["1"] }) },
  "POST /api/apps/{app}/data/{entity}/import": {
    raw: { samples: csv, types: ["text/csv", "text/csv; charset=utf-8"] },
    query: () => ({ mode: ["all", "skip"], wait: ["1"], restore: ["1"] }),
  },
  "GET /api/apps/{app}/data/{entity}/export.csv": { query: listQuery },
  "GET /api/apps/{app}/data/{entity}/{id}": {},
  "PATCH /api/apps/{app}/data/{entity}/{id}": {
    bodies: (pool, params) => [{ notes: "fuzzed" }, { amount: 5 }, ...recordBody(pool, params)],
    query: () => ({ restore: ["1"] }),
  },
  "DELETE /api/apps/{app}/data/{entity}/{id}": {},
  "GET /api/apps/{app}/data/{entity}/{id}/files/{field}/{fileId}": {},
  "GET /api/apps/{app}/data/{entity}/{id}/actions": {},
  "POST /api/apps/{app}/data/{entity}/{id}/actions/{action}": {
    bodies: () => [{}, { comment: "fuzz" }, { values: { lost_reason: "price" } }],
  },
  "GET /api/apps/{app}/data/{entity}/{id}/approvals": {},
  "GET /api/apps/{app}/data/{entity}/{id}/history": {},
  "GET /api/apps/{app}/people": {
    query: () => ({ q: ["rep", ""], roles: ["rep", "rep,manager"], ids: ["x,y"], limit: ["5", "0"] }),
  },
  "GET /api/apps/{app}/views": { query: () => ({ page: ["opportunities", "nope"] }) },
  "POST /api/apps/{app}/views": {
    bodies: () => [{ page: "opportunities", name: "Fuzz view", state: { sort: [{ field: "name" }] } }],
  },
  "PUT /api/apps/{app}/views/{id}": { bodies: () => [{ name: "Renamed", state: {} }] },
  "DELETE /api/apps/{app}/views/{id}": {},
  "POST /api/apps/{app}/query": {
    bodies: () => [
      { entity: "opportunity", groupBy: [{ field: "stage" }], measures: [{ id: "n", aggregate: "count" }] },
      { entity: "opportunity", filter: "amount > 0", measures: [{ id: "s", aggregate: "sum", field: "amount" }] },
    ],
  },
  "GET /api/apps/{app}/imports/{id}": {},
  "GET /api/apps/{app}/inbox": { query: () => ({ limit: ["10"] }) },
  "POST /api/apps/{app}/inbox/{id}/read": {},
  "POST /api/apps/{app}/files/{entity}/{field}": {
    raw: {
      samples: () => ["%PDF-1.4 fuzz", "", "\u0000\u0001binary"],
      types: ["application/pdf", "image/png", "application/octet-stream", "text/html"],
    },
    query: () => ({ name: ["a.pdf", "../../etc/passwd", "x".repeat(300)] }),
  },
  "GET /api/apps/{app}/audit": {
    query: () => ({
      entity: ["opportunity"],
      record: ["x"],
      user: ["x"],
      from: ["2026-01-01"],
      to: ["2026-12-31"],
      before: ["10"],
      limit: ["5"],
    }),
  },
  "GET /api/apps/{app}/openapi.json": {},
  "GET /api/admin/webhooks": {},
  "PUT /api/admin/webhooks": { bodies: () => [{ allowedHosts: ["example.test"] }, { allowedHosts: [], secret: "s" }] },
  "GET /api/admin/webhooks/dead": { query: () => ({ limit: ["5"] }) },
  "POST /api/admin/webhooks/dead/{id}/retry": {},
  "GET /api/users": {},
  "POST /api/users": {
    bodies: () => [{ username: "fuzz.user", displayName: "Fuzz", password: "long-password-1" }],
  },
  "PATCH /api/users/{id}": { bodies: () => [{ displayName: "Renamed" }, { attributes: { region: "east" } }] },
  "PUT /api/users/{id}/roles/{app}": { bodies: () => [{ roles: ["rep"] }, { roles: [] }] },
};

// ---- arbitraries --------------------------------------------------------------------------------

const HOSTILE = [
  "",
  " ",
  ".",
  "..",
  "../..",
  "../../etc/passwd",
  "..%2f..%2f",
  "%2e%2e",
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '" OR ""="',
  "1; DELETE FROM audit",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as literal text
  "${7*7}",
  "{{7*7}}",
  "<script>alert(1)</script>",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uFFFE",
  "𝕏😀\u200B",
  "中文 数据",
  "NaN",
  "-1",
  "0",
  "1e309",
  "9007199254740993",
  "__proto__",
  "constructor",
  "prototype",
  "%00",
  "%",
  "%zz",
  "\\",
  "null",
  "true",
  "[]",
  "{}",
  "*",
  "\r\nX-Injected: 1",
];
const hugeText = (n: number) => "x".repeat(n);
const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom(300, 5000, 70_000).map(hugeText) },
);

/** A path parameter: mostly hostile text of a usual length, now and then past the router's 100 characters. */
const hostileParam = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 10 }) },
  { weight: 1, arbitrary: fc.constantFrom(101, 2000).map(hugeText) },
);

/** encodeURIComponent, except that a lone surrogate goes out as invalid UTF-8 instead of throwing. */
function enc(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text
      .split("")
      .map((ch) => {
        try {
          return encodeURIComponent(ch);
        } catch {
          return "%ED%A0%80";
        }
      })
      .join("");
  }
}

/** JSON text with keys JSON.stringify cannot write from a literal (`__proto__` would set the prototype). */
const PROTO_BODIES = [
  '{"__proto__": {"isAdmin": true, "polluted": 1}}',
  '{"constructor": {"prototype": {"polluted": 1}}}',
  '{"name": "x", "__proto__": {"roles": ["admin"]}, "constructor": {"prototype": {"isAdmin": true}}}',
  '{"app": {"__proto__": {"polluted": 1}, "id": "starter"}}',
  '{"values": {"__proto__": {"polluted": 1}}, "entity": "opportunity"}',
];
const MALFORMED = [
  '{"a":',
  "{a: 1}",
  "[1, 2",
  '{"a": 1}}',
  "",
  " ",
  "nul",
  "{'a': 1}",
  "\uFEFF{}",
  '{"a": NaN}',
  '{"a": 1e99999}',
  '{"a": "\\ud800"}',
  '{"a": "\\u0000"}',
  "\u0000",
  "[]",
  "42",
  '"text"',
  "null",
];
const nested = (depth: number, open: string, close: string, inner = "1") =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
/** Raw JSON text: deep nesting, huge arrays and strings, past the body limit. */
const rawJsonText = fc.oneof(
  fc.constantFrom(...MALFORMED, ...PROTO_BODIES),
  fc.constantFrom(64, 2000, 20_000).map((d) => nested(d, "[", "]")),
  fc.constantFrom(64, 2000, 20_000).map((d) => nested(d, '{"a":', "}")),
  fc.constantFrom(1000, 100_000).map((n) => `{"items": [${"1,".repeat(n)}1], "name": "x"}`),
  fc.constantFrom(100_000, 1_100_000).map((n) => JSON.stringify({ name: hugeText(n) })),
);

const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), hostileString), { maxLength: 5 }),
  fc.dictionary(hostileString, fc.oneof(fc.integer(), hostileString), { maxKeys: 3 }),
  fc.constantFrom(1000, 50_000).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A sample body with random keys replaced by wrong values, removed, or added (hostile names). */
function mutate(sample: unknown): fc.Arbitrary<unknown> {
  const mutation = fc.record({
    kind: fc.constantFrom("replace", "delete", "add", "addNested"),
    pick: fc.nat(),
    key: fc.oneof(hostileString, fc.constantFrom("__proto__", "constructor", "id", "version", "isAdmin")),
    value: wrongValue,
  });
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((steps) => {
    const body = JSON.parse(JSON.stringify(sample ?? {})) as unknown;
    if (body === null || typeof body !== "object") return body;
    for (const step of steps) {
      const target = body as Json;
      const keys = Object.keys(target);
      const key = keys[step.pick % Math.max(1, keys.length)];
      if (step.kind === "replace" && key !== undefined) target[key] = structuredClone(step.value);
      else if (step.kind === "delete" && key !== undefined) delete target[key];
      else if (step.kind === "addNested" && key !== undefined && target[key] && typeof target[key] === "object")
        Object.defineProperty(target[key], step.key, {
          value: structuredClone(step.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else
        Object.defineProperty(target, step.key, {
          value: structuredClone(step.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return body;
  });
}

/** A JSON body for a route: undefined, a sample, a mutated sample, random JSON, or raw hostile text. */
function jsonBody(samples: unknown[]): fc.Arbitrary<{ text?: string; type?: string }> {
  const some = samples.length > 0 ? samples : [{}];
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 2, arbitrary: fc.constantFrom(...some).map((b) => ({ text: JSON.stringify(b) })) },
    {
      weight: 5,
      arbitrary: fc
        .constantFrom(...some)
        .chain(mutate)
        .map((b) => ({ text: JSON.stringify(b) })),
    },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((b) => ({ text: JSON.stringify(b) })) },
    { weight: 2, arbitrary: rawJsonText.map((text) => ({ text })) },
  );
}

const contentTypeLie = fc.constantFrom(
  "text/plain",
  "application/xml",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json; charset=utf-16",
  "application/json; charset=latin1",
  "application/jsonx",
  "*/*",
  "",
  ";;;",
  `application/json; ${"p=1; ".repeat(2000)}`,
  "text/csv",
  "application/pdf",
);

/** Extra or replaced headers: content-type lies, bad CSRF tokens and credentials, huge values. */
const headerNoise = fc.dictionary(
  fc.constantFrom(
    "content-type",
    "accept-language",
    "if-match",
    "idempotency-key",
    "x-csrf-token",
    "authorization",
    "cookie",
    "accept",
    "x-forwarded-for",
    "x-huge",
  ),
  fc.oneof(
    hostileString.map((s) => s.replace(/[\r\n]/g, " ")),
    contentTypeLie,
    fc.constantFrom('"1"', '"2"', "*", 'W/"1"', "Bearer plt_nope", "Basic YWRtaW46YWRtaW4=", "zh-CN", "zh"),
    fc.constant(hugeText(64 * 1024)),
  ),
  { maxKeys: 3 },
);

// ---- the server -----------------------------------------------------------------------------------

interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}
type Principal = "admin" | "rep" | "anonymous";

let server: Server;
let db: Inspector;
let pool: Pool;
const sessions: Partial<Record<Principal, Session>> = {};
/** Statuses of every fuzzed request, for the summary line. */
const tally: Record<string, number> = {};
let last: Record<string, string> = {};
let fingerprint: () => Record<string, string>;

async function signIn(principal: "admin" | "rep"): Promise<Session> {
  const username = principal === "admin" ? "admin" : "rep.east";
  const password = principal === "admin" ? ADMIN_PASSWORD : DEMO_PASSWORD;
  const res = await server.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const body = res.json<{ csrfToken: string; user: { id: string } }>();
  return {
    cookie: String(res.headers["set-cookie"]).split(";")[0] as string,
    csrf: body.csrfToken,
    userId: body.user.id,
  };
}

/** The principal's session, signed in again when a fuzzed request ended it (logout). */
async function session(principal: Principal): Promise<Session | undefined> {
  if (principal === "anonymous") return undefined;
  const current = sessions[principal];
  if (current) {
    const me = await server.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: current.cookie } });
    if (me.statusCode === 200) return current;
  }
  sessions[principal] = await signIn(principal);
  last = fingerprint();
  return sessions[principal];
}

async function adminCall(method: string, url: string, body?: unknown, type = "application/json") {
  const s = (await session("admin")) as Session;
  return server.app.inject({
    method: method as "GET",
    url,
    headers: { cookie: s.cookie, "x-csrf-token": s.csrf, ...(body === undefined ? {} : { "content-type": type }) },
    ...(body === undefined ? {} : { payload: typeof body === "string" ? body : JSON.stringify(body) }),
  });
}

/** Coherent parameter sets of things that exist (records, files, views, tokens, users, jobs...). */
async function buildPool(): Promise<Pool> {
  const targets: Array<Record<string, string>> = [];
  const tables = db.db.prepare("SELECT app_id, entity_id, table_name FROM entity_tables ORDER BY 1, 2").all() as Array<{
    app_id: string;
    entity_id: string;
    table_name: string;
  }>;
  for (const t of tables) {
    const ids = db.db.prepare(`SELECT id FROM "${t.table_name}" ORDER BY id LIMIT 2`).all() as Array<{ id: string }>;
    targets.push({ app: t.app_id, entity: t.entity_id });
    for (const { id } of ids) targets.push({ app: t.app_id, entity: t.entity_id, id });
  }
  const account = db.db
    .prepare(`SELECT id FROM "${db.table("starter", "account")}" WHERE region = 'east' ORDER BY id LIMIT 1`)
    .get() as { id: string };
  const rep = sessions.rep as Session;
  const opp = db.db
    .prepare(`SELECT id, version FROM "${db.table("starter", "opportunity")}" WHERE owner = ? ORDER BY id LIMIT 1`)
    .get(rep.userId) as { id: string; version: number };
  // Workflow actions of a few records.
  for (const target of targets.filter((t) => t.id).slice(0, 40)) {
    const res = await adminCall("GET", `/api/apps/${target.app}/data/${target.entity}/${target.id}/actions`);
    if (res.statusCode !== 200) continue;
    const text = res.body;
    for (const match of text.matchAll(/"(?:id|action)":"(\w+)"/g))
      targets.push({ ...target, action: match[1] as string } as Record<string, string>);
  }
  targets.push({ app: "starter", entity: "opportunity", id: opp.id, action: "submit" });
  // A file attached to a record.
  const upload = await adminCall(
    "POST",
    "/api/apps/starter/files/opportunity/files?name=a.pdf",
    "%PDF-1.4",
    "application/pdf",
  );
  if (upload.statusCode === 201 || upload.statusCode === 200) {
    const file = upload.json<{ id: string }>();
    const attached = await adminCall("PATCH", `/api/apps/starter/data/opportunity/${opp.id}`, {
      files: [upload.json()],
    });
    if (attached.statusCode === 200)
      targets.push({ app: "starter", entity: "opportunity", id: opp.id, field: "files", fileId: file.id });
  }
  targets.push({ app: "starter", entity: "opportunity", field: "files" });
  // A saved view, an API token, an import job, inbox items, users (not the two signed in).
  const view = await server.app.inject({
    method: "POST",
    url: "/api/apps/starter/views",
    headers: { cookie: rep.cookie, "x-csrf-token": rep.csrf },
    payload: { page: "opportunities", name: "Pool view", state: {} },
  });
  if (view.statusCode === 201) targets.push({ app: "starter", id: view.json<{ id: string }>().id });
  const token = await adminCall("POST", "/api/auth/tokens", { name: "pool" });
  if (token.statusCode === 201) targets.push({ id: token.json<{ id: string }>().id });
  const job = await adminCall(
    "POST",
    "/api/apps/starter/data/account/import?mode=skip&wait=1",
    "name,region\nPool import,east\n",
    "text/csv",
  );
  if (job.statusCode === 200) targets.push({ app: "starter", id: job.json<{ id: string }>().id });
  for (const row of db.db.prepare("SELECT id, app_id FROM inbox ORDER BY id LIMIT 3").all() as Array<{
    id: string;
    app_id: string;
  }>)
    targets.push({ app: row.app_id, id: row.id });
  for (const row of db.db
    .prepare("SELECT id FROM users WHERE username NOT IN ('admin', 'rep.east') ORDER BY username LIMIT 4")
    .all() as Array<{ id: string }>) {
    targets.push({ id: row.id, app: "starter" }, { id: row.id, app: "promotion" });
  }
  for (const row of db.db.prepare("SELECT id FROM outbox ORDER BY id LIMIT 2").all() as Array<{ id: string }>)
    targets.push({ id: row.id });
  const versions = db.db.prepare("SELECT app_id, version FROM app_versions ORDER BY 1, 2").all() as Array<{
    app_id: string;
    version: number;
  }>;
  for (const v of versions) targets.push({ app: v.app_id, version: String(v.version) });
  return { targets, accountId: account.id, versions: [...new Set(versions.map((v) => String(v.version)))] };
}

// ---- one request ----------------------------------------------------------------------------------

interface FuzzRequest {
  readonly principal: Principal;
  readonly params: Record<string, string>;
  readonly rawPath?: string;
  readonly query: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

const paramNames = (route: string) => [...route.matchAll(/\{(\w+)\}|\*/g)].map((m) => m[1] ?? "*");

function requestArbitrary(route: string, routeCase: RouteCase, doc: ReturnType<typeof platformOpenApi>) {
  const [method = "GET", path = "/"] = route.split(" ");
  const names = paramNames(route);
  const fitting = pool.targets.filter((t) => names.every((n) => n === "*" || t[n] !== undefined));
  const valuesOf = (name: string) => [...new Set(pool.targets.map((t) => t[name]).filter((v) => v !== undefined))];
  const param = (name: string) =>
    fc.oneof(
      {
        weight: 3,
        arbitrary: valuesOf(name).length > 0 ? fc.constantFrom(...(valuesOf(name) as string[])) : hostileParam,
      },
      { weight: 1, arbitrary: hostileParam },
    );
  const coherent = fitting.length > 0 ? fc.constantFrom(...fitting) : fc.constant({} as Record<string, string>);
  const mixed = fc.record(Object.fromEntries(names.map((n) => [n, param(n)])) as Record<string, fc.Arbitrary<string>>);
  const params = fc.oneof({ weight: 3, arbitrary: coherent }, { weight: 1, arbitrary: mixed });

  const documented = (doc.paths[path] as Record<string, { parameters?: Array<{ name?: string; in?: string }> }>)?.[
    method.toLowerCase()
  ]?.parameters;
  const known = routeCase.query?.(pool) ?? {};
  const queryNames = [
    ...new Set([
      ...Object.keys(known),
      ...(documented ?? []).filter((p) => p.in === "query").map((p) => String(p.name)),
    ]),
  ];
  const queryPair = fc.tuple(
    queryNames.length > 0
      ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...queryNames) }, { weight: 1, arbitrary: hostileString })
      : hostileString,
    fc.string().chain((s) => {
      return fc.oneof(
        { weight: 2, arbitrary: fc.constant(s) },
        { weight: 3, arbitrary: hostileString },
        { weight: 3, arbitrary: fc.constantFrom(...Object.values(known).flat(), "1") },
      );
    }),
  );
  const query = fc.oneof(
    { weight: 2, arbitrary: fc.constant("") },
    {
      weight: 5,
      arbitrary: fc
        .array(queryPair, { maxLength: 4 })
        .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&")}` : "")),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom("?%", "?%zz=1", "?a=1&a=2&a=3", "?filter[]=x", "?&&=&", `?${"a=1&".repeat(2000)}`),
    },
  );

  const body: fc.Arbitrary<{ text?: string; type?: string }> =
    method === "GET" || method === "DELETE"
      ? fc.oneof({ weight: 5, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: jsonBody([{}]) })
      : routeCase.raw
        ? fc.oneof(
            {
              weight: 3,
              arbitrary: fc.record({
                text: fc.oneof(
                  fc.constantFrom(...routeCase.raw.samples(pool)),
                  hostileString,
                  fc.string({ unit: "binary" }),
                ),
                type: fc.constantFrom(...routeCase.raw.types),
              }),
            },
            { weight: 1, arbitrary: jsonBody([{}]) },
          )
        : fc.constant(undefined).chain(() => jsonBody([]));
  const jsonRoute = !(method === "GET" || method === "DELETE" || routeCase.raw || !routeCase.bodies);
  // Hostile requests: any principal, mixed parameters, noise, bodies mutated or random.
  const hostile = fc
    .record({
      principal: fc.constantFrom<Principal>("admin", "rep", "anonymous"),
      params,
      rawPath: fc.option(fc.constantFrom("/..", "/../../api/users", "/%2e%2e/", "//", "/./"), { freq: 8 }),
      query,
      headers: fc.oneof(fc.constant({} as Record<string, string>), headerNoise),
      body,
    })
    .chain((r) =>
      // Bodies of the right shape depend on the parameters (a record of which entity).
      jsonRoute ? jsonBody(routeCase.bodies?.(pool, r.params) ?? []).map((b) => ({ ...r, body: b })) : fc.constant(r),
    );
  // Well-formed requests, so that writes succeed now and then and later requests meet changed
  // data: signed in, the starter app's things first, valid query values, a sample body as it is.
  const starter = fitting.filter((t) => t.app === undefined || t.app === "starter");
  const validQuery = fc
    .subarray(Object.entries(known), { maxLength: Math.min(2, Object.keys(known).length) })
    .chain((pairs) =>
      pairs.length === 0
        ? fc.constant("")
        : fc
            .tuple(...pairs.map(([k, values]) => fc.constantFrom(...values).map((v) => `${enc(k)}=${enc(v)}`)))
            .map((parts) => `?${parts.join("&")}`),
    );
  const wellFormed = fc
    .record({
      principal: fc.constantFrom<Principal>("admin", "rep"),
      params: starter.length > 0 ? fc.constantFrom(...starter) : coherent,
      query: validQuery,
      headers: fc.constant({} as Record<string, string>),
      body: routeCase.raw
        ? fc.record({
            text: fc.constantFrom(...routeCase.raw.samples(pool)),
            type: fc.constantFrom(...routeCase.raw.types),
          })
        : fc.constant({} as { text?: string; type?: string }),
    })
    .chain((r) => {
      if (!jsonRoute) return fc.constant({ ...r, rawPath: null });
      const samples = routeCase.bodies?.(pool, r.params) ?? [];
      return fc
        .constantFrom(...(samples.length > 0 ? samples : [{}]))
        .map((b) => ({ ...r, rawPath: null, body: { text: JSON.stringify(b) } as { text?: string; type?: string } }));
    });
  return fc.oneof({ weight: 1, arbitrary: wellFormed }, { weight: 3, arbitrary: hostile }).map(
    (r): FuzzRequest => ({
      principal: r.principal,
      params: r.params,
      ...(r.rawPath ? { rawPath: r.rawPath } : {}),
      query: r.query,
      headers: {
        ...(r.body.text !== undefined ? { "content-type": r.body.type ?? "application/json" } : {}),
        ...r.headers,
      },
      ...(r.body.text !== undefined ? { body: r.body.text } : {}),
    }),
  );
}

function urlOf(route: string, request: FuzzRequest): string {
  const path = (route.split(" ")[1] ?? "/").replace(/\{(\w+)\}|\*/g, (_, name: string | undefined) => {
    const value = request.params[name ?? "*"] ?? "x";
    return name === undefined ? value.split("/").map(enc).join("/") : enc(value);
  });
  return `${path}${request.rawPath ?? ""}${request.query}`;
}

async function send(route: string, request: FuzzRequest): Promise<LightMyRequestResponse> {
  const s = await session(request.principal);
  const method = route.split(" ")[0] as "GET";
  return server.app.inject({
    method,
    url: urlOf(route, request),
    remoteAddress: FUZZ_ADDRESS,
    headers: { ...(s ? { cookie: s.cookie, "x-csrf-token": s.csrf } : {}), ...request.headers },
    ...(request.body !== undefined ? { payload: request.body } : {}),
  });
}

const catalogue = new Set<string>([
  ...allMessages().keys(),
  ...Object.keys(httpMessages),
  ...Object.keys(workflowHostMessages),
  ...Object.keys(authMessages),
  ...Object.keys(viewMessages),
  ...Object.keys(auditMessages),
  ...Object.keys(webhookMessages),
]);

/** A 4xx answer: the API's error shape, a catalogued code, the message in both languages, no stack. */
function checkError(res: LightMyRequestResponse, what: string): void {
  expect(res.headers["content-type"], what).toMatch(/^application\/json/);
  const body = res.json<{ error: { code: unknown; message: unknown; path: unknown; details: Json } }>();
  expect(Object.keys(body), what).toEqual(["error"]);
  const { code, message, path, details } = body.error;
  expect(typeof code === "string" && catalogue.has(code), `${what}: code ${String(code)} is not catalogued`).toBe(true);
  expect(typeof message === "string" && message.length > 0, what).toBe(true);
  expect(typeof path, what).toBe("string");
  const messages = details?.messages as Record<string, unknown> | undefined;
  expect(typeof messages?.en === "string" && (messages.en as string).length > 0, `${what}: no English message`).toBe(
    true,
  );
  expect(
    typeof messages?.["zh-CN"] === "string" && (messages["zh-CN"] as string).length > 0,
    `${what}: no Chinese`,
  ).toBe(true);
  expect([messages?.en, messages?.["zh-CN"]], what).toContain(message);
  expectNoStack(res.body);
}

/**
 * An import that failed, answered (with `?wait=1`) 422 and its job, as documented: refused rows
 * with their line and issues (code, pointer, message in both languages), or why it could not run.
 */
function checkFailedImport(res: LightMyRequestResponse, what: string): void {
  const job = res.json<{ errors: Array<{ row: number; issues: Json[] }>; failure?: Json; imported: number }>();
  expect(job.errors.length > 0 || job.failure !== undefined, what).toBe(true);
  const messages = [
    ...job.errors.flatMap((e) => e.issues.map((i) => i.message as Json)),
    ...(job.failure ? [job.failure.message as Json] : []),
  ];
  for (const issue of job.errors.flatMap((e) => e.issues))
    expect(typeof issue.code === "string" && catalogue.has(issue.code), `${what}: ${String(issue.code)}`).toBe(true);
  for (const message of messages) {
    expect(typeof message.en === "string" && (message.en as string).length > 0, what).toBe(true);
    expect(typeof message["zh-CN"] === "string" && (message["zh-CN"] as string).length > 0, what).toBe(true);
  }
  expectNoStack(res.body);
}

/** Successful writes may start work that finishes after the answer (automations): wait until nothing moves. */
async function settled(): Promise<Record<string, string>> {
  let previous = fingerprint();
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const next = fingerprint();
    if (changedTables(previous, next).length === 0) return next;
    previous = next;
  }
  return previous;
}

/** Wait until the import job at `location` no longer runs. */
async function importEnded(location: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const job = await adminCall("GET", location);
    if (job.statusCode !== 200 || job.json<{ status: string }>().status !== "running") return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the import at ${location} did not end`);
}

// ---- the tests ------------------------------------------------------------------------------------

describe(`fuzzing every route (${testDatabase}; seed ${SEED}, ${RUNS} runs per route)`, () => {
  let routes: string[] = [];
  const doc = platformOpenApi();

  // The player's and the designer's routes serve a small build of their own: whether the real
  // bundles are built depends on what ran before (CI runs the tests before `pnpm build`), and an
  // unbuilt bundle answers 503 by design.
  const bundles = mkdtempSync(join(tmpdir(), "plinth-fuzz-bundles-"));
  for (const [folder, title] of [
    ["player", "Plinth"],
    ["designer", "Plinth designer"],
  ] as const) {
    mkdirSync(join(bundles, folder, "assets"), { recursive: true });
    writeFileSync(
      join(bundles, folder, "index.html"),
      `<!doctype html><title>${title}</title><script src="assets/main.js"></script>`,
    );
    writeFileSync(join(bundles, folder, "assets", "main.js"), "console.log('plinth');\n");
  }

  beforeAll(async () => {
    server = await testServer({
      templates: [promotionTemplate],
      http: { playerRoot: join(bundles, "player"), designerRoot: join(bundles, "designer") },
    });
    db = inspect(server.ctx.file);
    fingerprint = fingerprinter(db, server.ctx.file, join(server.ctx.dir, "files"));
    sessions.admin = await signIn("admin");
    sessions.rep = await signIn("rep");
    routes = routesOf(server.app.printRoutes({ commonPrefix: false }));
    pool = await buildPool();
    last = fingerprint();
  }, 120_000);

  afterAll(async () => {
    rmSync(bundles, { recursive: true, force: true });
    const total = Object.values(tally).reduce((a, b) => a + b, 0);
    console.info(
      `fuzz: ${total} requests over ${routes.length} routes (${testDatabase}, seed ${SEED}), by status ${JSON.stringify(tally)}`,
    );
    db?.close();
    await server?.close();
  });

  it("has a case for every route the server answers, and no case without a route", () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => !(r in CASES))).toEqual([]);
    expect(Object.keys(CASES).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it("notices a committed write in its fingerprint (so an unchanged one means something)", async () => {
    const before = fingerprint();
    const rep = sessions.rep as Session;
    const created = await server.app.inject({
      method: "POST",
      url: "/api/apps/starter/data/opportunity",
      headers: { cookie: rep.cookie, "x-csrf-token": rep.csrf },
      payload: { name: "Fingerprint check", account: pool.accountId, region: "east", close_date: "2026-09-01" },
    });
    expect(created.statusCode, created.body).toBe(201);
    last = fingerprint();
    expect(changedTables(before, last)).toEqual(expect.arrayContaining(["audit", db.table("starter", "opportunity")]));
  });

  const entries = Object.entries(CASES);
  it.each(entries.map(([route, routeCase], index) => ({ route, routeCase, index })))(
    "$route: never 5xx, errors in shape, a refused request changes nothing",
    async ({ route, routeCase, index }) => {
      const counts: Record<string, number> = {};
      const property = fc.asyncProperty(requestArbitrary(route, routeCase, doc), async (request) => {
        const res = await send(route, request);
        const what = `${route} as ${request.principal}: ${urlOf(route, request).slice(0, 200)} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
        const status = res.statusCode;
        counts[String(status)] = (counts[String(status)] ?? 0) + 1;
        tally[String(status)] = (tally[String(status)] ?? 0) + 1;
        expect(status, what).toBeLessThan(500);
        if (status >= 400) {
          if (route.endsWith("/import") && status === 422 && res.json<Json>().status === "failed")
            checkFailedImport(res, what);
          else checkError(res, what);
          const now = fingerprint();
          const changed = changedTables(last, now);
          last = now;
          expect(changed, `${what}\na refused request changed stored data`).toEqual([]);
        } else {
          // An import answered 202 goes on in the background: let it end before the next request.
          if (status === 202 && res.headers.location) await importEnded(String(res.headers.location));
          last = route.startsWith("GET") ? fingerprint() : await settled();
        }
        // Nothing reached Object.prototype.
        expect(({} as Json).polluted, what).toBeUndefined();
        expect(({} as Json).isAdmin, what).toBeUndefined();
      });
      const seed = SEED + index;
      try {
        await fc.assert(property, { numRuns: RUNS, seed, endOnFailure: false, maxSkipsPerRun: 0 });
      } catch (error) {
        throw new Error(
          `${route}: fuzzing failed (PLINTH_FUZZ_SEED=${SEED}, this route's seed ${seed}; statuses so far ${JSON.stringify(counts)})\n${String(error instanceof Error ? error.message : error)}\n${String((error as { cause?: unknown }).cause ?? "")}`,
        );
      }
    },
    120_000,
  );
});
