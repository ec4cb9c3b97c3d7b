import { describe, expect, it } from "vitest";
import { lintBaseApp } from "../../test/fixtures/lintApp.js";
import type { Field } from "../fields/index.js";
import { createRuntime } from "../runtime.js";
import type { App, Entity, Page, Permission } from "../schema/types.js";
import { lintApp } from "./lint.js";
import type { LintConfig, LintFinding } from "./lint.types.js";
import { createLintRules, standardLintRules } from "./registry.js";

const runtime = createRuntime();
const L = (en: string, zh: string) => ({ en, "zh-CN": zh });

/** Lint the base app after `mutate`, checking first that the mutated app is still valid. */
function lint(mutate: (app: App) => void = () => {}, config?: LintConfig): LintFinding[] {
  const app = lintBaseApp() as App;
  mutate(app);
  const result = runtime.validateApp(app);
  expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
  return lintApp(result.app!, config, { functions: runtime.functions });
}
const only = (findings: readonly LintFinding[], rule: string) => findings.filter((f) => f.rule === rule);
const entity = (app: App, id: string): Entity => app.entities!.find((e) => e.id === id)!;
const page = (app: App, id: string): Page => app.pages!.find((p) => p.id === id)!;
const addField = (app: App, entityId: string, field: Field) => entity(app, entityId).fields.push(field);
const grant = (app: App, p: Permission) => app.permissions!.push(p);

describe("lintApp on the base fixture", () => {
  it("finds nothing: it is every rule's passing fixture", () => {
    expect(lint()).toEqual([]);
  });

  it("returns findings with a rule id, severity, pointer, params and messages and hints in both languages", () => {
    const [finding] = lint((app) => {
      delete (app.workflows![1] as { steps: Array<{ sla?: unknown }> }).steps[0]!.sla;
    });
    expect(finding).toMatchObject({
      rule: "quality/approval-without-sla",
      severity: "warning",
      path: "/workflows/1/steps/0",
      params: { workflow: "big_deal", step: "mgr" },
    });
    expect(finding!.message.en).toContain("Step 'mgr' of approval 'big_deal' has no SLA");
    expect(finding!.message["zh-CN"]).toContain("审批“big_deal”的步骤“mgr”没有 SLA");
    expect(finding!.hint.en).toContain('"sla"');
    expect(finding!.hint["zh-CN"]).toContain("sla");
  });
});

describe("security/entity-without-permissions", () => {
  const note = (app: App) =>
    app.entities!.push({
      id: "note",
      label: L("Note", "备注"),
      fields: [{ id: "text", kind: "text", label: L("Text", "文本") }],
    });

  it("fails on an entity no grant names", () => {
    const found = only(lint(note), "security/entity-without-permissions");
    expect(found).toMatchObject([{ severity: "error", path: "/entities/2", params: { entity: "note" } }]);
    expect(found[0]!.message.en).toContain("no role can read or change");
  });

  it("fails when the entity's grants let nobody read", () => {
    const found = lint((app) => {
      note(app);
      grant(app, { role: "rep", entity: "note", actions: ["create"] });
    });
    expect(only(found, "security/entity-without-permissions")).toMatchObject([{ path: "/entities/2" }]);
    expect(only(found, "security/entity-without-permissions")[0]!.message.en).toContain("none lets any role read");
  });

  it("passes once a role may read it (a grant for every entity counts)", () => {
    const found = lint((app) => {
      note(app);
      grant(app, { role: "rep", entity: "note", actions: ["read"], rowScope: "createdBy = $user.id" });
    });
    expect(only(found, "security/entity-without-permissions")).toEqual([]);
    const everything = lint((app) => {
      note(app);
      grant(app, { role: "auditor", entity: "*", actions: ["read"] });
    });
    expect(only(everything, "security/entity-without-permissions")).toEqual([]);
  });
});

