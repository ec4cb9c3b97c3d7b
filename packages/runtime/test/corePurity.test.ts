import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL("../src", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "react" ? [] : sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("the runtime core", () => {
  const files = sourceFiles(src);

  it("imports neither React, the DOM nor Node-only modules", () => {
    const forbidden = /from\s+["'](node:[^"']+|fs|path|os|child_process|react|react-dom|better-sqlite3)["']/;
    const offenders = files.filter((f) => forbidden.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("never reads the clock or randomness itself, and never evaluates user text", () => {
    const offenders = files.filter((f) =>
      /Date\.now\(|new Date\(\)|Math\.random\(|\beval\(/.test(readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("has no `export *` in its public API", () => {
    expect(readFileSync(join(src, "index.ts"), "utf8")).not.toMatch(/export \*/);
  });
});
