import { describe, expect, it } from "vitest";
import { tt } from "../../../test/support/typedTree.js";
import { compileFormula } from "../compile.js";
import type { TypedTree } from "../compileTree.js";
import { T } from "../types.js";
import { compareText, type EvalEnv, type Value } from "../values.js";
import { standardFunctions as F } from "./index.js";

const env: EvalEnv = {
  today: "2026-03-15",
  now: "2026-03-15T10:20:30.456Z",
  user: { id: "u-1", region: "华东", roles: ["admin"] },
  lookup: () => null,
};
const lit = (value: Value): TypedTree =>
  value === null
    ? tt.blank()
    : typeof value === "number"
      ? tt.num(value)
      : typeof value === "boolean"
        ? tt.bool(value)
        : tt.str(String(value));
const date = (): TypedTree => tt.field("d", T.date);
/** Evaluate NAME(args) with both strategies; they must agree. */
function run(name: string, args: readonly Value[], record: Record<string, Value> = {}): Value {
  const tree = tt.call(F, name, args.map(lit));
  return evalTree(tree, record);
}
function evalTree(tree: TypedTree, record: Record<string, Value> = {}): Value {
  const a = compileFormula(tree, F, { strategy: "codegen" })(record, env);
  const b = compileFormula(tree, F, { strategy: "closures" })(record, env);
  expect(a).toEqual(b);
  return a;
}
const onDate = (name: string, d: string, ...rest: Value[]): Value =>
  evalTree(tt.call(F, name, [date(), ...rest.map(lit)]), { d });

