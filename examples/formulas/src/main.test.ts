import { expect, it } from "vitest";
import { runExample } from "./main.js";

it("validates the app, computes CVI, and filters identically in JS and SQL", () => {
  const lines: string[] = [];
  const { js, sql } = runExample((l) => lines.push(l));
  expect(lines[0]).toBe("Li Lei: CVI 79");
  expect(js).toEqual(["Li Lei", "Han Meimei"]);
  expect(sql).toEqual(js);
});
