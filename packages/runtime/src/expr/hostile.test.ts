import { describe, expect, it } from "vitest";
import { analyzeFormula, parseFormula, printFormula } from "./front.js";
import type { FunctionSpec } from "./functionSpec.js";
import { FORMULA_LIMITS } from "./parser.js";
import { createScope, standardVariables } from "./scopeBuilder.js";
import { T } from "./types.js";

const functions = new Map<string, FunctionSpec>([
  [
    "ROUND",
    {
      name: "ROUND",
      category: "math",
      arity: { min: 1, max: 2 },
      check: () => ({ ok: true, type: T.number }),
      doc: { signature: "ROUND(number, digits?)", en: "", "zh-CN": "", example: "", result: "" },
    },
  ],
]);

/** Fields named like Object.prototype members; `__proto__` as an own key needs JSON.parse or a computed key. */
const dealFields = { constructor: T.text, amount: T.number, ["__proto__"]: T.number };
const scope = createScope({
  entity: "deal",
  entities: { deal: dealFields, account: JSON.parse('{"__proto__": {"kind": "text"}}') },
  variables: standardVariables(dealFields),
});
const bareScope = createScope({ entity: "deal", entities: { deal: { amount: T.number } }, variables: {} });

function codes(text: string, useScope = scope): string[] {
  return analyzeFormula(text, useScope, functions).issues.map((i) => i.code);
}