describe("function library", () => {
  it("has the required functions, each with docs", () => {
    const required =
      "IF IFS SWITCH AND OR NOT ISBLANK COALESCE ROUND FLOOR CEIL ABS MIN MAX CLAMP POWER SQRT MOD CONCAT LEN UPPER LOWER TRIM LEFT RIGHT CONTAINS STARTSWITH REPLACE TEXT VALUE TODAY NOW DATE YEAR MONTH DAY QUARTER WEEKDAY DATEADD DATEDIFF".split(
        " ",
      );
    expect(required.filter((name) => !F.has(name))).toEqual([]);
  });

  it("logic: three-valued AND/OR, blank conditions count as FALSE", () => {
    expect(run("AND", [false, null])).toBe(false);
    expect(run("AND", [true, null])).toBe(null);
    expect(run("OR", [true, null])).toBe(true);
    expect(run("OR", [false, null])).toBe(null);
    expect(run("NOT", [null])).toBe(null);
    expect(run("IF", [null, "a", "b"])).toBe("b");
    expect(run("IF", [false, "a"])).toBe(null);
    expect(run("IFS", [false, 1, true, 2])).toBe(2);
    expect(run("SWITCH", ["won", "won", 1, "lost", 0, 0.5])).toBe(1);
    expect(run("SWITCH", [null, "won", 1, 0.5])).toBe(0.5);
    expect(run("ISBLANK", [""])).toBe(true);
    expect(run("ISBLANK", [0])).toBe(false);
    expect(run("COALESCE", [null, "", "x"])).toBe("");
  });

  it("math: rounding half away from zero, modulo with the divisor's sign", () => {
    expect(run("ROUND", [1234.5678, 2])).toBe(1234.57);
    expect(run("ROUND", [2.5])).toBe(3);
    expect(run("ROUND", [-2.5])).toBe(-3);
    expect(run("ROUND", [1234, -2])).toBe(1200);
    expect(run("ROUND", [1, null])).toBe(null);
    expect(run("MOD", [-3, 2])).toBe(1);
    expect(run("MOD", [3, 0])).toBe(null);
    expect(run("MIN", [3, 1.2, 5])).toBe(1.2);
    expect(run("MAX", [3, null])).toBe(null);
    expect(run("CLAMP", [130, 0, 100])).toBe(100);
    expect(run("SQRT", [-1])).toBe(null);
    expect(run("POWER", [-8, 0.5])).toBe(null);
    expect(run("FLOOR", [-2.5])).toBe(-3);
    expect(run("CEIL", [2.1])).toBe(3);
  });

  it("text: code points, ASCII case mapping, spaces-only trim", () => {
    expect(run("LEN", ["北京 Beijing"])).toBe(10);
    expect(run("LEN", ["😀a"])).toBe(2);
    expect(run("LEFT", ["😀ab", 2])).toBe("😀a");
    expect(run("RIGHT", ["a😀b", 2])).toBe("😀b");
    expect(run("RIGHT", ["abc", -1])).toBe("");
    expect(run("FIND", ["@", "li@acme.com"])).toBe(3);
    expect(run("FIND", ["b", "😀ab"])).toBe(3);
    expect(run("FIND", ["x", "abc"])).toBe(0);
    expect(run("FIND", ["", "abc"])).toBe(1);
    expect(run("UPPER", ["straße é"])).toBe("STRAßE é");
    expect(run("TRIM", ["\t a \n "])).toBe("\t a \n");
    expect(run("REPLACE", ["abc", "", "x"])).toBe("abc");
    expect(run("CONCAT", ["a", null, 1.5, true])).toBe("a1.5TRUE");
    expect(run("VALUE", [" 42.5 "])).toBe(42.5);
    expect(run("VALUE", ["0x10"])).toBe(null);
    expect(run("TEXT", [0.1 + 0.2])).toBe("0.30000000000000004");
    expect(run("ENDSWITH", ["li@example.com", "@example.com"])).toBe(true);
    expect(run("STARTSWITH", ["CN-SH", ""])).toBe(true);
    expect(run("CONTAINS", [null, "a"])).toBe(null);
  });

  it("dates: rollover, clamping, whole-unit differences", () => {
    expect(run("DATE", [2026, 2, 30])).toBe("2026-03-02");
    expect(run("DATE", [2026, 13, 1])).toBe("2027-01-01");
    expect(run("DATE", [0, 12, 31])).toBe(null);
    expect(run("DATE", [10000, 1, 1])).toBe(null);
    expect(onDate("DATEADD", "2026-01-31", 1, "month")).toBe("2026-02-28");
    expect(onDate("DATEADD", "2024-02-29", 1, "year")).toBe("2025-02-28");
    expect(onDate("DATEADD", "0001-01-01", -1, "day")).toBe(null);
    expect(onDate("WEEKDAY", "2026-01-01")).toBe(5);
    expect(onDate("QUARTER", "2026-08-01")).toBe(3);
    expect(onDate("YEAR", "2026-08-01")).toBe(2026);
    const diff = (a: string, b: string, unit: string) =>
      evalTree(tt.call(F, "DATEDIFF", [tt.field("a", T.date), tt.field("b", T.date), tt.str(unit)]), { a, b });
    expect(diff("2026-01-31", "2026-03-01", "month")).toBe(1);
    expect(diff("2026-01-31", "2026-02-28", "month")).toBe(0);
    expect(diff("2026-03-01", "2026-01-31", "month")).toBe(-1);
    expect(diff("2026-01-01", "2026-01-15", "week")).toBe(2);
    expect(diff("2024-02-29", "2025-02-28", "year")).toBe(0);
    const dt = evalTree(tt.call(F, "DATEADD", [tt.field("x", T.datetime), tt.num(1), tt.str("month")]), {
      x: "2026-01-31T23:59:59.999Z",
    });
    expect(dt).toBe("2026-02-28T23:59:59.999Z");
    expect(run("TODAY", [])).toBe("2026-03-15");
  });

  it("rejects arguments of the wrong type and non-literal units at check time", () => {
    const check = (name: string, args: readonly TypedTree[]) =>
      F.get(name)?.check(args.map((node) => ({ type: node.valueType, node })));
    expect(check("ROUND", [tt.str("x")])).toMatchObject({ ok: false, code: "argumentType", argIndex: 0 });
    expect(check("IF", [tt.bool(true), tt.num(1), tt.str("x")])).toMatchObject({
      ok: false,
      code: "incompatibleTypes",
    });
    expect(check("DATEADD", [tt.field("d", T.date), tt.num(1), tt.field("u", T.text)])).toMatchObject({
      ok: false,
      code: "literalRequired",
      argIndex: 2,
    });
    expect(check("DATEADD", [tt.field("d", T.datetime), tt.num(1), tt.str("day")])).toEqual({
      ok: true,
      type: T.datetime,
    });
  });

  it("compares text by code point like SQLite", () => {
    expect(compareText("\uE000", "😀")).toBeLessThan(0);
    expect("\uE000" < "😀").toBe(false);
    expect(compareText("a", "ab")).toBeLessThan(0);
  });
});