describe("security/delete-everything", () => {
  const adminDeletes = (app: App) => grant(app, { role: "auditor", entity: "*", actions: ["delete"] });

  it("fails on a delete grant without a row scope, once per role, at the grant", () => {
    const found = only(lint(adminDeletes), "security/delete-everything");
    expect(found).toMatchObject([
      { severity: "warning", path: "/permissions/6", params: { role: "auditor", entities: ["account", "deal"] } },
    ]);
    expect(found[0]!.message.en).toBe(
      "Role 'auditor' can delete every record of 'account' and 'deal': its delete grant has no row scope.",
    );
  });

  it("passes for scoped deletes, append-only entities and roles in allowRoles", () => {
    expect(only(lint(), "security/delete-everything")).toEqual([]);
    const ledger = lint((app) => {
      adminDeletes(app);
      entity(app, "account").appendOnly = true;
    });
    expect(only(ledger, "security/delete-everything")).toMatchObject([{ params: { entities: ["deal"] } }]);
    const allowed = lint(adminDeletes, {
      rules: { "security/delete-everything": ["warning", { allowRoles: ["auditor"] }] },
    });
    expect(only(allowed, "security/delete-everything")).toEqual([]);
  });
});

describe("security/export-without-row-scope", () => {
  it("fails on an export grant without a row scope, also through role inheritance", () => {
    const found = lint((app) => {
      app.roles!.push({ id: "lead_rep", label: L("Lead rep", "资深代表"), inherits: ["rep"] });
      grant(app, { role: "rep", entity: "account", actions: ["export"] });
    });
    expect(only(found, "security/export-without-row-scope").map((f) => f.params.role)).toEqual(["rep", "lead_rep"]);
  });

  it("passes when the export is scoped", () => {
    const found = lint((app) =>
      grant(app, { role: "rep", entity: "deal", actions: ["export"], rowScope: "owner = $user.id" }),
    );
    expect(only(found, "security/export-without-row-scope")).toEqual([]);
  });
});

describe("security/exposed-hidden-field", () => {
  const marginPct = (hidden: boolean) => (app: App) => {
    addField(app, "deal", {
      id: "margin_pct",
      kind: "formula",
      label: L("Margin %", "毛利率"),
      expression: "margin / amount * 100",
    });
    const detail = page(app, "deal_detail") as { layout: { children: unknown[] } };
    detail.layout.children.push({ kind: "field", field: "margin_pct" });
    if (hidden) app.permissions![1]!.hiddenFields = ["margin", "margin_pct"];
  };

  it("fails on a formula field a role can read that reads a field hidden from it", () => {
    const found = only(lint(marginPct(false)), "security/exposed-hidden-field");
    expect(found).toMatchObject([
      { severity: "error", path: "/entities/1/fields/7/expression", params: { source: "deal.margin", roles: ["rep"] } },
    ]);
  });

  it("passes when the formula is hidden from the same roles", () => {
    expect(only(lint(marginPct(true)), "security/exposed-hidden-field")).toEqual([]);
  });

  it("fails on a rollup and on an automation that copy a hidden field into a readable one", () => {
    const found = lint((app) => {
      addField(app, "account", {
        id: "margin_total",
        kind: "rollup",
        label: L("Margin total", "毛利合计"),
        from: "deal",
        via: "account",
        aggregate: "sum",
        field: "margin",
      });
      addField(app, "deal", { id: "note", kind: "text", label: L("Note", "备注") });
      (page(app, "deal_form") as { layout: { children: unknown[] } }).layout.children.push({
        kind: "field",
        field: "note",
      });
      app.automations = [
        {
          id: "copy",
          label: L("Copy", "复制"),
          entity: "deal",
          trigger: { kind: "update" },
          actions: [{ kind: "setFields", values: { note: "TEXT(margin)" } }],
        },
      ];
    });
    expect(only(found, "security/exposed-hidden-field").map((f) => [f.path, f.params.source])).toEqual([
      ["/entities/0/fields/3", "deal.margin"],
      ["/automations/0/actions/0/values/note", "deal.margin"],
    ]);
  });

  it("fails on a dashboard whose audience includes a role the measured field is hidden from", () => {
    const found = lint((app) => {
      page(app, "board").roles = ["manager", "rep"];
    });
    expect(only(found, "security/exposed-hidden-field")).toMatchObject([
      { path: "/pages/3/widgets/0", params: { widget: "won", source: "deal.margin", roles: ["rep"] } },
    ]);
  });
});

