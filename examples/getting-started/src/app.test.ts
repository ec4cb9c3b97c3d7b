import { readFileSync } from "node:fs";
import { createRuntime, lintApp, parseAppJson } from "@plinth/runtime";
import { expect, it } from "vitest";

/**
 * docs/getting-started.md builds this app and tells the reader that `plinth validate` and
 * `plinth lint` find nothing in it; this keeps that true as the schema and the rules move on.
 * (Its scenario runs with `pnpm plinth test examples/getting-started/app.json`.)
 */
it("the getting-started app is valid and lint-clean, and its scenario checks against it", () => {
  const parsed = parseAppJson(readFileSync(new URL("../app.json", import.meta.url), "utf8"));
  expect(parsed.ok).toBe(true);
  const result = createRuntime().validateApp(parsed.ok ? parsed.value : null);
  expect(result.issues).toEqual([]);
  if (!result.app) throw new Error("invalid app");
  expect(lintApp(result.app)).toEqual([]);
  expect(result.app.tests?.map((t) => t.id)).toEqual(["visit_done_needs_outcome"]);
});
