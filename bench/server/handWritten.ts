/**
 * The baseline: what a developer would write by hand for the same three endpoints, with
 * Fastify and better-sqlite3 and nothing else. Same pragmas as Plinth's storage (WAL, the
 * same `synchronous`), JSON Schema validation of the body by Fastify, a bearer token compared
 * in memory, the insert and its audit row in one transaction.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import Database from "better-sqlite3";
import type { Durability } from "../../packages/server/src/storage/sqlite/connection.js";
import { fastify } from "./deps.js";

export interface HandWrittenOptions {
  readonly durability: Durability;
  /** A fresh file for POST /opportunity (created with its own tables). */
  readonly createFile?: string;
  /** An existing file, opened read-only, whose `readTable` the list and aggregate routes query. */
  readonly readFile?: string;
  readonly readTable?: string;
  /** The only accepted `Authorization: Bearer` value, and the user it stands for. */
  readonly token: string;
  readonly userId: string;
}

const regions = ["east", "north", "south", "west"];
const stages = ["prospecting", "qualification", "proposal", "negotiation", "won", "lost"];

/** The columns and indexes Plinth gives the starter app's opportunity table, written out. */
const createDdl = `
CREATE TABLE opportunity (id TEXT PRIMARY KEY, version INTEGER NOT NULL, createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL,
  createdBy TEXT, updatedBy TEXT, name TEXT, number TEXT, account TEXT, region TEXT, amount REAL, probability REAL,
  stage TEXT, lost_reason TEXT, close_date TEXT, owner TEXT, notes TEXT, expected_revenue REAL);
CREATE INDEX opportunity_account ON opportunity (account);
CREATE INDEX opportunity_region ON opportunity (region);
CREATE INDEX opportunity_stage ON opportunity (stage);
CREATE INDEX opportunity_lost_reason ON opportunity (lost_reason);
CREATE INDEX opportunity_close_date ON opportunity (close_date);
CREATE INDEX opportunity_owner ON opportunity (owner);
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE audit (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user_id TEXT, action TEXT NOT NULL, entity TEXT,
  record_id TEXT, diff TEXT);
CREATE INDEX audit_record ON audit (entity, record_id);
`;

const createBody = {
  type: "object",
  required: ["name", "account", "region", "close_date"],
  additionalProperties: false,
  properties: {
    name: { type: "string", minLength: 1, maxLength: 120 },
    account: { type: "string", minLength: 1, maxLength: 64 },
    region: { type: "string", enum: regions },
    amount: { type: "number", minimum: 0 },
    probability: { type: "number", minimum: 0, maximum: 100 },
    stage: { type: "string", enum: stages },
    lost_reason: { type: ["string", "null"], enum: ["price", "competitor", "no_budget", null] },
    close_date: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
    owner: { type: "string", minLength: 1, maxLength: 64 },
    notes: { type: "string", maxLength: 100_000 },
  },
} as const;

interface CreateBody {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly amount?: number;
  readonly probability?: number;
  readonly stage?: string;
  readonly lost_reason?: string | null;
  readonly close_date: string;
  readonly owner?: string;
  readonly notes?: string;
}

