import { validateApp } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { pipelineApp } from "./pipelineApp.js";

describe("the page tests' pipeline app", () => {
  it("is an app the core accepts (the memory source expects a valid one)", () => {
    const result = validateApp(pipelineApp);
    expect(result.issues.filter((i) => i.severity === "error").map((i) => `${i.code} ${i.path}`)).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
