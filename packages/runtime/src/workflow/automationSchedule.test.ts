import { describe, expect, it } from "vitest";
import { cronIssue, dateOffsetDue, isValidCron, nextCron, scheduleCron } from "./automationSchedule.js";

describe("nextCron", () => {
  it("computes the next run strictly after an instant, in UTC", () => {
    expect(nextCron("0 9 * * 1", "2026-06-01T08:59:59.999Z")).toBe("2026-06-01T09:00:00.000Z");
    expect(nextCron("0 9 * * 1", "2026-06-01T09:00:00.000Z")).toBe("2026-06-08T09:00:00.000Z");
    expect(nextCron("*/15 * * * *", "2026-06-01T09:07:30.000Z")).toBe("2026-06-01T09:15:00.000Z");
    expect(nextCron("30 23 31 12 *", "2026-06-01T00:00:00.000Z")).toBe("2026-12-31T23:30:00.000Z");
    expect(nextCron("0 0 29 2 *", "2026-03-01T00:00:00.000Z")).toBe("2028-02-29T00:00:00.000Z");
  });

  it("gives undefined for an invalid expression or instant", () => {
    expect(nextCron("61 * * * *", "2026-06-01T00:00:00.000Z")).toBeUndefined();
    expect(nextCron("0 9 * * 1", "yesterday")).toBeUndefined();
  });
});

describe("isValidCron", () => {
  it("accepts five valid fields that fire at least once", () => {
    expect(isValidCron("0 9 * * 1-5")).toBe(true);
    expect(isValidCron("0 9 * * MON")).toBe(true);
    expect(isValidCron("0 0 L * *")).toBe(true);
  });

  it("refuses the wrong number of fields, bad values and dates that never come", () => {
    for (const bad of ["* * * *", "* * * * * *", "@daily", "61 * * * *", "a b c d e", "0 0 31 2 *", "0  9 * * 1"])
      expect(isValidCron(bad), bad).toBe(false);
    const issue = cronIssue("61 * * * *", "/automations/0/trigger/expression");
    expect(issue).toMatchObject({ code: "automation.invalidCron", path: "/automations/0/trigger/expression" });
    expect(issue?.message.en).toContain("minute");
    expect(issue?.message["zh-CN"]).toContain("cron");
  });
});

describe("scheduleCron and dateOffsetDue", () => {
  it("turns schedules into cron expressions", () => {
    expect(scheduleCron("hour", "10:15")).toBe("15 * * * *");
    expect(scheduleCron("day")).toBe("0 0 * * *");
    expect(scheduleCron("week", "09:00")).toBe("0 9 * * 1");
    expect(scheduleCron("month", "07:05")).toBe("5 7 1 * *");
  });

  it("adds days to a date or datetime value, at a UTC time", () => {
    expect(dateOffsetDue("2026-06-10", -3, "09:00")).toBe("2026-06-07T09:00:00.000Z");
    expect(dateOffsetDue("2026-06-10T22:00:00.000Z", 1)).toBe("2026-06-11T00:00:00.000Z");
    expect(dateOffsetDue("2026-02-27", 2)).toBe("2026-03-01T00:00:00.000Z");
    expect(dateOffsetDue(null, 1)).toBeUndefined();
    expect(dateOffsetDue("soon", 1)).toBeUndefined();
  });
});
