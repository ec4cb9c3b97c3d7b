import { expect } from "vitest";

/**
 * The bounded load the multi-process test (postgres.scaleout.test.ts) and the soak run
 * (soak.test.ts) drive against the scale-out app (fixtures/scaleoutApp.ts), and the checks they
 * make afterwards. Operation i does one of six things by i % 6: create a deal; create a request
 * and submit it (the approval holds its amount from the fund, or the fund cannot cover it: 422);
 * approve a pending request as the boss; import five deals from CSV; add a ledger entry
 * (ALLOCATE adds, RESERVE takes, refused when the fund cannot cover it); read a page of deals.
 */
export type Json = Record<string, unknown>;

/** An answer to a request. */
export interface Answer {
  readonly status: number;
  readonly json: Json;
  readonly text: string;
}

/** Where a request goes (a process index), whether its body is CSV, and as whom. */
export interface CallOptions {
  readonly to?: number;
  readonly csv?: boolean;
  readonly as?: "admin" | "boss";
}

/** A request whose answer may never come (its process was killed): undefined then. */
export type Attempt = (
  method: string,
  path: string,
  body?: unknown,
  options?: CallOptions,
) => Promise<Answer | undefined>;

/** A request that must be answered. */
export type Call = (method: string, path: string, body?: unknown, options?: CallOptions) => Promise<Answer>;

export const DATA = "/api/apps/scaleout/data";

/** A signed-in user's cookie and CSRF token (sessions live in the database: any process takes them). */
export interface Session {
  readonly cookie: string;
  readonly csrfToken: string;
}

export const noSession: Session = { cookie: "", csrfToken: "" };

/** Signs in over HTTP at `baseUrl`. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: String(res.headers.get("set-cookie")).split(";")[0] as string, csrfToken: body.csrfToken };
}

/** One request as `session` (JSON body, or CSV with `csv`), its answer read whole. */
export async function send(
  baseUrl: string,
  session: Session,
  method: string,
  path: string,
  body?: unknown,
  csv = false,
): Promise<Answer> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      "x-csrf-token": session.csrfToken,
      ...(body === undefined ? {} : { "content-type": csv ? "text/csv" : "application/json" }),
    },
    ...(body === undefined ? {} : { body: csv ? String(body) : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: (text === "" ? {} : JSON.parse(text)) as Json, text };
}

export const BOSS = { username: "boss", password: "boss-password-1" } as const;

/** Creates and publishes the scale-out app and its approver, "boss" (sign in with {@link BOSS}). */
export async function publishScaleoutApp(call: Call, app: unknown): Promise<void> {
  expect((await call("POST", "/api/apps", { app })).status).toBe(201);
  const published = await call("POST", "/api/apps/scaleout/publish", {});
  expect(published.status, published.text).toBe(200);
  const boss = await call("POST", "/api/users", { ...BOSS, displayName: "Boss" });
  expect(boss.status, boss.text).toBe(201);
  expect((await call("PUT", `/api/users/${boss.json.id}/roles/scaleout`, { roles: ["boss"] })).status).toBe(200);
}

/** Kinds of operation, by i % 6. */
export const OPERATION_KINDS = ["deal", "submit", "approve", "import", "entry", "read"] as const;

/** Writes the server acknowledged, by kind. */
export interface Acknowledged {
  readonly deals: Set<string>;
  /** Names of imported deals. */
  readonly imported: Set<string>;
  readonly entries: Set<string>;
  readonly submitted: Set<string>;
  readonly approved: Set<string>;
}

export interface LedgerLoad {
  readonly acked: Acknowledged;
  /** Operations carried out, by kind (an approval with nothing pending does not count). */
  readonly done: Record<(typeof OPERATION_KINDS)[number], number>;
  /** Requests refused for want of budget (a submit the fund cannot cover, a RESERVE it cannot). */
  readonly refused: { count: number };
  /** Requests that got no answer (cut off by a kill). */
  readonly unanswered: { count: number };
  /** Operation i (to: the process to send it to; round robin when undefined). */
  operation(i: number, to?: number): Promise<void>;
}

/** Create the fund and allocate `allocation` to it; returns the fund's id. */
export async function createFund(call: Call, allocation: number): Promise<string> {
  const fund = await call("POST", `${DATA}/fund`, { name: "Regional fund" });
  expect(fund.status, fund.text).toBe(201);
  const entry = await call("POST", `${DATA}/entry`, { fund: fund.json.id, type: "ALLOCATE", amount: allocation });
  expect(entry.status, entry.text).toBe(201);
  return String(fund.json.id);
}

