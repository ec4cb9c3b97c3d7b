import {
  type App,
  compileFormulaText,
  createAppScope,
  createSqlParameters,
  FieldTypes,
  FORMULA_LIMITS,
  indexApp,
  sqliteDialect,
  standardFunctions,
  translateToSql,
  validateApp,
} from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { buildFilter, newCondition, withOperator } from "./buildFilter.js";
import type { FilterCondition, FilterField, FilterOperator, FilterState } from "./filter.types.js";
import { arityOf, filterFields, operatorsFor } from "./filterFields.js";
import { parseFilter } from "./parseFilter.js";

const label = (en: string) => ({ en, "zh-CN": en });

/** One entity with a field of every kind the builder knows (and one it does not: attachment). */
const app = {
  schemaVersion: 1,
  id: "t",
  version: "1.0.0",
  label: label("T"),
  entities: [
    { id: "account", label: label("Account"), titleField: "name", fields: [{ id: "name", kind: "text" }] },
    {
      id: "deal",
      label: label("Deal"),
      titleField: "name",
      fields: [
        { id: "name", kind: "text", label: label("Name") },
        { id: "notes", kind: "longText" },
        { id: "email", kind: "email" },
        { id: "amount", kind: "currency", currency: "CNY" },
        { id: "qty", kind: "number" },
        { id: "rate", kind: "percent" },
        {
          id: "stage",
          kind: "select",
          options: [{ value: "open" }, { value: "won" }, { value: "lost" }],
        },
        { id: "tags", kind: "multiSelect", options: [{ value: "vip" }, { value: "new" }] },
        { id: "close", kind: "date" },
        { id: "seen", kind: "datetime" },
        { id: "active", kind: "boolean" },
        { id: "owner", kind: "user" },
        { id: "account", kind: "relation", target: "account" },
        { id: "score", kind: "formula", expression: "amount * 2", resultType: "number" },
        { id: "code", kind: "autonumber", prefix: "D-" },
        { id: "files", kind: "attachment" },
      ],
    },
  ],
} as unknown as App;

const fields = filterFields(app, "deal", new Set());
const model = indexApp(app);
const scope = createAppScope(new FieldTypes(model, standardFunctions), model, "deal");

/** The core's own verdict: parse, type-check as a boolean, compile, and translate to SQLite. */
function check(text: string) {
  const compiled = compileFormulaText(text, scope, standardFunctions, { expected: "boolean" });
  if (!compiled.ok) return { ok: false as const, issues: compiled.issues.map((i) => i.message.en) };
  const params = createSqlParameters(sqliteDialect);
  const sql = translateToSql(compiled.formula.typed, {
    dialect: sqliteDialect,
    functions: standardFunctions,
    column: (path) => sqliteDialect.quoteIdent(path.join("_")),
    param: params.param,
    env: { today: "2026-06-15", now: "2026-06-15T09:00:00.000Z", user: { id: "u-me" } },
  });
  return { ok: sql.ok, formula: compiled.formula, params: params.named, sql: sql.ok ? sql.sql : "" };
}

const env = {
  today: "2026-06-15",
  now: "2026-06-15T09:00:00.000Z",
  user: { id: "u-me", roles: [] },
  lookup: () => null,
};

/** Run a builder state on records through the compiled formula; the matching ids. */
function matching(state: FilterState, records: ReadonlyArray<Record<string, unknown>>): unknown[] {
  const built = buildFilter(state, fields);
  if (!built.ok) throw new Error(JSON.stringify(built.problems));
  const checked = check(built.text);
  if (!checked.ok || !checked.formula) throw new Error(`${built.text}: ${JSON.stringify(checked)}`);
  const formula = checked.formula;
  return records
    .filter((r) => {
      const result = formula.evaluate(r, env as never);
      return result.ok && result.value === true;
    })
    .map((r) => r.id);
}

const hostile = [
  "it's",
  "''",
  "'); DROP TABLE deal; --",
  'say "hi"',
  "back\\slash\\",
  "line\nbreak\r\n",
  "tab\there",
  "\u0000nul",
  "$user.id",
  "a' OR 1=1 OR 'a'='a",
  "中文 “引号” ‘单’",
  "emoji 🎉",
  " leading and trailing ",
];

