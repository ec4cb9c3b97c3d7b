import { type App, createRuntime } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { salesApp } from "../../../../runtime/test/fixtures/salesApp.js";
import { formulaCompletions } from "./formulaCompletions.js";
import { formulaMarkers } from "./formulaMarkers.js";
import { formulaContext } from "./formulaScope.js";

const runtime = createRuntime();
const app = salesApp() as unknown as App;
const context = formulaContext(app, "opportunity", runtime.functions);
const complete = (text: string, offset = text.length) =>
  formulaCompletions(text, offset, context.scope, runtime.functions, "en");
const labels = (text: string, offset?: number) => complete(text, offset).map((c) => c.label);

describe("formula completions", () => {
  it("offers the entity's fields, the functions and the keywords for a name", () => {
    const items = complete("amo");
    expect(items.find((c) => c.label === "amount")).toMatchObject({ kind: "field", detail: "number", from: 0, to: 3 });
    expect(items.find((c) => c.label === "account")).toMatchObject({ kind: "relation", detail: "text → account" });
    expect(items.find((c) => c.label === "ROUND")).toMatchObject({ kind: "function", insertText: "ROUND(" });
    expect(items.find((c) => c.label === "ROUND")?.documentation).toContain("→");
    expect(labels("")).toContain("AND");
    expect(labels("")).not.toContain("region");
  });

  it("follows a relation path to the related entity's fields", () => {
    const items = complete("IF(account.re", 13);
    expect(items.map((c) => c.label)).toEqual(
      expect.arrayContaining(["last_close", "name", "open_pipeline", "region", "website", "createdAt"]),
    );
    expect(items.map((c) => c.label)).not.toContain("amount");
    expect(items[0]).toMatchObject({ from: 11, to: 13 });
    expect(labels("amount.")).toEqual([]);
    expect(labels("nothing.x")).toEqual([]);
  });

  it("offers variables after $, with $old of the entity's fields", () => {
    const items = complete("owner = $user.r");
    expect(items.map((c) => c.label)).toEqual(
      expect.arrayContaining(["user.id", "user.region", "today", "old.amount"]),
    );
    expect(items.find((c) => c.label === "user.id")).toMatchObject({ from: 9, to: 15, insertText: "user.id" });
  });

  it("offers nothing inside a text, even with doubled quotes", () => {
    expect(labels("stage = 'wo")).toEqual([]);
    expect(labels("stage = 'it''s a")).toEqual([]);
    expect(labels("stage = 'won' AND am").length).toBeGreaterThan(0);
  });

  it("uses the UI language for function documentation", () => {
    const zh = formulaCompletions("RO", 2, context.scope, runtime.functions, "zh-CN");
    const round = runtime.functions.get("ROUND");
    expect(zh.find((c) => c.label === "ROUND")?.documentation).toContain(round?.doc["zh-CN"] ?? "?");
  });
});

describe("formula markers", () => {
  it("are the core's type errors with their span", () => {
    const text = "amount * nonsense";
    const [marker, ...rest] = formulaMarkers(text, context);
    expect(rest).toEqual([]);
    expect(marker).toMatchObject({ code: "formula.unknownField", severity: "error" });
    expect(text.slice(marker?.start, marker?.end)).toBe("nonsense");
    expect(marker?.message["zh-CN"]).toContain("nonsense");
  });

  it("check the type the place expects, as the app's validation does", () => {
    const e = app.entities?.findIndex((x) => x.id === "opportunity") ?? -1;
    const f = app.entities?.[e]?.fields.findIndex((x) => x.id === "lost_reason") ?? -1;
    const condition = formulaContext(app, "opportunity", runtime.functions, `/entities/${e}/fields/${f}/visibleWhen`);
    expect(formulaMarkers("stage = 'lost'", condition)).toEqual([]);
    expect(formulaMarkers("amount + 1", condition).length).toBe(1);
    expect(formulaMarkers("amount + 1", context)).toEqual([]);
  });

  it("report syntax errors and nothing for an empty formula", () => {
    expect(formulaMarkers("IF(amount > 1", context)[0]?.code).toBe("formula.unclosedParen");
    expect(formulaMarkers("  ", context)).toEqual([]);
  });
});