function open(file: string, durability: Durability, readonly: boolean): Database.Database {
  const db = new Database(file, readonly ? { readonly: true, fileMustExist: true } : {});
  if (!readonly) db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${durability === "full" ? "FULL" : "NORMAL"}`);
  return db;
}

/** Start the hand-written server on 127.0.0.1 (a free port); returns its port and a stop function. */
export async function startHandWritten(
  options: HandWrittenOptions,
): Promise<{ port: number; stop: () => Promise<void> }> {
  const app = fastify({ logger: false });
  const expected = Buffer.from(`Bearer ${options.token}`);
  app.addHook("onRequest", async (request, reply) => {
    const sent = Buffer.from(request.headers.authorization ?? "");
    if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
      return reply.status(401).send({ error: "unauthenticated" });
    }
  });
  const databases: Database.Database[] = [];

  if (options.createFile) {
    const db = open(options.createFile, options.durability, false);
    databases.push(db);
    db.exec(createDdl);
    const nextNumber = db.prepare(
      "INSERT INTO counters (name, value) VALUES ('opportunity.number', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value",
    );
    const insert = db.prepare(
      `INSERT INTO opportunity (id, version, createdAt, updatedAt, createdBy, updatedBy, name, number, account, region, amount,
         probability, stage, lost_reason, close_date, owner, notes, expected_revenue)
       VALUES (@id, @version, @createdAt, @updatedAt, @createdBy, @updatedBy, @name, @number, @account, @region, @amount,
         @probability, @stage, @lost_reason, @close_date, @owner, @notes, @expected_revenue)`,
    );
    const audit = db.prepare(
      "INSERT INTO audit (at, user_id, action, entity, record_id, diff) VALUES (?, ?, 'record.create', 'opportunity', ?, ?)",
    );
    const create = db.transaction((row: Record<string, string | number | null>) => {
      const { value } = nextNumber.get() as { value: number };
      row.number = `OPP-${String(value).padStart(5, "0")}`;
      insert.run(row);
      audit.run(row.createdAt, row.createdBy, row.id, JSON.stringify({ after: row }));
    });
    app.post<{ Body: CreateBody }>("/opportunity", { schema: { body: createBody } }, async (request, reply) => {
      const body = request.body;
      const now = new Date().toISOString();
      const amount = body.amount ?? null;
      const probability = body.probability ?? 10;
      const row: Record<string, string | number | null> = {
        id: randomBytes(15).toString("base64url"),
        version: 1,
        createdAt: now,
        updatedAt: now,
        createdBy: options.userId,
        updatedBy: options.userId,
        name: body.name,
        number: null,
        account: body.account,
        region: body.region,
        amount,
        probability,
        stage: body.stage ?? "prospecting",
        lost_reason: body.lost_reason ?? null,
        close_date: body.close_date,
        owner: body.owner ?? options.userId,
        notes: body.notes ?? null,
        expected_revenue: amount === null ? null : Math.round(amount * probability) / 100,
      };
      if (row.stage === "lost" && row.lost_reason === null) {
        return reply.status(400).send({ error: "lost_reason is required when the stage is lost" });
      }
      create(row);
      return reply.status(201).send(row);
    });
  }

  if (options.readFile && options.readTable) {
    const db = open(options.readFile, options.durability, true);
    databases.push(db);
    const table = `"${options.readTable.replace(/"/g, '""')}"`;
    const page = db.prepare(`SELECT * FROM ${table} WHERE amount > ? ORDER BY close_date DESC, id LIMIT 50`);
    const regionPage = db.prepare(
      `SELECT * FROM ${table} WHERE amount > ? AND region = ? ORDER BY close_date DESC, id LIMIT 50`,
    );
    const byStage = db.prepare(
      `SELECT stage, SUM(amount) AS amount, COUNT(*) AS n FROM ${table} GROUP BY stage ORDER BY stage`,
    );
    // The same query with `+region`, which stops SQLite from choosing the region index (a quarter
    // of the table, then sorted) over walking the close_date index: what a developer who read
    // EXPLAIN QUERY PLAN would ship. Only a context figure; the target compares with the plain query.
    const tunedRegionPage = db.prepare(
      `SELECT * FROM ${table} WHERE amount > ? AND +region = ? ORDER BY close_date DESC, id LIMIT 50`,
    );
    const listQuery = {
      type: "object",
      required: ["minAmount"],
      properties: {
        minAmount: { type: "number" },
        region: { type: "string", enum: regions },
        tuned: { type: "boolean" },
      },
      additionalProperties: false,
    } as const;
    app.get<{ Querystring: { minAmount: number; region?: string; tuned?: boolean } }>(
      "/opportunity",
      { schema: { querystring: listQuery } },
      async (request) => {
        const { minAmount, region, tuned } = request.query;
        if (region === undefined) return { records: page.all(minAmount) };
        return { records: (tuned ? tunedRegionPage : regionPage).all(minAmount, region) };
      },
    );
    app.get("/opportunity/by-stage", async () => ({ rows: byStage.all() }));
  }

  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("the hand-written server has no TCP port");
  return {
    port: address.port,
    stop: async () => {
      await app.close();
      for (const db of databases) db.close();
    },
  };
}
