import { afterEach, describe, expect, it } from "vitest";
import { PublishedApps } from "../src/apps/published.js";
import { automationsOf } from "../src/automation/compiled.js";
import { MAX_AUTOMATION_DEPTH } from "../src/automation/hook.js";
import { systemActor } from "../src/workflow/timers.js";
import { addUser, crmApp, type Harness, publish, startHarness } from "./automationHarness.js";

let h: Harness;
afterEach(async () => h?.close());

const note = (to: Record<string, unknown>, en = "Look") => ({ kind: "notify", to, message: { en, "zh-CN": en } });

async function createDeal(values: Record<string, unknown>) {
  const res = await h.admin.request("POST", "/api/apps/crm/data/deal", { body: values });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Record<string, unknown> & { id: string; version: number }>();
}

async function readDeal(id: string) {
  return (await h.admin.request("GET", `/api/apps/crm/data/deal/${id}`)).json<Record<string, unknown>>();
}

async function inboxOf(userId: string) {
  return h.ctx.storage.read((tx) => tx.platform.inbox(userId, "crm", 100));
}

describe("automations on writes", () => {
  it("run on create in the same transaction: setFields and createRecord, audited as the system", async () => {
    h = await startHarness();
    await publish(
      h,
      crmApp([
        {
          id: "triage",
          entity: "deal",
          trigger: { kind: "create" },
          condition: "amount >= 1000",
          actions: [
            { kind: "setFields", values: { bumps: "1" } },
            { kind: "createRecord", entity: "task", values: { title: "'Call about ' & name" } },
          ],
        },
      ]),
    );
    const big = await createDeal({ name: "Big", amount: 5000 });
    await createDeal({ name: "Small", amount: 10 });
    expect(await readDeal(big.id)).toMatchObject({ bumps: 1, updatedBy: "system" });
    const tasks = (await h.admin.request("GET", "/api/apps/crm/data/task")).json<{
      records: Array<{ title: string }>;
    }>();
    expect(tasks.records.map((t) => t.title)).toEqual(["Call about Big"]);
    const runs = await h.audit("automation.run");
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      userId: "system",
      entity: "deal",
      recordId: big.id,
      diff: { automation: "triage", record: big.id, effects: 2 },
    });
    expect((await h.audit("record.automation"))[0]).toMatchObject({ userId: "system", recordId: big.id });
  });

  it("run on update when a listed field changed, comparing with $old in the condition", async () => {
    h = await startHarness();
    await publish(h, crmApp([]));
    const owner = await addUser(h, "owner1", ["rep"]);
    await publish(
      h,
      crmApp([
        {
          id: "raised",
          entity: "deal",
          trigger: { kind: "update", fields: ["amount"] },
          condition: "amount > $old.amount",
          actions: [note({ kind: "userField", field: "owner" }, "Amount raised")],
        },
      ]),
    );
    const deal = await createDeal({ name: "D", amount: 100, owner });
    const patch = async (body: Record<string, unknown>) => {
      const current = await readDeal(deal.id);
      const res = await h.admin.request("PATCH", `/api/apps/crm/data/deal/${deal.id}`, {
        body,
        headers: { "if-match": `"${String(current.version)}"` },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    await patch({ amount: 50 }); // lowered: condition FALSE
    await patch({ name: "Renamed" }); // amount unchanged: not triggered
    await patch({ amount: 500 }); // raised
    const inbox = await inboxOf(owner);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ kind: "automation", entity: "deal", recordId: deal.id });
    expect(JSON.stringify(inbox[0]?.message)).toContain("Amount raised");
  });

  it("notify reaches role holders (inherited roles aside), the user in a field, their manager and listed users", async () => {
    h = await startHarness();
    await publish(h, crmApp([]));
    const boss = await addUser(h, "boss", ["rep"]);
    const owner = await addUser(h, "owner2", ["rep"], { manager: boss });
    const m1 = await addUser(h, "m1", ["manager"]);
    const m2 = await addUser(h, "m2", ["manager"]);
    const listed = await addUser(h, "listed", []);
    await publish(
      h,
      crmApp([
        {
          id: "fanout",
          entity: "deal",
          trigger: { kind: "create" },
          actions: [
            note({ kind: "role", role: "manager" }, "to managers"),
            note({ kind: "userField", field: "owner" }, "to owner"),
            note({ kind: "managerOf", field: "owner" }, "to boss"),
            note({ kind: "users", users: [listed] }, "to listed"),
          ],
        },
      ]),
    );
    await createDeal({ name: "D", owner });
    const texts = async (id: string) => (await inboxOf(id)).map((i) => JSON.stringify(i.message));
    expect(await texts(m1)).toEqual([expect.stringContaining("to managers")]);
    expect(await texts(m2)).toEqual([expect.stringContaining("to managers")]);
    expect(await texts(owner)).toEqual([expect.stringContaining("to owner")]);
    expect(await texts(boss)).toEqual([expect.stringContaining("to boss")]);
    expect(await texts(listed)).toEqual([expect.stringContaining("to listed")]);
  });

  it("fire on a transition event passed to the write hook", async () => {
    h = await startHarness();
    await publish(h, crmApp([]));
    const owner = await addUser(h, "owner3", ["rep"]);
    await publish(
      h,
      crmApp([
        {
          id: "won",
          entity: "deal",
          trigger: { kind: "transition", workflow: "pipeline", transition: "win" },
          actions: [note({ kind: "userField", field: "owner" }, "You won")],
        },
      ]),
    );
    const deal = await createDeal({ name: "D", owner });
    const apps = new PublishedApps(h.ctx);
    await h.ctx.storage.write(async (tx) => {
      const published = await apps.get(tx, "crm");
      const record = (await tx.records(published.stored).get("deal", deal.id)) ?? {};
      const event = {
        tx,
        published,
        actor: systemActor(h.ctx),
        entity: "deal",
        record: { ...record, stage: "won" },
        old: record,
        depth: 0,
        requestId: null,
      };
      for (const hook of h.ctx.hooks.afterWrite) {
        await hook({ ...event, kind: "transition", workflow: "pipeline", transition: "lose" });
        await hook({ ...event, kind: "transition", workflow: "pipeline", transition: "win" });
      }
    });
    expect(await inboxOf(owner)).toHaveLength(1);
  });

  it("stop a self-retriggering chain at the depth limit, audited, and the user's write succeeds", async () => {
    h = await startHarness();
    await publish(
      h,
      crmApp([
        {
          id: "bump",
          entity: "deal",
          trigger: { kind: "update" },
          actions: [{ kind: "setFields", values: { bumps: "IF(ISBLANK(bumps), 1, bumps + 1)" } }],
        },
      ]),
    );
    const deal = await createDeal({ name: "D", amount: 1 });
    const res = await h.admin.request("PATCH", `/api/apps/crm/data/deal/${deal.id}`, {
      body: { amount: 2 },
      headers: { "if-match": `"${deal.version}"` },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ amount: 2, bumps: MAX_AUTOMATION_DEPTH });
    const exceeded = await h.audit("automation.depthExceeded");
    expect(exceeded).toHaveLength(1);
    expect(exceeded[0]?.diff).toMatchObject({
      chain: Array(MAX_AUTOMATION_DEPTH).fill("bump"),
      automations: ["bump"],
      depth: MAX_AUTOMATION_DEPTH,
    });
    expect(await h.audit("automation.run")).toHaveLength(MAX_AUTOMATION_DEPTH);
  });

  it("audit an action the record service refuses and keep the user's write", async () => {
    h = await startHarness();
    await publish(
      h,
      crmApp([
        {
          id: "bad",
          entity: "deal",
          trigger: { kind: "create" },
          actions: [{ kind: "setFields", values: { stage: "'nonsense'" } }],
        },
      ]),
    );
    const deal = await createDeal({ name: "D" });
    expect(await readDeal(deal.id)).toMatchObject({ name: "D", stage: "open" });
    const failed = await h.audit("automation.failed");
    expect(failed[0]?.diff).toMatchObject({ automation: "bad", kind: "setFields", effect: 0 });
  });

  it("compile automations once per published version", async () => {
    h = await startHarness();
    await publish(h, crmApp([]));
    const apps = new PublishedApps(h.ctx);
    const schema = await h.ctx.storage.read(async (tx) => (await apps.get(tx, "crm")).stored.schema);
    expect(automationsOf(h.ctx, schema)).toBe(automationsOf(h.ctx, schema));
  });
});
