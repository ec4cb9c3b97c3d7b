import { describe, expect, it } from "vitest";
import { validateApp } from "../runtime.js";
import type { App } from "../schema/types.js";
import { type AppChange, worstClass } from "./diff.types.js";
import { diffApps } from "./diffApps.js";

// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited as plain JSON at any depth
type Json = Record<string, any>;

/** A small sales app with one of everything the diff describes. */
function salesApp(): Json {
  return {
    schemaVersion: 1,
    id: "sales",
    version: "1.0.0",
    label: "Sales",
    roles: [{ id: "rep" }, { id: "manager" }, { id: "regional_manager" }, { id: "finance" }],
    entities: [
      { id: "account", label: "Account", titleField: "name", fields: [{ id: "name", kind: "text", required: true }] },
      {
        id: "deal",
        label: { en: "Deal", "zh-CN": "商机" },
        titleField: "title",
        fields: [
          { id: "title", kind: "text", required: true },
          { id: "account", kind: "relation", target: "account" },
          { id: "amount", kind: "number" },
          { id: "code", kind: "text" },
          { id: "region", kind: "select", options: [{ value: "east" }, { value: "west" }] },
          { id: "stage", kind: "select", options: [{ value: "open" }, { value: "won" }, { value: "lost" }] },
          { id: "doubled", kind: "formula", expression: "amount * 2" },
        ],
      },
    ],
    workflows: [
      {
        kind: "stateMachine",
        id: "stages",
        entity: "deal",
        field: "stage",
        initial: "open",
        states: [{ id: "open" }, { id: "won", final: true }, { id: "lost", final: true }],
        transitions: [
          { id: "win", from: ["open"], to: "won", roles: ["rep", "manager"] },
          { id: "lose", from: ["open"], to: "lost" },
        ],
      },
      {
        kind: "approval",
        id: "discount",
        entity: "deal",
        steps: [
          { id: "manager", approvers: { kind: "role", role: "manager" } },
          { id: "finance", approvers: { kind: "role", role: "regional_manager" }, sla: { hours: 24 } },
        ],
      },
    ],
    permissions: [
      { role: "rep", entity: "deal", actions: ["read", "create", "update"], hiddenFields: ["code"] },
      { role: "manager", entity: "*", actions: ["read", "update"], rowScope: "amount > 0" },
    ],
    automations: [
      {
        id: "welcome",
        entity: "deal",
        trigger: { kind: "create" },
        actions: [{ kind: "setFields", values: { code: "'D'" } }],
      },
    ],
    pages: [{ kind: "table", id: "deals", label: "Deals", entity: "deal", columns: [{ field: "title" }] }],
  };
}

function valid(doc: Json): App {
  const result = validateApp(doc);
  if (!result.app)
    throw new Error(
      JSON.stringify(
        result.issues.filter((i) => i.severity === "error"),
        null,
        2,
      ),
    );
  return result.app;
}

/** The diff between the sales app and a copy changed by `edit` (both must be valid). */
function diffAfter(edit: (app: Json) => void): AppChange[] {
  const after = salesApp();
  edit(after);
  return diffApps(valid(salesApp()), valid(after));
}

const brief = (changes: readonly AppChange[]) => changes.map((c) => [c.class, c.code, c.path, c.message.en]);
const deal = (app: Json) => app.entities[1] as Json;
const dealField = (app: Json, id: string) => deal(app).fields.find((f: Json) => f.id === id) as Json;