/** Values that fit each kind (and hostile ones wherever text is free). */
function sampleValues(f: FilterField, op: FilterOperator): string[][] {
  const arity = arityOf(op);
  if (arity === "none") return [[]];
  if (op === "lastDays") return [["0"], ["30"], ["36500"]];
  switch (f.kind) {
    case "number":
      return arity === "two" ? [["-5", "1,000.5"]] : [["0"], ["-12.5"], ["1e21"], ["5e-324"], ["1,234"]];
    case "date":
    case "datetime":
      return arity === "two" ? [["2026-01-01", "2026-12-31"]] : [["2024-02-29"]];
    case "select":
    case "list":
      return [(f.options ?? []).map((o) => o.value), [(f.options ?? [])[0]?.value ?? ""]];
    default:
      return hostile.map((h) => [h]);
  }
}

describe("filterFields", () => {
  it("offers every field with a formula type, the system dates and users, and nothing hidden", () => {
    expect(fields.map((f) => [f.id, f.kind])).toEqual([
      ["name", "text"],
      ["notes", "text"],
      ["email", "text"],
      ["amount", "number"],
      ["qty", "number"],
      ["rate", "number"],
      ["stage", "select"],
      ["tags", "list"],
      ["close", "date"],
      ["seen", "datetime"],
      ["active", "boolean"],
      ["owner", "user"],
      ["account", "relation"],
      ["score", "number"],
      ["code", "text"],
      ["createdAt", "datetime"],
      ["updatedAt", "datetime"],
      ["createdBy", "user"],
      ["updatedBy", "user"],
    ]);
    const hidden = filterFields(app, "deal", new Set(["amount", "createdBy"])).map((f) => f.id);
    expect(hidden).not.toContain("amount");
    expect(hidden).not.toContain("createdBy");
    expect(filterFields(app, "nope", new Set())).toEqual([]);
  });

  it("the fixture is a valid app", () => {
    expect(validateApp(app).issues.filter((i) => i.severity === "error")).toEqual([]);
  });
});

