import { createRuntime } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { pipelineApp } from "../src/pipeline/app.js";
import { pipelineUsers } from "../src/pipeline/users.js";

/** Every `{ en, ... }` label object under a value, with its JSON path. */
function labels(value: unknown, path = ""): Array<[string, Record<string, unknown>]> {
  if (Array.isArray(value)) return value.flatMap((v, i) => labels(v, `${path}/${i}`));
  if (value === null || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  const own: Array<[string, Record<string, unknown>]> = "en" in record ? [[path, record]] : [];
  return [...own, ...Object.entries(record).flatMap(([k, v]) => labels(v, `${path}/${k}`))];
}

describe("the Sales pipeline app schema", () => {
  it("validates with no issue (structure, references, formulas, permissions)", () => {
    expect(createRuntime().validateApp(pipelineApp).issues).toEqual([]);
  });

  it("labels and messages everything in English and Chinese", () => {
    const found = labels(pipelineApp);
    expect(found.length).toBeGreaterThan(200);
    const missing = found.filter(
      ([, l]) => typeof l.en !== "string" || typeof l["zh-CN"] !== "string" || l["zh-CN"] === "",
    );
    expect(missing.map(([p]) => p)).toEqual([]);
  });

  it("has the §1.8 roles and demo users with teams and managers", () => {
    expect(pipelineApp.roles.map((r) => r.id)).toEqual([
      "rep",
      "manager",
      "revops",
      "executive",
      "marketing",
      "finance",
    ]);
    const users = pipelineUsers();
    expect(users.filter((u) => u.roles.includes("rep"))).toHaveLength(50);
    expect(users.filter((u) => u.roles.includes("manager"))).toHaveLength(6);
    expect(new Set(users.filter((u) => u.roles.includes("rep")).map((u) => u.attributes.team)).size).toBe(6);
    expect(users.find((u) => u.username === "pl.rep07")?.attributes).toEqual({
      team: "east-1",
      region: "east",
      manager: "pl.mgr1",
    });
  });
});