describe("security/webhook-host", () => {
  const hook = (url: string) => (app: App) => {
    app.automations = [
      {
        id: "notify_erp",
        label: L("Tell the ERP", "通知 ERP"),
        entity: "deal",
        trigger: { kind: "create" },
        actions: [{ kind: "webhook", url, body: { name: "name" } }],
      },
    ];
  };

  it("fails on a host outside allowHosts (and on every host when there is no allow-list)", () => {
    const found = lint(hook("https://collector.evil.example/in"), { allowHosts: ["erp.example.com"] });
    expect(only(found, "security/webhook-host")).toMatchObject([
      { severity: "error", path: "/automations/0/actions/0/url", params: { host: "collector.evil.example" } },
    ]);
    expect(only(lint(hook("https://erp.example.com/in")), "security/webhook-host")).toHaveLength(1);
  });

  it("passes for an allowed host or a subdomain of a wildcard entry", () => {
    expect(
      only(lint(hook("https://erp.example.com/in"), { allowHosts: ["erp.example.com"] }), "security/webhook-host"),
    ).toEqual([]);
    expect(
      only(lint(hook("https://a.erp.example.com/in"), { allowHosts: ["*.example.com"] }), "security/webhook-host"),
    ).toEqual([]);
    expect(
      only(lint(hook("https://example.com.evil.io/in"), { allowHosts: ["*.example.com"] }), "security/webhook-host"),
    ).toHaveLength(1);
  });
});

describe("security/demo-credentials", () => {
  const allowHosts = ["hooks.example.com"];
  it("fails on demo-like fixed users, credentials in a webhook and a default on a password-like field", () => {
    const found = lint(
      (app) => {
        const step = (app.workflows![1] as { steps: Array<{ approvers: unknown }> }).steps[0]!;
        step.approvers = { kind: "users", users: ["demo", "u_7f3a"] };
        app.automations = [
          {
            id: "hook",
            label: L("Hook", "钩子"),
            entity: "deal",
            trigger: { kind: "create" },
            actions: [
              {
                kind: "webhook",
                url: "https://bot:hunter2@hooks.example.com/in?api_key=abc",
                body: { token: "'s3cret'" },
              },
            ],
          },
        ];
        addField(app, "deal", {
          id: "api_token",
          kind: "text",
          label: L("API token", "接口令牌"),
          default: "changeme",
        });
        (page(app, "deal_form") as { layout: { children: unknown[] } }).layout.children.push({
          kind: "field",
          field: "api_token",
        });
      },
      { allowHosts },
    );
    expect(only(found, "security/demo-credentials").map((f) => [f.path, f.params])).toEqual([
      ["/workflows/1/steps/0/approvers/users/0", { user: "demo" }],
      ["/automations/0/actions/0/url", { what: "user:password@, ?api_key=" }],
      ["/automations/0/actions/0/body/token", { name: "token" }],
      ["/entities/1/fields/7/default", { entity: "deal", field: "api_token" }],
    ]);
  });

  it("passes on real fixed users, secrets computed from fields, extra demo users only when listed, and off for a demo app", () => {
    const users = (list: string[]) => (app: App) => {
      const step = (app.workflows![1] as { steps: Array<{ approvers: unknown }> }).steps[0]!;
      step.approvers = { kind: "users", users: list };
    };
    expect(only(lint(users(["u_7f3a", "zhang_wei"])), "security/demo-credentials")).toEqual([]);
    const listed = { rules: { "security/demo-credentials": ["error", { users: ["zhang_wei"] }] } } as const;
    expect(only(lint(users(["zhang_wei"]), listed), "security/demo-credentials")).toHaveLength(1);
    const off = { rules: { "security/demo-credentials": "off" } } as const;
    expect(only(lint(users(["demo"]), off), "security/demo-credentials")).toEqual([]);
  });
});

describe("quality/unused-field", () => {
  it("fails on a field of a designed entity that nothing uses", () => {
    const found = lint((app) =>
      addField(app, "deal", { id: "legacy_code", kind: "text", label: L("Legacy", "旧编码") }),
    );
    expect(only(found, "quality/unused-field")).toMatchObject([
      { severity: "warning", path: "/entities/1/fields/7", params: { entity: "deal", field: "legacy_code" } },
    ]);
  });

  it("passes once a page shows it, and on entities without form and detail pages (generated pages show every field)", () => {
    const shown = lint((app) => {
      addField(app, "deal", { id: "legacy_code", kind: "text", label: L("Legacy", "旧编码") });
      (page(app, "deal_detail") as { layout: { children: unknown[] } }).layout.children.push({
        kind: "field",
        field: "legacy_code",
      });
    });
    expect(only(shown, "quality/unused-field")).toEqual([]);
    const generated = lint((app) =>
      addField(app, "account", { id: "legacy_code", kind: "text", label: L("Legacy", "旧编码") }),
    );
    expect(only(generated, "quality/unused-field")).toEqual([]);
  });
});

