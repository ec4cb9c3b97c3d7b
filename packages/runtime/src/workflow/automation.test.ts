import { describe, expect, it } from "vitest";
import { salesApp } from "../../test/fixtures/salesApp.js";
import { userEnv } from "../access/env.js";
import { standardFunctions } from "../expr/functions/index.js";
import type { App, Automation } from "../schema/types.js";
import { compileAutomations } from "./automation.js";

const env = userEnv({ id: "u1", roles: ["rep"] }, "2026-06-01", "2026-06-01T09:00:00.000Z");
const deal = { id: "d1", name: "Deal", amount: 5000, close_date: "2026-07-01", stage: "prospecting", owner: "u1" };
const note = (text: string) => ({
  kind: "notify" as const,
  to: { kind: "userField" as const, field: "owner" },
  message: text,
});

function appWith(automations: Automation[]): App {
  return { ...salesApp(), automations } as App;
}

function compiled(...automations: Automation[]) {
  return compileAutomations(appWith(automations), { functions: standardFunctions });
}

describe("compileAutomations", () => {
  it("fires create automations whose condition holds, with effects evaluated on the new record", () => {
    const automations = compiled({
      id: "big",
      entity: "opportunity",
      trigger: { kind: "create" },
      condition: "amount > 1000",
      actions: [{ kind: "setFields", values: { probability: "amount / 100" } }, note("hi")],
    });
    expect(automations.onWrite({ kind: "create", entity: "opportunity", record: deal }, env)).toEqual([
      {
        automation: "big",
        ok: true,
        effects: [
          { kind: "setFields", values: { probability: 50 } },
          { kind: "notify", to: { kind: "userField", field: "owner" }, message: "hi" },
        ],
      },
    ]);
    expect(
      automations.onWrite({ kind: "create", entity: "opportunity", record: { ...deal, amount: 10 } }, env),
    ).toEqual([]);
    expect(automations.onWrite({ kind: "update", entity: "opportunity", record: deal, old: deal }, env)).toEqual([]);
    expect(automations.onWrite({ kind: "create", entity: "account", record: deal }, env)).toEqual([]);
  });

  it("treats a blank condition as FALSE and skips disabled automations", () => {
    const automations = compiled(
      {
        id: "blank",
        entity: "opportunity",
        trigger: { kind: "create" },
        condition: "amount > 1",
        actions: [note("x")],
      },
      { id: "off", entity: "opportunity", enabled: false, trigger: { kind: "create" }, actions: [note("x")] },
    );
    expect(automations.all.map((a) => a.id)).toEqual(["blank"]);
    expect(
      automations.onWrite({ kind: "create", entity: "opportunity", record: { ...deal, amount: null } }, env),
    ).toEqual([]);
  });

  it("fires update automations only when a listed field changed, with $old in the condition", () => {
    const automations = compiled({
      id: "raised",
      entity: "opportunity",
      trigger: { kind: "update", fields: ["amount"] },
      condition: "amount > $old.amount",
      actions: [note("raised")],
    });
    const fire = (old: Record<string, unknown>, record: Record<string, unknown>) =>
      automations.onWrite({ kind: "update", entity: "opportunity", record, old }, env).map((r) => r.automation);
    expect(fire(deal, { ...deal, amount: 6000 })).toEqual(["raised"]);
    expect(fire(deal, { ...deal, amount: 4000 })).toEqual([]);
    expect(fire(deal, { ...deal, name: "Renamed" })).toEqual([]);
  });

  it("fires becomesTrue on the write that turns the formula TRUE, not on later writes", () => {
    const automations = compiled({
      id: "turned",
      entity: "opportunity",
      trigger: { kind: "becomesTrue", formula: "amount >= 10000" },
      actions: [note("big now")],
    });
    const fire = (event: Parameters<typeof automations.onWrite>[0]) =>
      automations.onWrite(event, env).map((r) => r.automation);
    const big = { ...deal, amount: 20000 };
    expect(fire({ kind: "create", entity: "opportunity", record: big })).toEqual(["turned"]);
    expect(fire({ kind: "create", entity: "opportunity", record: deal })).toEqual([]);
    expect(fire({ kind: "update", entity: "opportunity", record: big, old: deal })).toEqual(["turned"]);
    expect(fire({ kind: "update", entity: "opportunity", record: { ...big, name: "x" }, old: big })).toEqual([]);
    expect(fire({ kind: "update", entity: "opportunity", record: big, old: { ...deal, amount: null } })).toEqual([
      "turned",
    ]);
    expect(fire({ kind: "delete", entity: "opportunity", record: big })).toEqual([]);
  });

  it("matches transition and approval triggers by workflow, transition and outcome", () => {
    const automations = compiled(
      {
        id: "anyMove",
        entity: "opportunity",
        trigger: { kind: "transition", workflow: "opportunity_stage" },
        actions: [note("moved")],
      },
      {
        id: "won",
        entity: "opportunity",
        trigger: { kind: "transition", workflow: "opportunity_stage", transition: "win" },
        actions: [note("won")],
      },
      {
        id: "approved",
        entity: "opportunity",
        trigger: { kind: "approval", workflow: "big_deal_approval", outcome: "approved" },
        actions: [note("approved")],
      },
    );
    const ids = (event: Parameters<typeof automations.onWrite>[0]) =>
      automations.onWrite(event, env).map((r) => r.automation);
    const base = { entity: "opportunity", record: deal, old: deal } as const;
    expect(ids({ ...base, kind: "transition", workflow: "opportunity_stage", transition: "win" })).toEqual([
      "anyMove",
      "won",
    ]);
    expect(ids({ ...base, kind: "transition", workflow: "opportunity_stage", transition: "lose" })).toEqual([
      "anyMove",
    ]);
    expect(ids({ ...base, kind: "approval", workflow: "big_deal_approval", outcome: "approved" })).toEqual([
      "approved",
    ]);
    expect(ids({ ...base, kind: "approval", workflow: "big_deal_approval", outcome: "rejected" })).toEqual([]);
  });

  it("reports a condition that cannot be evaluated as an issue, in both languages", () => {
    const automations = compiled({
      id: "broken",
      entity: "opportunity",
      trigger: { kind: "create" },
      condition: "amount * 2 > 1 AND account.region = 'east'",
      actions: [note("x")],
    });
    const [run] = automations.onWrite({ kind: "create", entity: "opportunity", record: { amount: "abc" } }, env);
    expect(run).toMatchObject({ automation: "broken", ok: false, issue: { code: "automation.conditionFailed" } });
    if (run?.ok !== false) return;
    expect(run.issue.message.en).toContain("'broken'");
    expect(run.issue.message["zh-CN"]).toContain("“broken”");
    expect(automations.get("broken")?.paths).toEqual([["account", "region"]]);
  });

  it("lists the scheduled automations with their next runs", () => {
    const automations = compiled(
      { id: "weekly", entity: "opportunity", trigger: { kind: "cron", expression: "0 9 * * 1" }, actions: [note("x")] },
      {
        id: "daily",
        entity: "opportunity",
        trigger: { kind: "schedule", every: "day", at: "08:30" },
        actions: [note("x")],
      },
      {
        id: "before",
        entity: "opportunity",
        trigger: { kind: "dateOffset", field: "close_date", days: -3 },
        actions: [note("x")],
      },
      { id: "onCreate", entity: "opportunity", trigger: { kind: "create" }, actions: [note("x")] },
    );
    expect(automations.scheduled().map((a) => a.id)).toEqual(["weekly", "daily", "before"]);
    expect(automations.get("weekly")?.next("2026-06-01T09:00:00.000Z")).toBe("2026-06-08T09:00:00.000Z");
    expect(automations.get("daily")?.next("2026-06-01T09:00:00.000Z")).toBe("2026-06-02T08:30:00.000Z");
    expect(automations.get("before")?.next("2026-06-01T09:00:00.000Z")).toBeUndefined();
  });

  it("compiles the match formula of a role recipient with $approver", () => {
    const automations = compiled({
      id: "regional",
      entity: "opportunity",
      trigger: { kind: "create" },
      actions: [
        { kind: "notify", to: { kind: "role", role: "finance", match: "$approver.region = 'east'" }, message: "x" },
      ],
    });
    const match = automations.get("regional")?.partyMatch("$approver.region = 'east'");
    expect(match?.evaluate(deal, { ...env, approver: { id: "f1", region: "east" } })).toEqual({
      ok: true,
      value: true,
    });
    expect(match?.evaluate(deal, { ...env, approver: { id: "f2", region: "west" } })).toEqual({
      ok: true,
      value: false,
    });
  });
});
