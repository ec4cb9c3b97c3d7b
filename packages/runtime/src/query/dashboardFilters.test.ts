import { describe, expect, it } from "vitest";
import type { App, Query } from "../schema/types.js";
import { dashboardFilterPath, dashboardQuery, periodField, periodFormula } from "./dashboardFilters.js";

/** Promotions in regions, their lines (each belongs to one promotion), a ledger that may name one, transfers between two. */
const app = {
  id: "promo",
  entities: [
    { id: "region", fields: [{ id: "name", kind: "text" }] },
    {
      id: "promotion",
      fields: [
        { id: "region", kind: "relation", target: "region", required: true },
        { id: "from", kind: "date" },
        { id: "to", kind: "date" },
        { id: "approved_at", kind: "datetime" },
      ],
    },
    {
      id: "line",
      fields: [
        { id: "promotion", kind: "relation", target: "promotion", required: true },
        { id: "sku", kind: "text" },
      ],
    },
    {
      id: "ledger",
      fields: [
        { id: "promotion", kind: "relation", target: "promotion" },
        { id: "region", kind: "relation", target: "region" },
      ],
    },
    {
      id: "swap",
      fields: [
        { id: "from_promotion", kind: "relation", target: "promotion", required: true },
        { id: "to_promotion", kind: "relation", target: "promotion", required: true },
      ],
    },
    {
      id: "photo",
      fields: [{ id: "line", kind: "relation", target: "line", required: true }],
    },
  ],
} as unknown as App;

const region = { id: "region", entity: "promotion", field: "region" } as const;
const today = new Date(2026, 5, 15);

describe("dashboard filters: where a page filter applies", () => {
  it("on its own entity at its field, and through the one required relation to it", () => {
    expect(dashboardFilterPath(app, region, "promotion")).toBe("region");
    expect(dashboardFilterPath(app, region, "line")).toBe("promotion.region");
    expect(dashboardFilterPath(app, { ...region, field: "region.name" }, "line")).toBe("promotion.region.name");
  });

  it("not through an optional relation, one of two, two hops, or past four segments", () => {
    // The ledger's rows without a promotion (allocations) would vanish under a promotion filter.
    expect(dashboardFilterPath(app, region, "ledger")).toBeUndefined();
    expect(dashboardFilterPath(app, region, "swap")).toBeUndefined();
    expect(dashboardFilterPath(app, region, "photo")).toBeUndefined();
    expect(dashboardFilterPath(app, region, "region")).toBeUndefined();
    expect(dashboardFilterPath(app, { ...region, field: "region.a.b.c" }, "line")).toBeUndefined();
    expect(dashboardFilterPath(app, region, "nowhere")).toBeUndefined();
  });

  it("ANDs the chosen value into the widgets it applies to, and leaves the others alone", () => {
    const chosen = { period: "all", values: { region: "r-east" } } as const;
    expect(dashboardQuery(app, { entity: "line", filter: "sku = 'A'" }, [region], chosen, today).filter).toBe(
      "(sku = 'A') AND (promotion.region = 'r-east')",
    );
    expect(dashboardQuery(app, { entity: "promotion" }, [region], chosen, today).filter).toBe("region = 'r-east'");
    expect(dashboardQuery(app, { entity: "ledger" }, [region], chosen, today)).toEqual({ entity: "ledger" });
    expect(dashboardQuery(app, { entity: "line" }, [region], { period: "all", values: {} }, today)).toEqual({
      entity: "line",
    });
  });
});

describe("dashboard filters: the period", () => {
  it("bounds a date, a datetime by its day", () => {
    expect(periodFormula("all", "from", "date", today)).toBeUndefined();
    expect(periodFormula("year", "from", "date", today)).toBe(
      "from >= DATE(2026, 1, 1) AND from <= DATE(2026, 12, 31)",
    );
    expect(periodFormula("last12", "at", "datetime", today)).toBe(
      "DATEVALUE(at) >= DATE(2025, 6, 16) AND DATEVALUE(at) <= DATE(2026, 6, 15)",
    );
  });

  it("keeps a span that meets the period: starting in it, or before it and ending in or after it", () => {
    expect(periodFormula("year", "from", "date", today, { field: "to", kind: "date" })).toBe(
      "from <= DATE(2026, 12, 31) AND (from >= DATE(2026, 1, 1) OR to >= DATE(2026, 1, 1))",
    );
  });

  it("reads the date from the query: a bucket, a span grouping's both ends, else the entity's first date", () => {
    const span: Query = {
      entity: "line",
      groupBy: [{ field: "sku" }, { field: "promotion.from", bucket: "week", through: "promotion.to" }],
    };
    expect(periodField(app, span)).toEqual({
      field: "promotion.from",
      kind: "date",
      through: { field: "promotion.to", kind: "date" },
    });
    expect(periodField(app, { entity: "promotion", groupBy: [{ field: "approved_at", bucket: "month" }] })).toEqual({
      field: "approved_at",
      kind: "datetime",
    });
    // A bucket on a system datetime compares by its day (the ledger's spend by month).
    expect(periodField(app, { entity: "line", groupBy: [{ field: "createdAt", bucket: "month" }] })).toEqual({
      field: "createdAt",
      kind: "datetime",
    });
    expect(periodField(app, { entity: "promotion" })).toEqual({ field: "from", kind: "date" });
    expect(periodField(app, { entity: "line" })).toEqual({ field: "createdAt", kind: "datetime" });
    expect(dashboardQuery(app, span, [region], { period: "year", values: { region: "r" } }, today).filter).toBe(
      "(promotion.from <= DATE(2026, 12, 31) AND (promotion.from >= DATE(2026, 1, 1) OR promotion.to >= DATE(2026, 1, 1))) AND (promotion.region = 'r')",
    );
  });
});
