import { type App, validateApp } from "@plinth/runtime";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { type PlanStep, planMigration } from "../src/storage/plan.js";
import type { StoredApp } from "../src/storage/types.js";
import { testContext, testDatabase } from "./support/context.js";

function app(fields: unknown[], extra: Record<string, unknown> = {}): App {
  const doc = { schemaVersion: 1, id: "shop", version: "1.0.0", entities: [{ id: "item", fields }], ...extra };
  const result = validateApp(doc);
  if (!result.app) throw new Error(JSON.stringify(result.issues));
  return result.app;
}

const v1 = app([
  { id: "name", kind: "text", required: true },
  { id: "price", kind: "text" },
  { id: "colour", kind: "select", options: [{ value: "red" }, { value: "blue" }] },
  { id: "old", kind: "text" },
]);

const noCounts = { rows: async () => 0, nonBlank: async () => 0 };
const kinds = (steps: readonly PlanStep[]) =>
  steps.map((s) => `${s.kind}${"entity" in s ? `:${s.entity}` : ""}${"field" in s ? `.${s.field}` : ""}`);

describe("migration plans", () => {
  const contexts: Array<ReturnType<typeof testContext>> = [];
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.cleanup();
  });

  it("creates tables with indexes for a first publish", async () => {
    const plan = await planMigration(undefined, v1, {}, noCounts);
    expect(kinds(plan.steps)).toEqual(["createTable:item", "addIndex:item"]);
    expect(plan.destructive).toBe(false);
  });

  it("classifies additive, renamed, converted and destructive changes", async () => {
    const v2 = app([
      { id: "title", kind: "text", required: true },
      { id: "price", kind: "number" },
      { id: "colour", kind: "select", options: [{ value: "red" }] },
      { id: "stock", kind: "number", integer: true, indexed: true },
    ]);
    const plan = await planMigration(
      v1,
      v2,
      { fields: [{ entity: "item", from: "name", to: "title" }] },
      {
        rows: async () => 10,
        nonBlank: async (_e, f) => (f === "old" ? 3 : 7),
      },
    );
    expect(kinds(plan.steps)).toEqual([
      "renameColumn:item",
      "changeType:item.price",
      "addColumn:item",
      "dropColumn:item.old",
      "optionsRemoved:item.colour",
      "addIndex:item",
    ]);
    const change = plan.steps.find((s) => s.kind === "changeType");
    expect(change).toMatchObject({ from: "text", to: "real", lossy: true, rows: 7 });
    expect(plan.steps.find((s) => s.kind === "dropColumn")).toMatchObject({ rows: 3 });
    expect(plan.destructive).toBe(true);
  });

  it("applies a plan to a real SQLite file, converting values and keeping the rest", async () => {
    const ctx = testContext();
    contexts.push(ctx);
    const apply = (prev: App | undefined, next: App, renames = {}) =>
      ctx.storage.write(async (tx) => {
        const plan = await planMigration(prev, next, renames, noCounts);
        await tx.platform
          .insertApp({
            id: "shop",
            draft: next,
            draftRevision: 1,
            publishedVersion: null,
            createdAt: "",
            updatedAt: "",
          })
          .catch(() => undefined);
        return tx.platform.applyPlan("shop", plan, next);
      });
    const tables1 = await apply(undefined, v1);
    const stored1: StoredApp = { id: "shop", version: 1, schema: v1, tables: tables1 };
    await ctx.storage.write(async (tx) => {
      const records = tx.records(stored1);
      await records.insert("item", {
        id: "a",
        version: 1,
        createdAt: "t",
        updatedAt: "t",
        name: "Pen",
        price: "12.5",
        colour: "red",
        old: "x",
      });
      await records.insert("item", {
        id: "b",
        version: 1,
        createdAt: "t",
        updatedAt: "t",
        name: "Ink",
        price: "cheap",
        colour: "blue",
      });
    });
    const v2 = app([
      { id: "title", kind: "text", required: true },
      { id: "price", kind: "number" },
      { id: "colour", kind: "select", options: [{ value: "red" }, { value: "blue" }] },
    ]);
    const tables2 = await apply(v1, v2, { fields: [{ entity: "item", from: "name", to: "title" }] });
    const stored2: StoredApp = { id: "shop", version: 2, schema: v2, tables: tables2 };
    const rows = await ctx.storage.read((tx) =>
      tx
        .records(stored2)
        .list("item", { where: { kind: "all" }, env: {}, sort: [{ field: "id", direction: "asc" }], limit: 10 }),
    );
    expect(rows.map((r) => [r.id, r.title, r.price, r.colour, r.old])).toEqual([
      ["a", "Pen", 12.5, "red", undefined],
      ["b", "Ink", null, "blue", undefined],
    ]);
    if (testDatabase === "sqlite") {
      const db = new Database(ctx.file, { readonly: true });
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      db.close();
    }
  });
});
