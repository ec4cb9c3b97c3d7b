import type { App } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { salesApp } from "../../../../runtime/test/fixtures/salesApp.js";
import { isDestructiveStep, planOf, stepText } from "./planText.js";
import { changeText, schemaDiff } from "./schemaDiff.js";

describe("plan steps in words", () => {
  it("names tables, columns, renames, conversions and the rows a drop loses, in both languages", () => {
    const drop = { kind: "dropColumn", entity: "deal", field: "notes", rows: 42 };
    expect(stepText(drop, "en")).toBe("Drop the column deal.notes and its 42 values");
    expect(stepText(drop, "zh-CN")).toBe("删除列 deal.notes 及其 42 个值");
    expect(stepText({ kind: "dropTable", entity: "deal", rows: 7 }, "en")).toContain("7 records");
    expect(stepText({ kind: "renameColumn", entity: "deal", from: "amt", to: "amount" }, "en")).toBe(
      "Rename deal.amt to amount, keeping its values",
    );
    expect(stepText({ kind: "addColumn", entity: "deal", column: { field: "x", type: "real" } }, "en")).toBe(
      "Add the column deal.x (real)",
    );
    const lossy = { kind: "changeType", entity: "deal", field: "n", from: "text", to: "real", lossy: true, rows: 3 };
    expect(stepText(lossy, "en")).toContain("3 values may be lost");
    expect(isDestructiveStep(lossy)).toBe(true);
    expect(isDestructiveStep({ ...lossy, lossy: false })).toBe(false);
    expect(isDestructiveStep({ kind: "createTable", entity: "x", columns: [] })).toBe(false);
  });

  it("reads a plan from a publish answer or a 409's details", () => {
    expect(planOf({ plan: { steps: [{ kind: "dropTable", entity: "x", rows: 1 }] } })?.destructive).toBe(true);
    expect(planOf({ plan: { steps: [], destructive: false } })).toEqual({ steps: [], destructive: false });
    expect(planOf({})).toBeUndefined();
  });
});

describe("schemaDiff", () => {
  it("lists entities, fields, pages and workflows added, removed and changed", () => {
    const before = salesApp() as unknown as App;
    const after = structuredClone(before) as App;
    const opp = after.entities?.find((e) => e.id === "opportunity");
    if (!opp) throw new Error("fixture");
    opp.fields = opp.fields.filter((f) => f.id !== "notes");
    opp.fields.push({ id: "score", kind: "number" } as never);
    (opp.fields.find((f) => f.id === "amount") as { label?: string }).label = "Deal size";
    after.entities?.push({ id: "lead", fields: [{ id: "name", kind: "text" }] } as never);
    after.pages = after.pages?.slice(1);
    after.version = "2.0.0";
    const texts = schemaDiff(before, after).map((c) => changeText(c, "en"));
    expect(texts).toEqual(
      expect.arrayContaining([
        `App settings ${after.id} changed: version`,
        "Field opportunity.notes removed",
        "Field opportunity.score added",
        "Field opportunity.amount changed: label",
        "Entity lead added",
        `Page ${before.pages?.[0]?.id} removed`,
      ]),
    );
    expect(texts.some((x) => x.startsWith("Entity opportunity"))).toBe(false);
    expect(schemaDiff(before, before)).toEqual([]);
    expect(changeText({ change: "added", what: "field", id: "a.b" }, "zh-CN")).toBe("字段 a.b 已添加");
  });
});
