import { describe, expect, it } from "vitest";
import type { Node } from "./ast.js";
import { FORMULA_LIMITS, parseFormula } from "./parser.js";

/** Fully parenthesised rendering, to pin down precedence and associativity. */
function sexpr(node: Node): string {
  switch (node.type) {
    case "number":
      return String(node.value);
    case "string":
      return JSON.stringify(node.value);
    case "boolean":
      return String(node.value);
    case "blank":
      return "BLANK";
    case "field":
      return node.path.join(".");
    case "variable":
      return `$${node.path.join(".")}`;
    case "unary":
      return `(${node.op} ${sexpr(node.operand)})`;
    case "binary":
      return `(${sexpr(node.left)} ${node.op} ${sexpr(node.right)})`;
    case "in":
      return `(${sexpr(node.value)} IN [${node.list.map(sexpr).join(", ")}])`;
    case "call":
      return `${node.name}(${node.args.map(sexpr).join(", ")})`;
  }
}

function tree(text: string): string {
  const { ast, issues } = parseFormula(text);
  expect(issues).toEqual([]);
  if (!ast) throw new Error("no tree");
  return sexpr(ast);
}

function firstIssue(text: string) {
  const { ast, issues } = parseFormula(text);
  expect(ast).toBeUndefined();
  expect(issues.length).toBeGreaterThan(0);
  const issue = issues[0];
  if (!issue) throw new Error("no issue");
  return issue;
}

describe("parseFormula: the examples from the design", () => {
  it.each([
    ["IF(amount > 100000, 'HQ', 'Region')", 'IF((amount > 100000), "HQ", "Region")'],
    ["stage = 'won' AND closeDate >= DATE(2026, 1, 1)", '((stage = "won") AND (closeDate >= DATE(2026, 1, 1)))'],
    ["owner = $user.id", "(owner = $user.id)"],
    ["account.region", "account.region"],
    ["ROUND(amount * probability / 100, 2)", "ROUND(((amount * probability) / 100), 2)"],
    ["stage IN ('won', 'lost')", '(stage IN ["won", "lost"])'],
  ])("%s", (text, expected) => {
    expect(tree(text)).toBe(expected);
  });
});

describe("parseFormula: precedence and associativity", () => {
  it.each([
    ["a OR b AND c", "(a OR (b AND c))"],
    ["a AND b OR c", "((a AND b) OR c)"],
    ["NOT a AND b", "((NOT a) AND b)"],
    ["NOT a = b", "(NOT (a = b))"],
    ["NOT NOT a", "(NOT (NOT a))"],
    ["a = b & c", "(a = (b & c))"],
    ["a & b + c", "(a & (b + c))"],
    ["a + b * c", "(a + (b * c))"],
    ["a - b - c", "((a - b) - c)"],
    ["a / b / c", "((a / b) / c)"],
    ["a & b & c", "((a & b) & c)"],
    ["-a * b", "((- a) * b)"],
    ["a * -b", "(a * (- b))"],
    ["--a", "(- (- a))"],
    ["-a.b", "(- a.b)"],
    ["(a + b) * c", "((a + b) * c)"],
    ["a + b IN (1, 2)", "((a + b) IN [1, 2])"],
    ["a IN (1) AND b", "((a IN [1]) AND b)"],
    ["a NOT IN (1, 2)", "(NOT (a IN [1, 2]))"],
    ["(a = b) = c", "((a = b) = c)"],
    ["a = NOT b", "(a = (NOT b))"],
    ["a <> b", "(a <> b)"],
    ["a != b", "(a <> b)"],
    ["a<=b", "(a <= b)"],
  ])("%s", (text, expected) => {
    expect(tree(text)).toBe(expected);
  });
});