describe("quality/unreachable-state", () => {
  type Machine = { transitions: Array<{ roles?: string[]; guard?: string }> };
  it("fails when only a role that may not update the entity can take the way in", () => {
    const found = lint((app) => {
      (app.workflows![0] as Machine).transitions[0]!.roles = ["auditor"];
    });
    expect(only(found, "quality/unreachable-state")).toMatchObject([
      { severity: "warning", path: "/workflows/0/states/1", params: { state: "won", workflow: "pipeline" } },
    ]);
  });

  it("fails when the way in is guarded by FALSE, and passes when an effect takes it or writes the state", () => {
    const guarded = (app: App) => {
      (app.workflows![0] as Machine).transitions[1]!.guard = "FALSE";
    };
    expect(only(lint(guarded), "quality/unreachable-state")).toMatchObject([{ params: { state: "lost" } }]);
    const byEffect = lint((app) => {
      guarded(app);
      (app.workflows![1] as { onReject?: unknown[] }).onReject = [
        { kind: "transition", workflow: "pipeline", transition: "lose" },
      ];
    });
    expect(only(byEffect, "quality/unreachable-state")).toEqual([]);
    const written = lint((app) => {
      guarded(app);
      (app.workflows![1] as { onReject?: unknown[] }).onReject = [{ kind: "setFields", values: { stage: "'lost'" } }];
    });
    expect(only(written, "quality/unreachable-state")).toEqual([]);
  });
});

describe("quality/approval-without-sla", () => {
  it("fails on a step without an SLA and passes with one", () => {
    const found = lint((app) => {
      delete (app.workflows![1] as { steps: Array<{ sla?: unknown }> }).steps[0]!.sla;
    });
    expect(only(found, "quality/approval-without-sla")).toHaveLength(1);
    expect(only(lint(), "quality/approval-without-sla")).toEqual([]);
  });
});

describe("quality/page-hidden-field", () => {
  const children = (app: App, id: string) => (page(app, id) as { layout: { children: unknown[] } }).layout.children;

  it("fails on a field hidden from part of the page's audience", () => {
    const found = lint((app) => children(app, "deal_form").push({ kind: "field", field: "margin" }));
    expect(only(found, "quality/page-hidden-field")).toMatchObject([
      { path: "/pages/1/layout/children/5/field", params: { source: "deal.margin", roles: ["rep"] } },
    ]);
  });

  it("fails on a field marked hidden, one inside a part never visible, and a page for a role that cannot read its entity", () => {
    const found = lint((app) => {
      entity(app, "deal").fields.find((f) => f.id === "expected")!.hidden = true;
      children(app, "deal_form").push({
        kind: "section",
        visibleWhen: "FALSE",
        children: [{ kind: "field", field: "amount" }],
      });
      page(app, "deals").roles = ["rep", "manager"];
      app.permissions!.splice(1, 1);
    });
    expect(only(found, "quality/page-hidden-field").map((f) => [f.path, f.params.source ?? f.params.entity])).toEqual([
      ["/pages/0/roles", "deal"],
      ["/pages/1/layout/children/5/children/0/field", "deal.amount"],
      ["/pages/2/layout/children/2/field", "deal.expected"],
    ]);
  });

  it("passes when the field is on a page only roles that may read it see", () => {
    expect(only(lint(), "quality/page-hidden-field")).toEqual([]);
  });
});

describe("quality/missing-translation", () => {
  it("fails on one-language text, a missing locale and a missing label", () => {
    const found = lint((app) => {
      entity(app, "deal").label = "Deal";
      app.roles![0]!.label = { en: "Sales rep" };
      delete entity(app, "account").fields[0]!.label;
    });
    expect(only(found, "quality/missing-translation").map((f) => [f.path, f.message.en])).toEqual([
      ["/roles/0/label", "This label has no zh-CN text."],
      ["/entities/1/label", "This label is one text ('Deal') for every language."],
      ["/entities/0/fields/0", "Field 'account.name' has no label: people see its id."],
    ]);
  });

  it("passes with both locales, or with only the locales the option asks for", () => {
    const enOnly = { rules: { "quality/missing-translation": ["warning", { locales: ["en"] }] } } as const;
    const found = lint((app) => {
      app.roles![0]!.label = { en: "Sales rep" };
    }, enOnly);
    expect(only(found, "quality/missing-translation")).toEqual([]);
  });
});