describe("buildFilter", () => {
  const cases: Array<{ field: FilterField; op: FilterOperator; values: string[] }> = [];
  for (const field of fields) {
    for (const op of operatorsFor(field.kind)) {
      for (const values of sampleValues(field, op)) cases.push({ field, op, values });
    }
  }

  it("writes a formula the core accepts (boolean, compiles, runs in SQL) for every kind, operator and value", () => {
    expect(cases.length).toBeGreaterThan(150);
    const failures: string[] = [];
    for (const { field, op, values } of cases) {
      const built = buildFilter({ join: "all", conditions: [{ field: field.id, op, values }] }, fields);
      if (!built.ok) {
        failures.push(`${field.id} ${op} ${JSON.stringify(values)}: ${JSON.stringify(built.problems)}`);
        continue;
      }
      const checked = check(built.text);
      if (!checked.ok) failures.push(`${field.id} ${op} ${JSON.stringify(values)} → ${built.text}: ${checked.issues}`);
    }
    expect(failures).toEqual([]);
  });

  it("keeps hostile text as one literal: quotes doubled, nothing else escaped, bound as a parameter in SQL", () => {
    for (const value of hostile) {
      const built = buildFilter(
        { join: "all", conditions: [{ field: "name", op: "equals", values: [value] }] },
        fields,
      );
      expect(built).toEqual({ ok: true, text: `name = '${value.replaceAll("'", "''")}'` });
      const checked = check(built.ok ? built.text : "");
      expect(checked.ok).toBe(true);
      expect(checked.sql).not.toContain(value);
      expect(Object.values(checked.params ?? {})).toContain(value);
      expect(
        matching({ join: "all", conditions: [{ field: "name", op: "equals", values: [value] }] }, [
          { id: 1, name: value },
          { id: 2, name: `${value}x` },
        ]),
      ).toEqual([1]);
    }
  });

  it("joins rows with AND or OR, with the parentheses precedence needs", () => {
    const rows: FilterCondition[] = [
      { field: "amount", op: "gt", values: ["500000"] },
      { field: "stage", op: "noneOf", values: ["won", "lost"] },
      { field: "owner", op: "isMe", values: [] },
    ];
    expect(buildFilter({ join: "all", conditions: rows }, fields)).toEqual({
      ok: true,
      text: "amount > 500000 AND (ISBLANK(stage) OR NOT stage IN ('won', 'lost')) AND owner = $user.id",
    });
    expect(buildFilter({ join: "any", conditions: rows.slice(0, 1).concat(rows.slice(2)) }, fields)).toEqual({
      ok: true,
      text: "amount > 500000 OR owner = $user.id",
    });
    expect(
      buildFilter(
        { join: "any", conditions: [{ field: "close", op: "lastDays", values: ["7"] }, rows[2] as never] },
        fields,
      ),
    ).toEqual({
      ok: true,
      text: "close >= DATEADD($today, -7, 'day') AND close <= $today OR owner = $user.id",
    });
    expect(buildFilter({ join: "all", conditions: [] }, fields)).toEqual({ ok: true, text: "" });
  });

  it("says which rows are incomplete or wrong instead of writing a formula", () => {
    const state: FilterState = {
      join: "all",
      conditions: [
        { field: "amount", op: "gt", values: [] },
        { field: "amount", op: "gt", values: ["lots"] },
        { field: "close", op: "before", values: ["2026-02-30"] },
        { field: "close", op: "lastDays", values: ["1.5"] },
        { field: "stage", op: "anyOf", values: ["nope"] },
        { field: "nope", op: "empty", values: [] },
        { field: "amount", op: "contains", values: ["1"] },
        { field: "name", op: "contains", values: [""] },
        { field: "qty", op: "eq", values: ["1e400"] },
        { field: "stage", op: "anyOf", values: [] },
      ],
    };
    const built = buildFilter(state, fields);
    expect(built.ok ? [] : built.problems.map((p) => [p.index, p.code])).toEqual([
      [0, "valueRequired"],
      [1, "notNumber"],
      [2, "notDate"],
      [3, "notDays"],
      [4, "unknownOption"],
      [5, "unknownField"],
      [6, "badOperator"],
      [7, "valueRequired"],
      [8, "notNumber"],
      [9, "valueRequired"],
    ]);
  });

  it("refuses a value that would make the formula longer than the language allows", () => {
    const long = "x".repeat(FORMULA_LIMITS.maxLength);
    const built = buildFilter({ join: "all", conditions: [{ field: "name", op: "contains", values: [long] }] }, fields);
    expect(built).toEqual({ ok: false, problems: [{ index: -1, code: "tooLong" }] });
    const fits = "y".repeat(FORMULA_LIMITS.maxLength - 100);
    const ok = buildFilter({ join: "all", conditions: [{ field: "name", op: "contains", values: [fits] }] }, fields);
    expect(ok.ok && check(ok.text).ok).toBe(true);
  });

  it("means what the operator says, blanks included", () => {
    const records = [
      { id: 1, name: "Acme Ltd", amount: 10, stage: "won", tags: ["vip"], close: "2026-06-10", owner: "u-me" },
      { id: 2, name: "acme north", amount: 20, stage: "open", tags: ["new"], close: "2026-06-16", owner: "u-2" },
      { id: 3, name: null, amount: null, stage: null, tags: null, close: null, owner: null },
      { id: 4, name: "Other", amount: 30, stage: "open", tags: ["vip", "new"], close: "2026-05-01", owner: "u-me" },
      { id: 5, seen: "2026-06-14T23:59:59.000Z", active: true },
      { id: 6, seen: "2026-06-16T00:00:00.000Z", active: false },
    ];
    const only = (field: string, op: FilterOperator, values: string[] = []) =>
      matching({ join: "all", conditions: [{ field, op, values }] }, records);
    expect(only("name", "contains", ["ACME"])).toEqual([1, 2]);
    expect(only("name", "notContains", ["acme"])).toEqual([3, 4, 5, 6]);
    expect(only("name", "startsWith", ["acme n"])).toEqual([2]);
    expect(only("amount", "between", ["10", "20"])).toEqual([1, 2]);
    expect(only("amount", "ne", ["20"])).toEqual([1, 3, 4, 5, 6]);
    expect(only("stage", "anyOf", ["won", "open"])).toEqual([1, 2, 4]);
    expect(only("stage", "noneOf", ["won"])).toEqual([2, 3, 4, 5, 6]);
    expect(only("tags", "hasAnyOf", ["vip"])).toEqual([1, 4]);
    expect(only("close", "lastDays", ["7"])).toEqual([1]);
    expect(only("close", "after", ["2026-06-10"])).toEqual([2]);
    expect(only("seen", "on", ["2026-06-14"])).toEqual([5]);
    expect(only("seen", "lastDays", ["1"])).toEqual([5]);
    expect(only("active", "isTrue")).toEqual([5]);
    expect(only("active", "isFalse")).toEqual([6]);
    expect(only("owner", "isMe")).toEqual([1, 4]);
    expect(only("owner", "isNotMe")).toEqual([2, 3, 5, 6]);
    expect(only("name", "empty")).toEqual([3, 5, 6]);
    expect(only("name", "notEmpty")).toEqual([1, 2, 4]);
  });
});

