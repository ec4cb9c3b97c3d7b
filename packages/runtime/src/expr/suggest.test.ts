import { describe, expect, it } from "vitest";
import { closestMatch, editDistance } from "./suggest.js";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["abc", "abc", 0],
    ["amout", "amount", 1],
    ["ROUDN", "ROUND", 1],
    ["kitten", "sitting", 3],
  ])("%s → %s is %d", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe("closestMatch", () => {
  it("prefers a case-insensitive match, then the nearest within a third of the length", () => {
    expect(closestMatch("Amount", ["amount", "amounts"])).toBe("amount");
    expect(closestMatch("stag", ["stage", "state", "name"])).toBe("stage");
    expect(closestMatch("xyz", ["amount"])).toBeUndefined();
    expect(closestMatch("amount", [])).toBeUndefined();
  });
});