describe("performance/unindexed-filter", () => {
  it("fails on a list filter and a row scope on columns that will not be indexed", () => {
    const found = lint((app) => {
      (page(app, "deals") as { filter?: string }).filter = "amount > 1000";
      app.permissions![3]!.rowScope = "account.name = $user.team";
    });
    expect(only(found, "performance/unindexed-filter").map((f) => [f.path, f.message.en])).toEqual([
      [
        "/permissions/3/rowScope",
        "This row scope reads 'account.name', which will not be indexed: every list of these records scans the whole table for the role.",
      ],
      [
        "/pages/0/filter",
        "This filter reads 'deal.amount', which will not be indexed: on a large table every query scans it.",
      ],
    ]);
  });

  it("passes when the column is marked indexed (the same decision the server's storage makes)", () => {
    const found = lint((app) => {
      (page(app, "deals") as { filter?: string }).filter = "amount > 1000";
      entity(app, "deal").fields.find((f) => f.id === "amount")!.indexed = true;
    });
    expect(only(found, "performance/unindexed-filter")).toEqual([]);
  });
});

describe("performance/unfiltered-rollup", () => {
  it("fails on a rollup without a filter over a configured large entity, or an append-only one", () => {
    const configured = only(lint(undefined, { largeEntities: ["deal"] }), "performance/unfiltered-rollup");
    expect(configured).toMatchObject([
      { path: "/entities/0/fields/2", params: { from: "deal", reason: "listed in largeEntities" } },
    ]);
    const ledger = lint((app) => {
      entity(app, "deal").appendOnly = true;
    });
    expect(only(ledger, "performance/unfiltered-rollup")).toMatchObject([{ params: { from: "deal" } }]);
  });

  it("passes with a filter", () => {
    const found = lint(
      (app) => {
        (entity(app, "account").fields[2] as { filter?: string }).filter = "stage = 'won'";
      },
      { largeEntities: ["deal"] },
    );
    expect(only(found, "performance/unfiltered-rollup")).toEqual([]);
  });
});

describe("configuration", () => {
  it("sets a rule's severity, turns it off, and orders findings errors first", () => {
    const noSla = (app: App) => {
      delete (app.workflows![1] as { steps: Array<{ sla?: unknown }> }).steps[0]!.sla;
      app.roles![0]!.label = "Rep";
    };
    expect(lint(noSla).map((f) => f.severity)).toEqual(["warning", "warning"]);
    const raised = lint(noSla, {
      rules: { "quality/missing-translation": "error", "quality/approval-without-sla": "info" },
    });
    expect(raised.map((f) => [f.severity, f.rule])).toEqual([
      ["error", "quality/missing-translation"],
      ["info", "quality/approval-without-sla"],
    ]);
    expect(
      lint(noSla, { rules: { "quality/approval-without-sla": "off", "quality/missing-translation": "off" } }),
    ).toEqual([]);
  });

  it("lists every rule once, with a summary and hints in both languages", () => {
    expect(() => createLintRules([...standardLintRules, standardLintRules[0]!])).toThrow(/registered twice/);
    expect(standardLintRules.map((r) => r.id)).toEqual([
      "security/entity-without-permissions",
      "security/delete-everything",
      "security/export-without-row-scope",
      "security/exposed-hidden-field",
      "security/webhook-host",
      "security/demo-credentials",
      "quality/unused-field",
      "quality/unreachable-state",
      "quality/approval-without-sla",
      "quality/page-hidden-field",
      "quality/missing-translation",
      "performance/unindexed-filter",
      "performance/unfiltered-rollup",
    ]);
    for (const rule of standardLintRules) {
      expect(rule.summary["zh-CN"]).not.toBe("");
      for (const m of Object.values(rule.messages)) expect(m.hint["zh-CN"]).not.toBe("");
    }
  });
});
