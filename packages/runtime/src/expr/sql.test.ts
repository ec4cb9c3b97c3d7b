import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { tt } from "../../test/support/typedTree.js";
import type { TypedTree } from "./compileTree.js";
import { standardFunctions as F } from "./functions/index.js";
import { translateToSql } from "./sql.js";
import { createSqlParameters, sqliteDialect } from "./sqlDialect.js";
import { T } from "./types.js";

function translate(
  tree: TypedTree,
  env = { today: "2026-03-15", now: "2026-03-15T00:00:00.000Z", user: { id: "u-1" } },
) {
  const params = createSqlParameters(sqliteDialect);
  const result = translateToSql(tree, {
    dialect: sqliteDialect,
    functions: F,
    column: (path) => sqliteDialect.quoteIdent(path.join("_")),
    param: params.param,
    env,
    path: "/entities/0/views/0/filter",
  });
  return { result, params };
}

describe("translateToSql", () => {
  it("binds every value as a parameter, never as SQL text", () => {
    const evil = "x' OR 1=1 --";
    const { result, params } = translate(
      tt.bin(
        "AND",
        tt.bin("=", tt.field("name", T.text), tt.str(evil)),
        tt.bin("=", tt.field("owner", T.text), tt.variable(["user", "id"], T.text)),
      ),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.sql).not.toContain(evil);
    expect(result.sql).not.toContain("u-1");
    expect(params.positional).toEqual([evil, "u-1"]);
  });

  it("produces a WHERE clause that SQLite runs, booleans included", () => {
    const db = new Database(":memory:");
    db.exec("CREATE TABLE deal (stage TEXT, amount REAL, closed INTEGER)");
    db.prepare("INSERT INTO deal VALUES (?, ?, ?)").run("won", 150000, 1);
    db.prepare("INSERT INTO deal VALUES (?, ?, ?)").run("open", 50, 0);
    db.prepare("INSERT INTO deal VALUES (?, ?, ?)").run(null, null, null);
    const tree = tt.bin(
      "AND",
      tt.in(tt.field("stage", T.text), [tt.str("won"), tt.str("lost")]),
      tt.bin(
        "AND",
        tt.field("closed", T.boolean),
        tt.bin(">", tt.call(F, "ROUND", [tt.bin("/", tt.field("amount", T.number), tt.num(1000))]), tt.num(100)),
      ),
    );
    const { result, params } = translate(tree);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(db.prepare(`SELECT stage FROM deal WHERE ${result.sql}`).all(params.named)).toEqual([{ stage: "won" }]);
    db.close();
  });

  it("FIND agrees with SQLite's instr: code point positions, 0 when absent, blank propagates", () => {
    const db = new Database(":memory:");
    db.exec("CREATE TABLE c (email TEXT)");
    const emails = ["li@acme.com", "😀x@b.cn", "none", "", null];
    for (const e of emails) db.prepare("INSERT INTO c VALUES (?)").run(e);
    const tree = tt.call(F, "FIND", [tt.str("@"), tt.field("email", T.text)]);
    const { result, params } = translate(tree);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const sql = db.prepare(`SELECT ${result.sql} AS n FROM c`).all(params.named) as Array<{ n: number | null }>;
    const find = F.get("FIND");
    const js = emails.map((e) => (e === null ? null : find?.js({ today: "", now: "" } as never, "@", e)));
    expect(sql.map((r) => r.n)).toEqual(js);
    expect(js).toEqual([3, 3, 0, 0, null]);
    db.close();
  });

  it("refuses JS-only functions with formula.notInSql", () => {
    const { result } = translate(tt.call(F, "VALUE", [tt.field("code", T.text)]));
    expect(result).toMatchObject({
      ok: false,
      issues: [{ code: "formula.notInSql", path: "/entities/0/views/0/filter", params: { construct: "VALUE" } }],
    });
    const concat = translate(tt.bin("&", tt.str("n"), tt.field("amount", T.number))).result;
    expect(concat).toMatchObject({ ok: false, issues: [{ code: "formula.notInSql" }] });
  });

  it("refuses $old and reports missing context values", () => {
    expect(translate(tt.variable(["old", "stage"], T.text)).result).toMatchObject({
      ok: false,
      issues: [{ code: "formula.notInSql" }],
    });
    const params = createSqlParameters(sqliteDialect);
    const result = translateToSql(tt.call(F, "TODAY", []), {
      dialect: sqliteDialect,
      functions: F,
      column: (path) => path.join("."),
      param: params.param,
    });
    expect(result).toMatchObject({ ok: false, issues: [{ code: "formula.sqlContextMissing" }] });
  });
});