describe("parseFormula: literals, paths and calls", () => {
  it("reads keywords in any case", () => {
    expect(tree("true or False and not Blank")).toBe("(true OR (false AND (NOT BLANK)))");
    expect(tree("NULL")).toBe("BLANK");
  });

  it("upper-cases function names and keeps field names as written", () => {
    expect(tree("round(Amount, 2)")).toBe("ROUND(Amount, 2)");
    expect(tree("today()")).toBe("TODAY()");
    expect(tree("MAX ( a , b )")).toBe("MAX(a, b)");
  });

  it("reads NOT(x) as prefix NOT, AND(...) and OR(...) as calls", () => {
    expect(tree("NOT(a)")).toBe("(NOT a)");
    expect(tree("AND(a, b, c)")).toBe("AND(a, b, c)");
    expect(tree("or(a, b) AND NOT(c)")).toBe("(OR(a, b) AND (NOT c))");
    expect(tree("x AND OR(a, b)")).toBe("(x AND OR(a, b))");
  });

  it("reads paths through relations and variables, allowing keywords after a dot", () => {
    expect(tree("account.owner.region")).toBe("account.owner.region");
    expect(tree("$old.amount")).toBe("$old.amount");
    expect(tree("$old.in")).toBe("$old.in");
  });

  it("keeps spans that cover the source text", () => {
    const { ast } = parseFormula("  ROUND(a.b , 2) ");
    expect(ast?.span).toEqual({ start: 2, end: 16 });
    if (ast?.type !== "call") throw new Error("expected a call");
    expect(ast.nameSpan).toEqual({ start: 2, end: 7 });
    expect(ast.args[0]?.span).toEqual({ start: 8, end: 11 });
  });

  it("reads multi-line formulas", () => {
    expect(tree("IF(\n  a > 1,\n  'x',\n  'y'\n)")).toBe('IF((a > 1), "x", "y")');
  });
});

describe("parseFormula: errors say what to do", () => {
  it("points at the unclosed parenthesis", () => {
    const issue = firstIssue("ROUND((a + b, 2");
    expect(issue.code).toBe("formula.unclosedParen");
    expect(issue.params).toMatchObject({ openLine: 1, openColumn: 7, line: 1, column: 13 });
    expect(issue.message.en).toContain("Expected ')' to close the '(' at line 1, column 7");
    expect(issue.message["zh-CN"]).toContain("（第 1 行，第 13 列）");
  });

  it.each([
    ["", "formula.empty"],
    ["   \n ", "formula.empty"],
    ["1 +", "formula.expectedExpression"],
    ["IF(a,, b)", "formula.expectedExpression"],
    ["f(a,)", "formula.expectedExpression"],
    ["a b", "formula.unexpectedToken"],
    ["(a))", "formula.unexpectedToken"],
    ["a = b = c", "formula.chainedComparison"],
    ["a < b IN (1)", "formula.chainedComparison"],
    ["a IN 1", "formula.expectedInList"],
    ["a IN ()", "formula.emptyInList"],
    ["a.", "formula.expectedName"],
    ["a.1", "formula.unexpectedToken"],
    ["a.b(1)", "formula.notCallable"],
    ["AND", "formula.expectedExpression"],
    ["IN", "formula.expectedExpression"],
    ["*a", "formula.expectedExpression"],
    ["'abc", "formula.unterminatedString"],
  ])("%j → %s", (text, code) => {
    const issue = firstIssue(text);
    expect(issue.code).toBe(code);
    expect(issue.path).toBe("");
    expect(issue.severity).toBe("error");
    expect(issue.params).toHaveProperty("line");
    expect(issue.params).toHaveProperty("column");
    expect(issue.message.en).toMatch(/\(line \d+, column \d+\)/);
    expect(issue.message["zh-CN"]).toMatch(/（第 \d+ 行，第 \d+ 列）/);
  });

  it("reports the line and column of an error on a later line", () => {
    const issue = firstIssue("IF(a > 1,\n  'x' +,\n 'y')");
    expect(issue.params).toMatchObject({ line: 2, column: 8 });
  });

  it("names the end of the formula in both languages", () => {
    const issue = firstIssue("1 +");
    expect(issue.message.en).toContain("the end of the formula");
    expect(issue.message["zh-CN"]).toContain("公式结尾");
  });
});

describe("parseFormula: limits", () => {
  it("rejects text over the length limit without parsing", () => {
    const { ast, issues } = parseFormula("1".repeat(FORMULA_LIMITS.maxLength + 1));
    expect(ast).toBeUndefined();
    expect(issues.map((i) => i.code)).toEqual(["formula.tooLong"]);
  });

  it("accepts nesting up to the limit and rejects one more", () => {
    const depth = FORMULA_LIMITS.maxNesting;
    expect(parseFormula(`${"(".repeat(depth)}1${")".repeat(depth)}`).issues).toEqual([]);
    const over = parseFormula(`${"(".repeat(depth + 1)}1${")".repeat(depth + 1)}`);
    expect(over.issues.map((i) => i.code)).toEqual(["formula.tooDeep"]);
  });

  it("limits the depth of long operator chains", () => {
    const chain = Array.from({ length: FORMULA_LIMITS.maxTreeDepth + 1 }, () => "1").join("+");
    expect(parseFormula(chain).issues.map((i) => i.code)).toEqual(["formula.tooDeep"]);
    const short = Array.from({ length: 500 }, () => "1").join("+");
    expect(parseFormula(short).issues).toEqual([]);
  });
});
