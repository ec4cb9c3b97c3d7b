import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Scenario } from "@plinth/runtime";
import { templates } from "@plinth/templates";
import { describe, expect, it } from "vitest";
import { formatScenarioResult } from "../src/cli/test.js";
import { checkScenarios, runScenarios } from "../src/scenarios/run.js";

/**
 * The shipped templates' acceptance scenarios in the scenario format (packages/templates/scenarios/
 * <template>/*.json), each checked by the core against its template and run by the scenario
 * runner on a temporary server, exactly as `plinth test` runs them.
 */

const root = fileURLToPath(new URL("../../templates/scenarios/", import.meta.url));
const now = new Date("2026-06-15T09:00:00.000Z");

describe.each(templates.map((t) => [t.app.id, t] as const))("the %s template's scenarios", (id, template) => {
  const dir = join(root, id);
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));

  it("has at least three scenario files, each valid against the app", () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    const inputs = files.map((f) => ({
      scenario: JSON.parse(readFileSync(join(dir, f), "utf8")) as Scenario,
      source: f,
      path: "",
    }));
    expect(checkScenarios(template.app, inputs).flatMap((c) => c.issues)).toEqual([]);
  });

  it.each(files)("%s passes", async (file) => {
    const scenario = JSON.parse(readFileSync(join(dir, file), "utf8")) as Scenario;
    const run = await runScenarios(template.app, [{ scenario, source: file, path: "" }], { now });
    const report = run.scenarios.map((s) => formatScenarioResult(s, "en")).join("");
    expect(run.passed, report).toBe(true);
    expect(run.scenarios[0]?.steps.every((s) => s.status === "passed")).toBe(true);
  });
});
