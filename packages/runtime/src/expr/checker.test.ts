import { describe, expect, it } from "vitest";
import type { Issue } from "../issues/issue.js";
import { analyzeFormula } from "./front.js";
import type { CallCheckResult, FunctionSpec } from "./functionSpec.js";
import { createScope, standardVariables } from "./scopeBuilder.js";
import { type FormulaType, type FormulaTypeKind, T, typeName } from "./types.js";

function spec(name: string, min: number, max: number, check: FunctionSpec["check"]): FunctionSpec {
  const doc = { signature: `${name}(...)`, en: "", "zh-CN": "", example: "", result: "" };
  return { name, category: "logic", arity: { min, max }, check, doc };
}

function requireKinds(types: readonly FormulaType[], kind: FormulaTypeKind, result: FormulaType): CallCheckResult {
  const argIndex = types.findIndex((t) => t.kind !== kind && t.kind !== "null");
  if (argIndex < 0) return { ok: true, type: result };
  return { ok: false, code: "argumentType", argIndex, expected: kind, actual: typeName(types[argIndex] ?? T.null) };
}

/** A small stand-in for the real function library (which the back end provides). */
const functions = new Map<string, FunctionSpec>(
  [
    spec("IF", 3, 3, (args) => {
      const [cond, a, b] = args.map((arg) => arg.type);
      if (cond && cond.kind !== "boolean" && cond.kind !== "null") {
        return { ok: false, code: "argumentType", argIndex: 0, expected: "boolean", actual: typeName(cond) };
      }
      if (a && b && a.kind !== "null" && b.kind !== "null" && a.kind !== b.kind) {
        return { ok: false, code: "incompatibleTypes", argIndex: 2, expected: typeName(a), actual: typeName(b) };
      }
      return { ok: true, type: a?.kind === "null" ? (b ?? T.null) : (a ?? T.null) };
    }),
    spec("ROUND", 1, 2, (args) =>
      requireKinds(
        args.map((a) => a.type),
        "number",
        T.number,
      ),
    ),
    spec("MIN", 1, Number.POSITIVE_INFINITY, (args) =>
      requireKinds(
        args.map((a) => a.type),
        "number",
        T.number,
      ),
    ),
    spec("DATE", 3, 3, (args) =>
      requireKinds(
        args.map((a) => a.type),
        "number",
        T.date,
      ),
    ),
    spec("ISBLANK", 1, 1, () => ({ ok: true, type: T.boolean })),
    spec("AND", 1, Number.POSITIVE_INFINITY, (args) =>
      requireKinds(
        args.map((a) => a.type),
        "boolean",
        T.boolean,
      ),
    ),
    spec("DATEADD", 3, 3, (args) => {
      const unit = args[2]?.node;
      if (unit?.type !== "string" || !["day", "month"].includes(unit.value)) {
        return { ok: false, code: "literalRequired", argIndex: 2, allowed: ["day", "month"] };
      }
      return { ok: true, type: T.date };
    }),
  ].map((s) => [s.name, s]),
);

const dealFields = {
  amount: T.number,
  probability: T.number,
  stage: { kind: "text", options: ["open", "won", "lost"] },
  closeDate: T.date,
  createdAt: T.datetime,
  name: T.text,
  tags: { kind: "list", options: ["vip", "new"] },
  isKey: T.boolean,
  account: { type: { kind: "text", ref: "account" }, target: "account" },
  owner: { kind: "text", ref: "user" },
} as const;

const scope = createScope({
  entity: "deal",
  entities: {
    deal: dealFields,
    account: {
      region: { kind: "text", options: ["north", "south"] },
      name: T.text,
      parent: { kind: "text", target: "account" },
    },
  },
  variables: standardVariables(dealFields),
});

function analyze(text: string, expected?: FormulaTypeKind | readonly FormulaTypeKind[]) {
  return analyzeFormula(text, scope, functions, expected === undefined ? {} : { expected });
}

function typeOf(text: string): string | undefined {
  const result = analyze(text);
  expect(result.issues).toEqual([]);
  expect(result.typed).toBeDefined();
  return result.type?.kind;
}

function issuesOf(text: string, expected?: FormulaTypeKind | readonly FormulaTypeKind[]): readonly Issue[] {
  const result = analyze(text, expected);
  expect(result.issues.length).toBeGreaterThan(0);
  expect(result.typed).toBeUndefined();
  for (const issue of result.issues) {
    expect(issue.path).toBe("");
    expect(issue.params).toHaveProperty("start");
    expect(issue.params).toHaveProperty("end");
    expect(issue.message.en).toMatch(/\(line \d+, column \d+\)/);
    expect(issue.message["zh-CN"]).toMatch(/（第 \d+ 行，第 \d+ 列）/);
    expect(issue.message.en).not.toMatch(/\{\w+\}/);
    expect(issue.message["zh-CN"]).not.toMatch(/\{\w+\}/);
  }
  return result.issues;
}

