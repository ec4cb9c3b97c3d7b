import { describe, expect, it } from "vitest";
import { validateApp } from "../src/runtime.js";
import { salesApp } from "./fixtures/salesApp.js";

type Doc = ReturnType<typeof salesApp> & Record<string, unknown>;

/** Validate a variant of the fixture app produced by `edit`. */
function validateVariant(edit: (doc: Doc) => void) {
  const doc = structuredClone(salesApp()) as Doc;
  edit(doc);
  return validateApp(doc);
}

function codes(result: ReturnType<typeof validateApp>) {
  return result.issues.map((i) => `${i.code} ${i.path}`);
}

describe("validateApp", () => {
  it("accepts the complete fixture app", () => {
    const result = validateApp(salesApp());
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.app?.id).toBe("sales");
  });

  it("gives every issue a code, a JSON Pointer and messages in both languages", () => {
    const result = validateVariant((d) => {
      d.entities[1]!.fields[2] = { id: "account", kind: "relation", target: "acount" } as never;
    });
    expect(result.ok).toBe(false);
    const issue = result.issues.find((i) => i.code === "schema.unknownReference");
    expect(issue?.path).toBe("/entities/1/fields/2/target");
    expect(issue?.message.en).toContain("Did you mean 'account'?");
    expect(issue?.message["zh-CN"]).toContain("account");
  });

  describe("structure", () => {
    it("reports one precise error for an unknown field kind (discriminator)", () => {
      const result = validateVariant((d) => {
        (d.entities[0]!.fields as unknown[]).push({ id: "x", kind: "txet" });
      });
      expect(codes(result)).toEqual(["schema.unknownKind /entities/0/fields/5/kind"]);
      expect(result.issues[0]?.message.en).toContain("text");
    });

    it("reports one precise error for a bad nested layout node", () => {
      const result = validateVariant((d) => {
        const form = d.pages[1] as { layout: { children: unknown[] } };
        form.layout.children.push({ kind: "field", field: "name", colour: "red" });
      });
      expect(codes(result)).toEqual(["schema.unknownProperty /pages/1/layout/children/4/colour"]);
    });

    it("reports missing required properties and bad ids", () => {
      const result = validateVariant((d) => {
        (d.entities[0]!.fields as unknown[]).push({ kind: "text" }, { id: "1bad", kind: "text" });
      });
      expect(codes(result)).toEqual([
        "schema.required /entities/0/fields/5",
        "schema.invalidId /entities/0/fields/6/id",
      ]);
    });

    it("explains a label that is neither text nor a locale object", () => {
      const result = validateVariant((d) => {
        (d as Record<string, unknown>).label = { fr: "Ventes" };
      });
      expect(codes(result)).toEqual(["schema.invalidLabel /label"]);
    });

    it("requires schemaVersion 1 and a semver version", () => {
      expect(codes(validateVariant((d) => Object.assign(d, { schemaVersion: 2 })))).toEqual([
        "schema.unsupportedVersion /schemaVersion",
      ]);
      expect(codes(validateVariant((d) => Object.assign(d, { version: "1.2" })))).toEqual(["schema.pattern /version"]);
    });
  });

  describe("meaning", () => {
    it("finds duplicate ids, ignoring case because ids become SQL columns", () => {
      const result = validateVariant((d) => {
        (d.entities[0]!.fields as unknown[]).push({ id: "Name", kind: "text" });
      });
      expect(codes(result)).toContain("schema.duplicateId /entities/0/fields/5/id");
    });

    it("refuses reserved ids", () => {
      const result = validateVariant((d) => {
        (d.entities[0]!.fields as unknown[]).push(
          { id: "constructor", kind: "text" },
          { id: "createdAt", kind: "date" },
        );
      });
      expect(codes(result)).toEqual(
        expect.arrayContaining([
          "schema.reservedId /entities/0/fields/5/id",
          "schema.reservedId /entities/0/fields/6/id",
        ]),
      );
    });

    it("refuses rollups that do not go through a relation to this entity", () => {
      const result = validateVariant((d) => {
        (d.entities[0]!.fields as unknown[]).push({
          id: "bad_rollup",
          kind: "rollup",
          from: "opportunity",
          via: "name",
          aggregate: "count",
        });
      });
      expect(codes(result)).toContain("schema.rollupNotRelation /entities/0/fields/5/via");
    });

    it("finds unknown roles, fields, pages and workflows", () => {
      const result = validateVariant((d) => {
        d.permissions[0]!.role = "reps";
        (d.permissions[0] as { hiddenFields?: string[] }).hiddenFields = ["amont"];
        d.navigation[0] = { kind: "page", page: "nope" };
        (d.pages[6] as { workflows: string[] }).workflows = ["big_deal_aproval"];
      });
      expect(codes(result)).toEqual(
        expect.arrayContaining([
          "schema.unknownReference /permissions/0/role",
          "schema.unknownReference /permissions/0/hiddenFields/0",
          "schema.unknownReference /navigation/0/page",
          "schema.unknownReference /pages/6/workflows/0",
        ]),
      );
    });

    it("type-checks formulas and points at the formula with line and column", () => {
      const result = validateVariant((d) => {
        d.entities[1]!.rules![0]!.invalidWhen = "stage = 'lots' AND ISBLANK(lost_reason)";
        d.permissions[0]!.rowScope = "ownr = $user.id";
      });
      const option = result.issues.find((i) => i.path === "/entities/1/rules/0/invalidWhen");
      expect(option?.code).toBe("formula.unknownOption");
      expect(option?.params).toMatchObject({ line: 1, column: 9 });
      const field = result.issues.find((i) => i.path === "/permissions/0/rowScope");
      expect(field?.code).toBe("formula.unknownField");
      expect(field?.message.en).toContain("owner");
    });

    it("refuses row scopes and filters that cannot run in the database", () => {
      const result = validateVariant((d) => {
        d.permissions[0]!.rowScope = "VALUE(name) > 3";
      });
      expect(codes(result)).toEqual(["formula.notInSql /permissions/0/rowScope"]);
    });

    it("requires conditions to be TRUE/FALSE formulas", () => {
      const result = validateVariant((d) => {
        d.entities[1]!.rules![0]!.invalidWhen = "amount * 2";
      });
      expect(codes(result)).toEqual(["formula.expectedType /entities/1/rules/0/invalidWhen"]);
    });

    it("checks values assigned by effects against the target field", () => {
      const result = validateVariant((d) => {
        const states = (d.workflows[0] as { states: Array<{ onEnter?: Array<{ values: Record<string, string> }> }> })
          .states;
        states[0]!.onEnter![0]!.values.probability = "'high'";
      });
      expect(codes(result)).toEqual(["schema.valueTypeMismatch /workflows/0/states/0/onEnter/0/values/probability"]);
    });

    it("finds circles of formula fields", () => {
      const result = validateVariant((d) => {
        (d.entities[1]!.fields as unknown[]).push(
          { id: "a", kind: "formula", expression: "b + 1" },
          { id: "b", kind: "formula", expression: "a + 1" },
        );
      });
      expect(result.issues.map((i) => i.code)).toContain("schema.formulaCycle");
    });

    it("finds unreachable states and dead ends", () => {
      const result = validateVariant((d) => {
        const wf = d.workflows[0] as { transitions: Array<{ id: string; from: string[] | "*"; to: string }> };
        wf.transitions = wf.transitions.filter((t) => t.id !== "negotiate" && t.id !== "lose");
      });
      expect(codes(result)).toEqual(
        expect.arrayContaining([
          "workflow.unreachableState /workflows/0/states/1",
          "workflow.unreachableState /workflows/0/states/2",
          "workflow.deadEnd /workflows/0/states/0",
        ]),
      );
    });

    it("finds workflow states that are not options of the field", () => {
      const result = validateVariant((d) => {
        (d.workflows[0] as { transitions: Array<{ to: string }> }).transitions[0]!.to = "negotiating";
      });
      expect(codes(result)).toContain("workflow.unknownState /workflows/0/transitions/0/to");
    });

    it("types $user attributes: built-in ones and those the app declares", () => {
      const ok = validateVariant((d) => {
        (d.settings as Record<string, unknown>).userAttributes = [{ id: "level", kind: "number" }];
        d.permissions[0]!.rowScope = "owner = $user.id OR ($user.level >= 3 AND owner = $user.manager)";
      });
      expect(ok.issues.filter((i) => i.severity === "error")).toEqual([]);
      const bad = validateVariant((d) => {
        d.permissions[0]!.rowScope = "$user.level >= 3";
      });
      expect(codes(bad)).toEqual(["formula.unknownVariable /permissions/0/rowScope"]);
    });

    it("checks automation triggers: cron expressions, date fields, workflows", () => {
      const result = validateVariant((d) => {
        (d as { automations: unknown[] }).automations.push(
          {
            id: "nightly",
            entity: "opportunity",
            trigger: { kind: "cron", expression: "0 25 * * *" },
            actions: [{ kind: "notify", to: { kind: "role", role: "manager" }, message: "x" }],
          },
          {
            id: "later",
            entity: "opportunity",
            trigger: { kind: "dateOffset", field: "name", days: 3 },
            actions: [{ kind: "notify", to: { kind: "role", role: "manager" }, message: "x" }],
          },
          {
            id: "won",
            entity: "account",
            trigger: { kind: "transition", workflow: "opportunity_stage", transition: "win" },
            actions: [{ kind: "notify", to: { kind: "role", role: "manager" }, message: "x" }],
          },
        );
      });
      expect(codes(result)).toEqual(
        expect.arrayContaining([
          "automation.invalidCron /automations/1/trigger/expression",
          "schema.wrongFieldKind /automations/2/trigger/field",
          "schema.wrongFieldKind /automations/3/trigger/workflow",
        ]),
      );
    });

    it("finds role inheritance circles", () => {
      const result = validateVariant((d) => {
        (d.roles[0] as { inherits?: string[] }).inherits = ["manager"];
      });
      expect(result.issues.map((i) => i.code)).toContain("schema.roleCycle");
    });
  });
});