describe("parseFilter", () => {
  it("reads every formula the builder writes back into rows that write the same formula", () => {
    for (const field of fields) {
      for (const op of operatorsFor(field.kind)) {
        for (const values of sampleValues(field, op)) {
          for (const join of ["all", "any"] as const) {
            const state: FilterState = {
              join,
              conditions: [
                { field: field.id, op, values },
                { field: "owner", op: "isMe", values: [] },
              ],
            };
            const built = buildFilter(state, fields);
            if (!built.ok) throw new Error(JSON.stringify(built));
            const read = parseFilter(built.text, fields);
            expect(read, built.text).toBeDefined();
            expect(buildFilter(read as FilterState, fields), built.text).toEqual(built);
          }
        }
      }
    }
  });

  it("gives the rows themselves back for single conditions", () => {
    const state: FilterState = {
      join: "all",
      conditions: [
        { field: "name", op: "notContains", values: ["it's"] },
        { field: "close", op: "lastDays", values: ["30"] },
        { field: "amount", op: "between", values: ["-5", "10"] },
        { field: "stage", op: "noneOf", values: ["won", "open"] },
        { field: "account", op: "isNot", values: ["a-1"] },
        { field: "seen", op: "before", values: ["2026-01-02"] },
      ],
    };
    const built = buildFilter(state, fields);
    expect(parseFilter(built.ok ? built.text : "", fields)).toEqual(state);
  });

  it("reads hand-written formulas of the same shapes, and nothing else", () => {
    expect(parseFilter("stage = 'won'", fields)).toEqual({
      join: "all",
      conditions: [{ field: "stage", op: "anyOf", values: ["won"] }],
    });
    expect(parseFilter("  ", fields)).toEqual({ join: "all", conditions: [] });
    for (const text of [
      "amount > 1 AND stage = 'won' OR owner = $user.id",
      "amount * 2 > 1",
      "nope = 1",
      "name = 'x' AND",
      "amount > 'x'",
      "close = DATE(2026, 1, 1.5)",
      "seen = DATE(2026, 1, 1)",
      "DATEVALUE(close) = DATE(2026, 1, 1)",
      "ISBLANK(name) OR amount <> 1",
    ]) {
      expect(parseFilter(text, fields), text).toBeUndefined();
    }
  });
});

describe("editing rows", () => {
  it("starts a row on the field's first operator and keeps the values the new operator takes", () => {
    const amount = fields.find((f) => f.id === "amount") as FilterField;
    expect(newCondition(amount)).toEqual({ field: "amount", op: "eq", values: [] });
    const between: FilterCondition = { field: "amount", op: "between", values: ["1", "2"] };
    expect(withOperator(between, "gt").values).toEqual(["1"]);
    expect(withOperator(between, "empty").values).toEqual([]);
    expect(withOperator({ ...between, op: "anyOf", values: ["a", "b", "c"] }, "noneOf").values).toEqual([
      "a",
      "b",
      "c",
    ]);
  });
});