function onlyIssue(text: string, expected?: FormulaTypeKind | readonly FormulaTypeKind[]): Issue {
  const issues = issuesOf(text, expected);
  expect(issues.map((i) => i.code)).toHaveLength(1);
  const issue = issues[0];
  if (!issue) throw new Error("no issue");
  return issue;
}

describe("checkFormula: well-typed formulas", () => {
  it.each([
    ["IF(amount > 100000, 'HQ', 'Region')", "text"],
    ["stage = 'won' AND closeDate >= DATE(2026, 1, 1)", "boolean"],
    ["owner = $user.id", "boolean"],
    ["account.region", "text"],
    ["account.parent.parent.region", "text"],
    ["ROUND(amount * probability / 100, 2)", "number"],
    ["stage IN ('won', 'lost')", "boolean"],
    ["-amount", "number"],
    ["name & ' ' & amount & closeDate & isKey", "text"],
    ["NOT isKey OR amount <> 0", "boolean"],
    ["closeDate < $today AND createdAt <= $now", "boolean"],
    ["amount > $old.amount", "boolean"],
    ["BLANK + 1", "number"],
    ["IF(isKey, BLANK, 1)", "number"],
    ["ISBLANK(amount) AND ISBLANK(BLANK)", "boolean"],
    ["'a' < 'b'", "boolean"],
    ["MIN(1, 2, 3, 4, 5, 6)", "number"],
    ["AND(isKey, TRUE, BLANK)", "boolean"],
    ["DATEADD(closeDate, 1, 'month')", "date"],
    ["round(amount)", "number"],
    ["BLANK", "null"],
  ])("%s is %s", (text, kind) => {
    expect(typeOf(text)).toBe(kind);
  });

  it("annotates every node of the typed tree", () => {
    const { typed } = analyze("amount + 1 > 2");
    expect(typed).toMatchObject({
      type: "binary",
      valueType: { kind: "boolean" },
      left: { type: "binary", valueType: { kind: "number" }, left: { type: "field", valueType: { kind: "number" } } },
    });
  });

  it("keeps select options and refs on field types", () => {
    expect(analyze("stage").type).toEqual({ kind: "text", options: ["open", "won", "lost"] });
    expect(analyze("account").type).toEqual({ kind: "text", ref: "account" });
  });
});

describe("checkFormula: references", () => {
  it("reports an unknown field with a suggestion and the segment's column", () => {
    const issue = onlyIssue("1 + amout");
    expect(issue).toMatchObject({
      code: "formula.unknownField",
      params: { entity: "deal", field: "amout", suggestion: "amount", start: 4, end: 9, line: 1, column: 5 },
    });
    expect(issue.message.en).toContain("Did you mean 'amount'?");
    expect(issue.message["zh-CN"]).toContain("你是不是想写 'amount'？");
  });

  it("follows relations to the target entity", () => {
    const issue = onlyIssue("account.regoin = 'north'");
    expect(issue.params).toMatchObject({ entity: "account", field: "regoin", suggestion: "region", start: 8, end: 14 });
  });

  it("does not suggest when nothing is close", () => {
    const issue = onlyIssue("zzzzzz");
    expect(issue.params.suggestion).toBeUndefined();
    expect(issue.message.en).not.toContain("Did you mean");
  });

  it("rejects a path through a field that is not a relation", () => {
    const issue = onlyIssue("amount.value");
    expect(issue).toMatchObject({ code: "formula.notARelation", params: { field: "amount", next: "value" } });
  });

  it("allows three hops and rejects four", () => {
    expect(typeOf("account.parent.parent.name")).toBe("text");
    expect(onlyIssue("account.parent.parent.parent.name").code).toBe("formula.tooManyHops");
  });

  it("reports unknown variables with a suggestion", () => {
    const issue = onlyIssue("$user.idd = owner");
    expect(issue).toMatchObject({
      code: "formula.unknownVariable",
      params: { name: "user.idd", suggestion: "user.id" },
    });
    expect(issue.message.en).toContain("Did you mean '$user.id'?");
    expect(onlyIssue("$old.nothing").code).toBe("formula.unknownVariable");
  });

  it("reports unknown functions with a suggestion, on the name", () => {
    const issue = onlyIssue("ROUDN(amount)");
    expect(issue).toMatchObject({
      code: "formula.unknownFunction",
      params: { name: "ROUDN", suggestion: "ROUND", end: 5 },
    });
  });

  it("checks arity and shows the signature", () => {
    const none = onlyIssue("ROUND()");
    expect(none).toMatchObject({ code: "formula.arity", params: { function: "ROUND", min: 1, max: 2, count: 0 } });
    expect(none.message.en).toContain("takes 1 to 2 argument(s)");
    expect(none.message["zh-CN"]).toContain("1 到 2");
    expect(onlyIssue("IF(TRUE, 1)").message.en).toContain("takes 3 argument(s)");
    expect(onlyIssue("MIN()").message.en).toContain("at least 1");
  });

  it("turns call check failures into issues on the argument", () => {
    expect(onlyIssue("ROUND(1, 'x')")).toMatchObject({
      code: "formula.argumentType",
      params: { function: "ROUND", position: 2, expected: "number", actual: "text", start: 9, end: 12 },
    });
    expect(onlyIssue("IF(isKey, 1, 'a')").code).toBe("formula.incompatibleTypes");
    expect(onlyIssue("DATEADD(closeDate, 1, name)")).toMatchObject({
      code: "formula.literalRequired",
      params: { allowed: ["day", "month"], position: 3 },
    });
  });
});

