import { describe, expect, it } from "vitest";
import { createEchoFilter } from "./echoFilter.js";

describe("createEchoFilter", () => {
  it("ignores late echoes of typing and accepts a change from elsewhere", () => {
    const filter = createEchoFilter();
    for (const text of ["a", "ab", "abc"]) filter.typed(text);
    expect(filter.isEcho("a")).toBe(true);
    expect(filter.isEcho("ab")).toBe(true);
    expect(filter.isEcho("abc")).toBe(true);
    expect(filter.isEcho("xyz")).toBe(false);
    filter.typed("xyz!");
    expect(filter.isEcho("abc")).toBe(false);
  });
});
