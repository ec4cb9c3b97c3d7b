import { type App, createRuntime } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { salesApp } from "../../../../runtime/test/fixtures/salesApp.js";
import { isDatePath, spanEndOptions } from "./spanFields.js";

const doc = structuredClone(salesApp()) as unknown as App;

describe("span ends", () => {
  it("take a bucket on a date at the end of a dotted path, system dates included", () => {
    expect(isDatePath(doc, "opportunity", "close_date")).toBe(true);
    expect(isDatePath(doc, "opportunity", "account.updatedAt")).toBe(true);
    expect(isDatePath(doc, "opportunity", "account.name")).toBe(false);
  });

  it("offer the entity's dates, and the related record's dates (named by the relation field) for a start on that record", () => {
    const own = [
      { value: "close_date", label: "close_date" },
      { value: "closed_at", label: "closed_at" },
      { value: "createdAt", label: "Created at (createdAt)" },
      { value: "updatedAt", label: "Updated at (updatedAt)" },
    ];
    expect(spanEndOptions(doc, "opportunity", "close_date", "en")).toEqual(own);
    expect(spanEndOptions(doc, "opportunity", "account.createdAt", "en")).toEqual([
      ...own,
      { value: "account.createdAt", label: "account › Created at (account.createdAt)" },
      { value: "account.updatedAt", label: "account › Updated at (account.updatedAt)" },
    ]);
    expect(spanEndOptions(doc, "opportunity", "account.createdAt", "zh-CN").at(-1)).toEqual({
      value: "account.updatedAt",
      label: "account › 更新时间 (account.updatedAt)",
    });
  });

  it("name only ends the core accepts for a span", () => {
    const runtime = createRuntime();
    for (const start of ["close_date", "account.createdAt"])
      for (const { value } of spanEndOptions(doc, "opportunity", start, "en")) {
        const app = structuredClone(doc);
        const page = app.pages?.find((p) => p.id === "forecast");
        if (page?.kind !== "dashboard") throw new Error("no forecast");
        const widget = page.widgets[1];
        if (!widget) throw new Error("no widget");
        widget.query = { ...widget.query, groupBy: [{ field: start, bucket: "week", through: value }] };
        expect(runtime.validateApp(app).issues, `${start} through ${value}`).toEqual([]);
      }
  });
});
