import { describe, expect, it } from "vitest";
import { seedQuarters } from "../src/cvi/seed.js";
import { seedPeriod } from "../src/promotion/seed.js";

describe("seeds follow the install date", () => {
  it("CVI seeds the quarters that end with the current one, across a year end", () => {
    expect(seedQuarters("2026-12-05", 4).map((q) => q.code)).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    expect(seedQuarters("2027-02-01", 3)).toEqual([
      { code: "2026-Q3", start: "2026-07-01", end: "2026-09-30" },
      { code: "2026-Q4", start: "2026-10-01", end: "2026-12-31" },
      { code: "2027-Q1", start: "2027-01-01", end: "2027-03-31" },
    ]);
  });

  it("the promotion budgets belong to the quarter a month ahead", () => {
    expect(seedPeriod("2026-06-15")).toBe("2026-Q3");
    expect(seedPeriod("2026-12-05")).toBe("2027-Q1");
  });
});
