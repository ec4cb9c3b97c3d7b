import { describe, expect, it } from "vitest";
import { type Migration, migrateApp, standardMigrations } from "./migrate.js";

const v1 = { schemaVersion: 1, id: "a", version: "1.0.0" };

describe("migrateApp", () => {
  it("returns a current document unchanged", () => {
    const result = migrateApp(v1);
    expect(result).toEqual({ ok: true, doc: v1, applied: [] });
    expect(standardMigrations).toEqual([]);
  });

  it("applies migrations in order up to the target version", () => {
    const migrations: Migration[] = [
      { from: 1, describe: "rename title to label", migrate: ({ title, ...rest }) => ({ ...rest, label: title }) },
      { from: 2, describe: "add settings", migrate: (doc) => ({ ...doc, settings: {} }) },
    ];
    const result = migrateApp({ ...v1, title: "Sales" }, migrations, 3);
    expect(result).toEqual({
      ok: true,
      doc: { schemaVersion: 3, id: "a", version: "1.0.0", label: "Sales", settings: {} },
      applied: ["rename title to label", "add settings"],
    });
  });

  it("refuses unknown, newer and missing versions with an issue", () => {
    for (const schemaVersion of [0, 2, "1", undefined, 1.5]) {
      const result = migrateApp({ ...v1, schemaVersion });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues[0]?.code).toBe("schema.unsupportedVersion");
    }
  });

  it("reports a migration that throws or is missing", () => {
    const broken: Migration[] = [
      {
        from: 1,
        describe: "boom",
        migrate: () => {
          throw new Error("bad doc");
        },
      },
    ];
    const thrown = migrateApp(v1, broken, 2);
    expect(thrown.ok === false && thrown.issues[0]?.message.en).toContain("bad doc");
    const gap = migrateApp(v1, [], 2);
    expect(gap.ok === false && gap.issues[0]?.code).toBe("schema.migrationFailed");
  });
});