describe("checkFormula: operators", () => {
  it.each([
    ["'a' + 1", "formula.operandType"],
    ["amount * isKey", "formula.operandType"],
    ["-name", "formula.operandType"],
    ["NOT amount", "formula.operandType"],
    ["amount AND isKey", "formula.operandType"],
    ["tags & 'x'", "formula.operandType"],
    ["tags = 'vip'", "formula.operandType"],
    ["isKey < 1", "formula.operandType"],
    ["tags IN ('vip')", "formula.operandType"],
    ["amount = 'x'", "formula.typeMismatch"],
    ["closeDate = createdAt", "formula.typeMismatch"],
    ["closeDate > 5", "formula.typeMismatch"],
    ["amount IN (1, 'two')", "formula.typeMismatch"],
  ])("%s → %s", (text, code) => {
    expect(onlyIssue(text).code).toBe(code);
  });

  it("names both types in a mismatch", () => {
    const issue = onlyIssue("amount = name");
    expect(issue.params).toMatchObject({ operator: "=", left: "number", right: "text" });
    expect(issue.message.en).toContain("number and text");
  });

  it("reports each bad operand of the same operator", () => {
    expect(issuesOf("'a' - 'b'").map((i) => i.params.start)).toEqual([0, 6]);
  });

  it("reports comparing with BLANK and says to use ISBLANK", () => {
    for (const text of ["amount = BLANK", "NULL <> stage", "amount > BLANK", "stage IN ('won', BLANK)"]) {
      const issue = onlyIssue(text);
      expect(issue.code).toBe("formula.compareWithBlank");
      expect(issue.message.en).toContain("ISBLANK(x)");
    }
  });

  it("checks select options on either side of = and <>, and in IN lists", () => {
    const issue = onlyIssue("stage = 'wonn'");
    expect(issue).toMatchObject({
      code: "formula.unknownOption",
      params: { value: "wonn", options: ["open", "won", "lost"], suggestion: "won", start: 8, end: 14 },
    });
    expect(issue.message.en).toContain("Valid options: open, won, lost.");
    expect(issue.message.en).toContain("Did you mean 'won'?");
    expect(onlyIssue("'Won' <> stage").params.suggestion).toBe("won");
    expect(issuesOf("stage IN ('won', 'lots', 'x')").map((i) => i.params.value)).toEqual(["lots", "x"]);
    expect(onlyIssue("account.region = 'west'").code).toBe("formula.unknownOption");
    expect(typeOf("stage = name")).toBe("boolean");
  });

  it("requires the expected result type", () => {
    const issue = onlyIssue("amount + 1", "boolean");
    expect(issue).toMatchObject({ code: "formula.expectedType", params: { expected: ["boolean"], actual: "number" } });
    expect(analyze("amount > 1", "boolean").issues).toEqual([]);
    expect(analyze("amount", ["number", "text"]).issues).toEqual([]);
    expect(analyze("BLANK", "boolean").issues).toEqual([]);
  });
});

describe("checkFormula: collecting issues", () => {
  it("collects independent errors", () => {
    const issues = issuesOf("amout > 1 AND stag = 'x' OR NOPE(1)");
    expect(issues.map((i) => i.code)).toEqual([
      "formula.unknownField",
      "formula.unknownField",
      "formula.unknownFunction",
    ]);
  });

  it("does not cascade from a failed child", () => {
    expect(issuesOf("(amout + 1) * 2 > 'x'").map((i) => i.code)).toEqual(["formula.unknownField"]);
    expect(issuesOf("ROUND(amout)").map((i) => i.code)).toEqual(["formula.unknownField"]);
    expect(issuesOf("NOT (1 + 'a')").map((i) => i.code)).toEqual(["formula.operandType"]);
  });

  it("still reports arity when an argument failed too", () => {
    expect(issuesOf("ROUND(amout, 1, 2)").map((i) => i.code)).toEqual(["formula.unknownField", "formula.arity"]);
  });

  it("reports line and column in multi-line formulas", () => {
    const issue = onlyIssue("IF(\n  isKey,\n  amout,\n  0)");
    expect(issue.params).toMatchObject({ line: 3, column: 3 });
    expect(issue.message.en).toContain("(line 3, column 3)");
    expect(issue.message["zh-CN"]).toContain("（第 3 行，第 3 列）");
  });

  it("passes syntax errors through without checking", () => {
    const result = analyze("amount +");
    expect(result.ast).toBeUndefined();
    expect(result.issues.map((i) => i.code)).toEqual(["formula.expectedExpression"]);
  });
});
