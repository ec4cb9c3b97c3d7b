import { describe, expect, it } from "vitest";
import { salesApp } from "../../test/fixtures/salesApp.js";
import { validateApp } from "../runtime.js";
import type { App } from "../schema/types.js";
import { DataSourceError } from "./errors.js";
import { createMemorySource, type MemoryUser } from "./memory.js";

const NOW = "2026-06-01T09:00:00.000Z";

const users: MemoryUser[] = [
  { id: "rep1", username: "rep1", roles: ["rep"], attributes: { region: "east", manager: "boss" } },
  { id: "rep2", username: "rep2", roles: ["rep"], attributes: { region: "west", manager: "boss" } },
  { id: "boss", username: "boss", roles: ["manager"], attributes: { region: "east" } },
  { id: "fin", username: "fin", roles: ["finance"], attributes: { region: "east" } },
];

function opportunity(id: string, owner: string, stage: string, amount: number | null, close: string, account = "a1") {
  return {
    id,
    version: 1,
    name: `Deal ${id}`,
    number: `OPP-${id.replace(/\D/g, "").padStart(6, "0")}`,
    account,
    amount,
    probability: 10,
    stage,
    close_date: close,
    owner,
    notes: `secret ${id}`,
    is_key: false,
    createdAt: "2026-05-01T00:00:00.000Z",
    updatedAt: "2026-05-01T00:00:00.000Z",
    createdBy: owner,
    updatedBy: owner,
  };
}

function setup(as = "boss") {
  const checked = validateApp(salesApp());
  expect(checked.ok, JSON.stringify(checked.issues.slice(0, 3))).toBe(true);
  let n = 0;
  return createMemorySource({
    app: salesApp() as App,
    user: users.find((u) => u.id === as) as MemoryUser,
    users,
    clock: () => NOW,
    newId: () => `new${++n}`,
    records: {
      account: [
        { id: "a1", version: 1, name: "Acme", region: "east", createdAt: NOW, updatedAt: NOW },
        { id: "a2", version: 1, name: "Globex", region: "west", createdAt: NOW, updatedAt: NOW },
      ],
      opportunity: [
        opportunity("o1", "rep1", "prospecting", 1000, "2026-07-10"),
        opportunity("o2", "rep1", "won", 5000, "2026-03-02"),
        opportunity("o3", "rep2", "won", 700, "2026-03-20", "a2"),
        opportunity("o4", "rep2", "negotiation", null, "2026-08-01", "a2"),
        opportunity("o5", "rep1", "prospecting", 1000, "2026-09-15"),
      ],
    },
  });
}

async function failure(promise: Promise<unknown>): Promise<DataSourceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataSourceError);
  return error as DataSourceError;
}

const ids = (rows: ReadonlyArray<Record<string, unknown>>) => rows.map((r) => r.id);