describe("diffApps", () => {
  it("finds nothing between an app and itself", () => {
    expect(diffApps(valid(salesApp()), valid(salesApp()))).toEqual([]);
  });

  it("says approver, kind and removed-field changes as the issue asks, with pointers and classes", () => {
    const changes = diffAfter((app) => {
      app.workflows[1].steps[1].approvers = { kind: "role", role: "finance" };
      dealField(app, "amount").kind = "currency";
      deal(app).fields = deal(app).fields.filter((f: Json) => f.id !== "region");
    });
    expect(brief(changes)).toEqual([
      [
        "breaking",
        "field.removed",
        "/entities/1/fields/4",
        "entity deal: field region removed: its stored values are dropped",
      ],
      ["compatible", "field.kindChanged", "/entities/1/fields/2/kind", "field deal.amount: number → currency"],
      ["compatible", "index.removed", "/entities/1/indexes", "entity deal: index on region removed"],
      [
        "compatible",
        "step.approversChanged",
        "/workflows/1/steps/1/approvers",
        "approval discount step 2 (finance): approver changed from role regional_manager to role finance",
      ],
    ]);
    expect(changes[0]?.in).toBe("old");
    expect(changes[3]?.message["zh-CN"]).toBe(
      "审批 discount 第 2 步（finance）：审批人由 角色 regional_manager 改为 角色 finance",
    );
    expect(worstClass(changes)).toBe("breaking");
  });

  it("classes kind changes by the storage plan: lossless needs a migration, lossy and computed ones break", () => {
    const changes = diffAfter((app) => {
      dealField(app, "amount").kind = "text";
      dealField(app, "code").kind = "number";
      app.automations[0].actions[0].values.code = "1";
      Object.assign(dealField(app, "doubled"), { resultType: "number", expression: "3" });
    });
    expect(changes.map((c) => [c.code, c.class, c.target])).toEqual([
      ["field.kindChanged", "needs-migration", "/entities/deal/fields/amount/kind"],
      ["field.kindChanged", "breaking", "/entities/deal/fields/code/kind"],
      ["field.storageChanged", "breaking", "/entities/deal/fields/doubled/resultType"],
      ["field.formulaChanged", "compatible", "/entities/deal/fields/doubled/expression"],
      ["automation.changed", "compatible", "/automations/welcome/actions"],
    ]);
    expect(changes[1]?.params).toMatchObject({ column: { from: "text", to: "real", lossy: true } });
    expect(changes[4]?.message.en).toMatch(/^automation welcome: actions \[.+\] → \[.+\]$/);
    const computed = diffAfter((app) => {
      Object.assign(dealField(app, "code"), { kind: "formula", expression: "title" });
    });
    expect(computed[0]).toMatchObject({ code: "field.kindChanged", class: "breaking" });
    expect(computed[0]?.message.en).toContain("clients can no longer write it");
  });

  it("reports entities added and removed, with the rows a counter gives", () => {
    const before = salesApp();
    before.entities.push({ id: "note", label: "Note", fields: [{ id: "text", kind: "text" }] });
    const after = salesApp();
    after.entities.push({ id: "quote", fields: [{ id: "total", kind: "currency" }] });
    const changes = diffApps(valid(before), valid(after), { counter: { rows: () => 12, nonBlank: () => 3 } });
    expect(brief(changes)).toEqual([
      ["compatible", "entity.added", "/entities/2", "entity quote: added with 1 fields"],
      ["breaking", "entity.removed", "/entities/2", "entity note: removed: its table and every record are dropped"],
    ]);
    expect(changes[1]?.params).toEqual({ rows: 12 });
  });

  it("tells widened from narrowed permissions, roles and transitions", () => {
    const changes = diffAfter((app) => {
      app.permissions[0].actions.push("delete");
      app.permissions[0].hiddenFields = [];
      app.permissions[1].actions = ["read"];
      delete app.permissions[1].rowScope;
      app.workflows[0].transitions[0].roles = ["manager"];
      delete app.workflows[0].transitions[1].roles;
      app.workflows[0].transitions[1].roles = ["finance"];
    });
    expect(brief(changes)).toEqual([
      ["compatible", "permission.widened", "/permissions/0", "permission of role rep on deal: may now delete"],
      ["compatible", "permission.widened", "/permissions/0", "permission of role rep on deal: code no longer hidden"],
      [
        "breaking",
        "permission.narrowed",
        "/permissions/1",
        "permission of role manager on every entity: may no longer update",
      ],
      [
        "compatible",
        "permission.widened",
        "/permissions/1",
        "permission of role manager on every entity: rows amount > 0 → TRUE",
      ],
      [
        "breaking",
        "transition.narrowed",
        "/workflows/0/transitions/0/roles",
        "workflow stages: transition win: roles rep, manager → manager",
      ],
      [
        "breaking",
        "transition.narrowed",
        "/workflows/0/transitions/1/roles",
        "workflow stages: transition lose: roles anyone → finance",
      ],
    ]);
    const moreScoped = diffAfter((app) => {
      app.permissions[0].rowScope = "amount > 100";
    });
    expect(moreScoped.map((c) => [c.code, c.class, c.message.en])).toEqual([
      ["index.added", "compatible", "entity deal: index added on amount"],
      ["permission.rowScopeChanged", "breaking", "permission of role rep on deal: rows TRUE → amount > 100"],
    ]);
  });

  it("removing a role, a permission, a state and a transition", () => {
    const changes = diffAfter((app) => {
      app.roles = app.roles.filter((r: Json) => r.id !== "finance");
      app.permissions.pop();
      dealField(app, "stage").options.pop();
      app.workflows[0].states.pop();
      app.workflows[0].transitions.pop();
    });
    expect(changes.map((c) => [c.code, c.class])).toEqual([
      ["field.optionsRemoved", "needs-migration"],
      ["role.removed", "breaking"],
      ["permission.removed", "breaking"],
      ["state.removed", "needs-migration"],
      ["transition.removed", "breaking"],
    ]);
    expect(changes[2]).toMatchObject({ in: "old", path: "/permissions/1" });
  });

  it("reports everything else through the id-addressed diff: pages, labels, new steps", () => {
    const changes = diffAfter((app) => {
      app.pages[0].label = { en: "All deals", "zh-CN": "全部商机" };
      app.pages.push({ kind: "table", id: "accounts", entity: "account", columns: [{ field: "name" }] });
      app.workflows[1].steps.push({ id: "cfo", approvers: { kind: "users", users: ["u_cfo"] } });
      app.settings = { currency: "CNY" };
      app.version = "1.1.0";
      app.locks = [{ target: "/workflows/discount/steps/finance" }];
    });
    expect(brief(changes)).toEqual([
      [
        "compatible",
        "step.added",
        "/workflows/1/steps/2",
        "approval discount step 3 (cfo): added, approved by users u_cfo",
      ],
      ["compatible", "app.changed", "/version", "app: version 1.0.0 → 1.1.0"],
      ["compatible", "app.changed", "/locks", 'app: locks (none) → [{"target":"/workflows/discount/steps/finance"}]'],
      ["compatible", "page.changed", "/pages/0/label", "page deals: label Deals → “All deals”"],
      ["compatible", "page.added", "/pages/1", "page accounts: added"],
      ["compatible", "app.changed", "/settings", 'app: settings (none) → {"currency":"CNY"}'],
    ]);
    expect(changes[3]?.message["zh-CN"]).toBe("页面 deals：label Deals → “全部商机”");
  });
});