describe("hostile input: size and depth", () => {
  it("rejects 100,000 characters as too long, quickly and without parsing", () => {
    const started = performance.now();
    expect(parseFormula("1+".repeat(50_000)).issues.map((i) => i.code)).toEqual(["formula.tooLong"]);
    expect(parseFormula("-".repeat(100_000)).issues.map((i) => i.code)).toEqual(["formula.tooLong"]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("rejects 1,000 nested parentheses without overflowing the stack", () => {
    const text = `${"(".repeat(1_000)}1${")".repeat(1_000)}`;
    expect(parseFormula(text).issues.map((i) => i.code)).toEqual(["formula.tooDeep"]);
  });

  it("rejects long unary chains and unterminated nesting as too deep", () => {
    expect(parseFormula(`${"-".repeat(9_999)}1`).issues.map((i) => i.code)).toEqual(["formula.tooDeep"]);
    expect(parseFormula(`${"NOT ".repeat(2_000)}TRUE`).issues.map((i) => i.code)).toEqual(["formula.tooDeep"]);
    expect(parseFormula("(".repeat(9_999)).issues.map((i) => i.code)).toEqual(["formula.tooDeep"]);
    expect(parseFormula("ROUND(".repeat(1_000)).issues.map((i) => i.code)).toEqual(["formula.tooDeep"]);
    expect(parseFormula("x IN (".repeat(1_000)).issues.map((i) => i.code)).toEqual(["formula.tooDeep"]);
  });

  it("reports a short unterminated nesting as an unclosed parenthesis", () => {
    expect(parseFormula("((((((").issues.map((i) => i.code)).toEqual(["formula.expectedExpression"]);
    expect(parseFormula("((((((1").issues.map((i) => i.code)).toEqual(["formula.unclosedParen"]);
  });

  it("handles the longest accepted formulas in linear-ish time", () => {
    const max = FORMULA_LIMITS.maxLength;
    const started = performance.now();
    const strings = `'${"x".repeat(max - 2)}'`;
    expect(parseFormula(strings).ast?.type).toBe("string");
    const quotes = `'${"''".repeat((max - 2) / 2)}'`;
    expect(parseFormula(quotes).ast).toMatchObject({ type: "string", value: "'".repeat((max - 2) / 2) });
    const items: number[] = [];
    while (`amount IN (${items.join(",")},${items.length})`.length <= max) items.push(items.length);
    const inList = `amount IN (${items.join(",")})`;
    expect(inList.length).toBeGreaterThan(max - 10);
    expect(parseFormula(inList).ast?.type).toBe("in");
    const sum = Array.from({ length: 900 }, () => "amount").join("+");
    expect(analyzeFormula(sum, scope, functions).issues).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("prints and checks a tree at the depth limit", () => {
    const depth = FORMULA_LIMITS.maxNesting;
    const text = `${"ROUND(".repeat(depth)}amount${")".repeat(depth)}`;
    const result = analyzeFormula(text, scope, functions);
    expect(result.issues).toEqual([]);
    if (!result.ast) throw new Error("no tree");
    expect(printFormula(result.ast)).toBe(text);
  });
});

describe("hostile input: prototype names", () => {
  it("resolves fields named like prototype members only when they really exist", () => {
    expect(codes("constructor & 'x'")).toEqual([]);
    expect(codes("__proto__ + 1")).toEqual([]);
    expect(codes("prototype")).toEqual(["formula.unknownField"]);
    expect(codes("constructor", bareScope)).toEqual(["formula.unknownField"]);
    expect(codes("__proto__", bareScope)).toEqual(["formula.unknownField"]);
    expect(codes("toString", bareScope)).toEqual(["formula.unknownField"]);
    expect(codes("hasOwnProperty", bareScope)).toEqual(["formula.unknownField"]);
  });

  it("does not follow prototype members as relations or entities", () => {
    expect(codes("constructor.name")).toEqual(["formula.notARelation"]);
    expect(codes("amount.constructor")).toEqual(["formula.notARelation"]);
    const related = createScope({
      entity: "deal",
      entities: { deal: { link: { type: T.text, target: "constructor" } } },
    });
    expect(codes("link.name", related)).toEqual(["formula.unknownField"]);
  });

  it("treats prototype-named variables and functions as unknown", () => {
    expect(codes("$__proto__")).toEqual(["formula.unknownVariable"]);
    expect(codes("$constructor")).toEqual(["formula.unknownVariable"]);
    expect(codes("$user.constructor")).toEqual(["formula.unknownVariable"]);
    expect(codes("$old.__proto__ + 1")).toEqual([]);
    expect(codes("constructor(1)")).toEqual(["formula.unknownFunction"]);
    expect(codes("__proto__(1)")).toEqual(["formula.unknownFunction"]);
    expect(codes("toString()")).toEqual(["formula.unknownFunction"]);
  });

  it("leaves Object.prototype untouched", () => {
    analyzeFormula("__proto__.polluted = 1", scope, functions);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("hostile input: injection-shaped text", () => {
  it("keeps SQL and script fragments inside string literals as plain text", () => {
    const { ast } = parseFormula(`constructor = 'x"; DROP TABLE y; --'`);
    expect(ast).toMatchObject({ type: "binary", right: { type: "string", value: 'x"; DROP TABLE y; --' } });
    expect(parseFormula(`"'); alert(1); //"`).ast).toMatchObject({ type: "string", value: "'); alert(1); //" });
    const templateLike = ["$", "{process.exit(1)}"].join("");
    expect(parseFormula(`'${templateLike}'`).ast).toMatchObject({ type: "string", value: templateLike });
  });

  it("rejects injection outside a string as a syntax error", () => {
    expect(parseFormula(`x"; DROP TABLE y; --`).issues.map((i) => i.code)).toEqual(["formula.unterminatedString"]);
    expect(parseFormula("amount; DROP TABLE deal").issues.map((i) => i.code)).toEqual(["formula.invalidCharacter"]);
    // `--` is two minus signs, not a comment: the rest is an ordinary (unknown) field.
    expect(codes("amount -- comment")).toEqual(["formula.unknownField"]);
    expect(parseFormula("a /* b */").issues.map((i) => i.code)).toEqual(["formula.expectedExpression"]);
    expect(parseFormula("`whoami`").issues.map((i) => i.code)).toEqual(["formula.invalidCharacter"]);
    expect(parseFormula("a[0]").issues.map((i) => i.code)).toEqual(["formula.invalidCharacter"]);
  });

  it("quotes strings safely when printing", () => {
    const { ast } = parseFormula(`"it's ''quoted'' \\ \n"`);
    if (!ast) throw new Error("no tree");
    const printed = printFormula(ast);
    expect(printed).toBe("'it''s ''''quoted'''' \\ \n'");
    expect(parseFormula(printed).ast).toMatchObject({ type: "string", value: "it's ''quoted'' \\ \n" });
  });
});