describe("createMemorySource", () => {
  it("applies each role's row scope and field mask", async () => {
    const source = setup();
    const byId = { sort: [{ field: "id", direction: "asc" as const }] };
    expect(ids((await source.as("rep1").list("opportunity", byId)).records)).toEqual(["o1", "o2", "o5"]);
    expect(ids((await source.list("opportunity", byId)).records)).toEqual(["o1", "o2", "o3", "o4", "o5"]);
    const finance = await source.as("fin").list("opportunity", byId);
    expect(ids(finance.records)).toEqual(["o2", "o3"]);
    expect(finance.records.every((r) => !("notes" in r))).toBe(true);
    expect((await failure(source.as("rep1").get("opportunity", "o3"))).status).toBe(404);
    const notes = await failure(source.as("fin").list("opportunity", { filter: "notes = 'x'" }));
    expect([notes.status, notes.code, notes.path]).toEqual([403, "http.forbidden", "filter"]);
  });

  it("computes rollups on read", async () => {
    const acme = await setup().get("account", "a1");
    expect(acme.open_pipeline).toBe(2000);
    expect(acme.last_close).toBe("2026-09-15");
  });

  it("filters, sorts (blanks first ascending, then id) and walks a keyset cursor", async () => {
    const source = setup();
    const sort = [{ field: "amount", direction: "asc" as const }];
    const seen: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page: { records: Array<Record<string, unknown>>; next?: string } = await source.list("opportunity", {
        sort,
        limit: 2,
        cursor,
        fields: ["amount"],
      });
      seen.push(...ids(page.records));
      expect(Object.keys(page.records[0] ?? {}).sort()).toEqual(["amount", "id", "version"]);
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(["o4", "o3", "o1", "o5", "o2"]);
    const desc = await source.list("opportunity", {
      filter: "stage <> 'won'",
      sort: [{ field: "amount", direction: "desc" }],
    });
    expect(ids(desc.records)).toEqual(["o1", "o5", "o4"]);
    const bad = await failure(source.list("opportunity", { filter: "amount >" }));
    expect([bad.status, bad.path]).toEqual([400, "filter"]);
  });

  it("validates with the core: 422 with record.* codes", async () => {
    const rep = setup().as("rep1");
    const one = await failure(
      rep.create("opportunity", { name: "X", account: "a1", close_date: "2026-07-01", stage: "nonsense" }),
    );
    expect([one.status, one.path]).toEqual([422, "/stage"]);
    expect(one.code).toMatch(/^record\./);
    const many = await failure(rep.create("opportunity", { stage: "nonsense" }));
    expect([many.status, many.code]).toEqual([422, "http.invalid"]);
    expect(many.issues?.every((i) => i.code.startsWith("record."))).toBe(true);
    const readOnly = await failure(
      rep.create("opportunity", { name: "X", account: "a1", close_date: "2026-07-01", probability: 50 }),
    );
    expect([readOnly.status, readOnly.code, readOnly.path]).toEqual([403, "http.fieldForbidden", "/probability"]);
  });

  it("creates with defaults, autonumbers and the actor, and replays an idempotent create", async () => {
    const rep = setup().as("rep1");
    const values = { name: "New", account: "a1", close_date: "2026-07-01", amount: 10 };
    const created = await rep.create("opportunity", values, { idempotencyKey: "k1" });
    expect(created).toMatchObject({
      owner: "rep1",
      stage: "prospecting",
      number: "OPP-000006",
      version: 1,
      createdBy: "rep1",
    });
    expect(await rep.create("opportunity", values, { idempotencyKey: "k1" })).toEqual(created);
    expect((await failure(rep.create("opportunity", { ...values, amount: 11 }, { idempotencyKey: "k1" }))).code).toBe(
      "http.idempotencyMismatch",
    );
  });

  it("updates at a version and answers 409 with the current record when stale", async () => {
    const rep = setup().as("rep1");
    const updated = await rep.update("opportunity", "o1", 1, { amount: 1500 });
    expect([updated.version, updated.amount, updated.expected_revenue]).toEqual([2, 1500, 150]);
    const stale = await failure(rep.update("opportunity", "o1", 1, { amount: 1 }));
    expect([stale.status, stale.code]).toEqual([409, "http.conflict"]);
    expect((stale.details.record as { version: number }).version).toBe(2);
    const outside = await failure(rep.update("opportunity", "o1", 2, { owner: "rep2" }));
    expect([outside.status, outside.code]).toEqual([403, "http.forbidden"]);
    await expect(rep.remove("opportunity", "o1", 2)).rejects.toMatchObject({ status: 403 });
  });

  it("refuses to change or delete a record of an append-only entity, as the server does (409 http.appendOnly)", async () => {
    const app = structuredClone(salesApp()) as App;
    const account = app.entities?.find((e) => e.id === "account") as { appendOnly?: boolean };
    account.appendOnly = true;
    const source = createMemorySource({
      app,
      user: users.find((u) => u.id === "boss") as MemoryUser,
      users,
      clock: () => NOW,
      newId: () => "n1",
      records: { account: [{ id: "a1", version: 1, name: "Acme", region: "east", createdAt: NOW, updatedAt: NOW }] },
    });
    const changed = await failure(source.update("account", "a1", 1, { name: "Acme 2" }));
    expect([changed.status, changed.code]).toEqual([409, "http.appendOnly"]);
    const removed = await failure(source.remove("account", "a1", 1));
    expect([removed.status, removed.code]).toEqual([409, "http.appendOnly"]);
    expect((await source.create("account", { name: "Initech", region: "east" })).name).toBe("Initech");
  });

  it("computes median and percentile measures as the server (PERCENTILE.INC), and validateApp asks a percentile for its p", async () => {
    const [row] = (
      await setup().query({
        entity: "opportunity",
        measures: [
          { id: "median", aggregate: "median", field: "amount" },
          { id: "p90", aggregate: "percentile", field: "amount", p: 90 },
        ],
      })
    ).rows;
    // amounts 1000, 5000, 700, (blank), 1000 → sorted 700, 1000, 1000, 5000
    expect(row?.median).toBe(1000);
    expect(row?.p90).toBeCloseTo(3800, 9);
    const app = structuredClone(salesApp()) as unknown as { pages: Array<Record<string, unknown>> };
    app.pages.push({
      kind: "dashboard",
      id: "p_check",
      widgets: [
        {
          id: "w",
          type: "kpi",
          query: { entity: "opportunity", measures: [{ id: "p", aggregate: "percentile", field: "amount" }] },
        },
      ],
    });
    const issues = validateApp(app).issues.filter((i) => i.code === "schema.required");
    expect(issues.map((i) => [i.path, i.params?.property])).toEqual([
      [`/pages/${app.pages.length - 1}/widgets/0/query/measures/0`, "p"],
    ]);
  });

  it("runs the query model: groups, date buckets, measures with filters", async () => {
    const source = setup();
    const byStage = await source.query({
      entity: "opportunity",
      groupBy: [{ field: "stage" }],
      measures: [
        { id: "count", aggregate: "count" },
        { id: "amount", aggregate: "sum", field: "amount" },
        { id: "avg", aggregate: "avg", field: "amount" },
      ],
      sort: [{ by: "amount", direction: "desc" }],
    });
    expect(byStage.rows).toEqual([
      { stage: "won", count: 2, amount: 5700, avg: 2850 },
      { stage: "prospecting", count: 2, amount: 2000, avg: 1000 },
      { stage: "negotiation", count: 1, amount: 0, avg: null },
    ]);
    const byQuarter = await source.as("rep1").query({
      entity: "opportunity",
      groupBy: [{ field: "close_date", bucket: "quarter" }, { field: "account.region" }],
      measures: [{ id: "won", aggregate: "sum", field: "amount", filter: "stage = 'won'" }],
    });
    expect(byQuarter.rows).toEqual([
      { close_date: "2026-Q1", "account.region": "east", won: 5000 },
      { close_date: "2026-Q3", "account.region": "east", won: 0 },
    ]);
    const week = await source.query({ entity: "opportunity", groupBy: [{ field: "close_date", bucket: "week" }] });
    expect(week.rows.map((r) => r.close_date)).toEqual(["2026-W09", "2026-W11", "2026-W27", "2026-W30", "2026-W37"]);
    const none = await source.query({ entity: "opportunity", filter: "amount > 1000000" });
    expect(none.rows).toEqual([{ count: 0 }]);
  });

  it("takes a transition: changes, entry effects and history; guards fail as 422", async () => {
    const rep = setup().as("rep1");
    const result = await rep.action("opportunity", "o1", "negotiate");
    expect(result.record).toMatchObject({ stage: "negotiation", probability: 80, version: 2 });
    expect(await rep.history("opportunity", "o1")).toMatchObject([
      {
        workflow: "opportunity_stage",
        transition: "negotiate",
        from: "prospecting",
        to: "negotiation",
        userId: "rep1",
      },
    ]);
    const actions = await rep.actions("opportunity", "o1");
    expect(actions.transitions.map((t) => t.id).sort()).toEqual(["lose", "win"]);
    await rep.update("opportunity", "o5", 1, { amount: 0 });
    const guarded = await failure(rep.action("opportunity", "o5", "negotiate"));
    expect(guarded.status).toBe(422);
    expect((await failure(rep.action("opportunity", "o5", "fly"))).code).toBe("workflow.unknownAction");
  });

  it("runs an approval: submit, the manager's inbox, approve", async () => {
    const source = setup();
    const rep = source.as("rep1");
    expect((await rep.actions("opportunity", "o1")).submit.length).toBeGreaterThan(0);
    const submitted = await rep.action("opportunity", "o1", "submit");
    expect((await rep.actions("opportunity", "o1")).submit).toEqual([]);
    expect((await rep.actions("opportunity", "o1")).approval?.canRecall).toBe(true);
    expect(submitted.approval?.status).toBe("pending");
    const locked = await failure(rep.update("opportunity", "o1", Number(submitted.record.version), { amount: 2 }));
    expect([locked.status, locked.code]).toEqual([409, "workflow.locked"]);
    const boss = source.as("boss");
    const inbox = await boss.inbox();
    expect(inbox.approvals.map((a) => a.recordId)).toEqual(["o1"]);
    expect(inbox.approvals[0]).toMatchObject({ title: "Deal o1", submitterName: "rep1" });
    const approved = await boss.action("opportunity", "o1", "approve", { comment: "ok" });
    expect(approved.approval?.status).toBe("approved");
    const notes = (await rep.inbox()).notifications;
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((n) => n.readAt === null)).toBe(true);
    await rep.markRead(notes[0]?.id as string);
    expect((await rep.inbox()).notifications.find((n) => n.id === notes[0]?.id)?.readAt).not.toBeNull();
    expect((await failure(boss.markRead(notes[1]?.id ?? "x"))).code).toBe("http.notFound"); // not boss's
    expect((await rep.approvals("opportunity", "o1")).map((a) => a.status)).toEqual(["approved"]);
  });
});