/** The load generator over `attempt`, drawing on `fund`. */
export function ledgerLoad(attempt: Attempt, fund: string): LedgerLoad {
  const acked: Acknowledged = {
    deals: new Set(),
    imported: new Set(),
    entries: new Set(),
    submitted: new Set(),
    approved: new Set(),
  };
  const done = Object.fromEntries(OPERATION_KINDS.map((k) => [k, 0])) as LedgerLoad["done"];
  const refused = { count: 0 };
  const unanswered = { count: 0 };
  const pendingAsks: string[] = [];
  const answered = (value: Answer | undefined): value is Answer => {
    if (value === undefined) unanswered.count++;
    return value !== undefined;
  };

  async function operation(i: number, to?: number): Promise<void> {
    const kind = OPERATION_KINDS[i % 6] as (typeof OPERATION_KINDS)[number];
    switch (kind) {
      case "deal": {
        const res = await attempt("POST", `${DATA}/deal`, { name: `Deal ${i}`, amount: 5 }, { to });
        if (answered(res) && res.status === 201) acked.deals.add(String(res.json.id));
        else if (res) expect(res.status, res.text).toBe(201);
        break;
      }
      case "submit": {
        const created = await attempt(
          "POST",
          `${DATA}/ask`,
          { title: `Ask ${i}`, fund, amount: 100 + (i % 5) * 50 },
          { to },
        );
        if (!answered(created)) break;
        expect(created.status, created.text).toBe(201);
        const id = String(created.json.id);
        const submitted = await attempt("POST", `${DATA}/ask/${id}/actions/submit`, {});
        if (!answered(submitted)) break;
        // 422: the fund cannot cover it (the guard read the ledger inside the transaction).
        expect([200, 422], submitted.text).toContain(submitted.status);
        if (submitted.status === 422) {
          expect(submitted.json.error).toMatchObject({ code: "approval.entryFailed" });
          refused.count++;
        }
        if (submitted.status === 200) {
          acked.submitted.add(id);
          pendingAsks.push(id);
        }
        break;
      }
      case "approve": {
        const id = pendingAsks.shift();
        if (id === undefined) return;
        const res = await attempt("POST", `${DATA}/ask/${id}/actions/approve`, {}, { to, as: "boss" });
        if (answered(res) && res.status === 200) acked.approved.add(id);
        else if (res) expect(res.status, res.text).toBe(200);
        break;
      }
      case "import": {
        const names = [0, 1, 2, 3, 4].map((n) => `Imported ${i}.${n}`);
        const csv = `name,amount\n${names.map((n) => `${n},7`).join("\n")}\n`;
        const res = await attempt("POST", `${DATA}/deal/import?mode=skip&wait=1`, csv, { to, csv: true });
        if (!answered(res)) break;
        expect(res.status, res.text).toBe(200);
        expect(res.json).toMatchObject({ status: "done", imported: 5 });
        for (const n of names) acked.imported.add(n);
        break;
      }
      case "entry": {
        const type = i % 5 === 0 ? "ALLOCATE" : "RESERVE";
        const res = await attempt(
          "POST",
          `${DATA}/entry`,
          { fund, type, amount: type === "ALLOCATE" ? 600 : 300 },
          { to },
        );
        if (!answered(res)) break;
        expect([201, 422], res.text).toContain(res.status);
        if (res.status === 422) {
          expect(res.text).toContain('"rule":"covered"');
          refused.count++;
        }
        if (res.status === 201) acked.entries.add(String(res.json.id));
        break;
      }
      case "read": {
        const res = await attempt("GET", `${DATA}/deal?limit=50`, undefined, { to });
        if (answered(res)) expect(res.status, res.text).toBe(200);
        break;
      }
    }
    done[kind]++;
  }

  return { acked, done, refused, unanswered, operation };
}

/** Every record of an entity, page by page. */
export async function allRecords(call: Call, entity: string): Promise<Json[]> {
  const out: Json[] = [];
  let cursor: string | undefined;
  do {
    const page = await call("GET", `${DATA}/${entity}?limit=500${cursor ? `&cursor=${cursor}` : ""}`);
    expect(page.status, page.text).toBe(200);
    out.push(...(page.json.records as Json[]));
    cursor = page.json.next as string | undefined;
  } while (cursor);
  return out;
}

/**
 * The checks after a load: every acknowledged write is present (ids, names and states); each
 * request past submit held its amount exactly once; the fund never went below zero and its
 * rollup equals the ledger. Returns the entries and the fund's balance.
 */
export async function checkLedgerLoad(call: Call, load: LedgerLoad): Promise<{ entries: Json[]; ledger: number }> {
  const { acked } = load;
  const deals = await allRecords(call, "deal");
  const dealIds = new Set(deals.map((d) => String(d.id)));
  const dealNames = new Set(deals.map((d) => String(d.name)));
  for (const id of acked.deals) expect(dealIds.has(id), `deal ${id}`).toBe(true);
  for (const name of acked.imported) expect(dealNames.has(name), `imported ${name}`).toBe(true);
  // Autonumbers from concurrent creates on every process: each deal has its own.
  const numbers = deals.map((d) => String(d.number));
  expect(numbers.filter((n) => !/^D-\d{5}$/.test(n))).toEqual([]);
  expect(new Set(numbers).size).toBe(deals.length);
  const entries = await allRecords(call, "entry");
  const entryIds = new Set(entries.map((e) => String(e.id)));
  for (const id of acked.entries) expect(entryIds.has(id), `entry ${id}`).toBe(true);
  const asks = new Map((await allRecords(call, "ask")).map((a) => [String(a.id), a]));
  for (const id of acked.submitted) expect(["pending", "approved"]).toContain(asks.get(id)?.status);
  for (const id of acked.approved) expect(asks.get(id)?.status, `approved ${id}`).toBe("approved");
  // Each request that went past submit held its amount exactly once (HOLD entries come only from submits).
  const holds = entries.filter((e) => e.type === "HOLD").length;
  expect(holds).toBe([...asks.values()].filter((a) => a.status === "pending" || a.status === "approved").length);
  const ledger = entries.reduce((sum, e) => sum + Number(e.delta), 0);
  const funds = await allRecords(call, "fund");
  expect(funds).toHaveLength(1);
  expect(Number(funds[0]?.available)).toBe(ledger);
  expect(ledger).toBeGreaterThanOrEqual(0);
  return { entries, ledger };
}
