import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BinaryOperator, Node } from "./ast.js";
import { isKeyword } from "./lexer.js";
import { parseFormula } from "./parser.js";
import { printFormula } from "./print.js";

const at = { start: 0, end: 0 };

/** The tree without spans, for comparing a re-parsed tree with the original. */
function stripSpans(node: Node): unknown {
  switch (node.type) {
    case "number":
    case "string":
    case "boolean":
      return { type: node.type, value: node.value };
    case "blank":
      return { type: node.type };
    case "field":
    case "variable":
      return { type: node.type, path: node.path };
    case "unary":
      return { type: node.type, op: node.op, operand: stripSpans(node.operand) };
    case "binary":
      return { type: node.type, op: node.op, left: stripSpans(node.left), right: stripSpans(node.right) };
    case "in":
      return { type: node.type, value: stripSpans(node.value), list: node.list.map(stripSpans) };
    case "call":
      return { type: node.type, name: node.name, args: node.args.map(stripSpans) };
  }
}

function reprint(text: string): string {
  const { ast, issues } = parseFormula(text);
  expect(issues).toEqual([]);
  if (!ast) throw new Error("no tree");
  return printFormula(ast);
}

const identifier = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,6}$/).filter((s) => !isKeyword(s));
const laterSegment = fc.oneof(identifier, fc.constantFrom("in", "Not", "and", "TRUE", "blank"));
const path = (max: number) =>
  fc.tuple(identifier, fc.array(laterSegment, { maxLength: max - 1 })).map(([first, rest]) => [first, ...rest]);
const binaryOps: BinaryOperator[] = ["+", "-", "*", "/", "&", "=", "<>", "<", "<=", ">", ">=", "AND", "OR"];

const { node } = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc
      .double({ min: 0, max: Number.MAX_VALUE, noNaN: true })
      .map((value): Node => ({ type: "number", value: Object.is(value, -0) ? 0 : value, span: at })),
    fc.string({ unit: "binary", maxLength: 8 }).map((value): Node => ({ type: "string", value, span: at })),
    fc.boolean().map((value): Node => ({ type: "boolean", value, span: at })),
    fc.constant<Node>({ type: "blank", span: at }),
    path(4).map((p): Node => ({ type: "field", path: p, span: at })),
    fc.array(laterSegment, { minLength: 1, maxLength: 3 }).map((p): Node => ({ type: "variable", path: p, span: at })),
    fc
      .tuple(fc.constantFrom("-" as const, "NOT" as const), tie("node"))
      .map(([op, operand]): Node => ({ type: "unary", op, operand, span: at })),
    fc
      .tuple(fc.constantFrom(...binaryOps), tie("node"), tie("node"))
      .map(([op, left, right]): Node => ({ type: "binary", op, left, right, span: at })),
    fc
      .tuple(tie("node"), fc.array(tie("node"), { minLength: 1, maxLength: 3 }))
      .map(([value, list]): Node => ({ type: "in", value, list, span: at })),
    fc
      .tuple(
        fc.constantFrom("IF", "ROUND", "AND", "OR", "MIN", "X_1", "TODAY"),
        fc.array(tie("node"), { maxLength: 3 }),
      )
      .map(([name, args]): Node => ({ type: "call", name, args, span: at, nameSpan: at })),
  ),
}));

describe("printFormula", () => {
  it.each([
    ["(a+b)*  2", "(a + b) * 2"],
    ["a - (b - c)", "a - (b - c)"],
    ["(a - b) - c", "a - b - c"],
    ["((a))", "a"],
    ["not(a) and b", "NOT a AND b"],
    ["(NOT a) = b", "(NOT a) = b"],
    ["-(a * b)", "-(a * b)"],
    ["- -1", "--1"],
    ['"it\'s"', "'it''s'"],
    ["round(x, 2)", "ROUND(x, 2)"],
    ["x in ('a','b')", "x IN ('a', 'b')"],
    ["x NOT IN (1)", "NOT x IN (1)"],
    ["1e21 + .5", "1e+21 + 0.5"],
    ["(a = b) = c", "(a = b) = c"],
    ["a & (b & c)", "a & (b & c)"],
    ["null", "BLANK"],
  ])("prints %s as %s", (text, printed) => {
    expect(reprint(text)).toBe(printed);
  });

  it("round-trips random trees: print → parse gives the same tree", () => {
    fc.assert(
      fc.property(node, (ast) => {
        const text = printFormula(ast);
        const parsed = parseFormula(text);
        expect(parsed.issues).toEqual([]);
        if (!parsed.ast) throw new Error("no tree");
        expect(stripSpans(parsed.ast)).toEqual(stripSpans(ast));
        expect(printFormula(parsed.ast)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws on arbitrary text: a tree or at least one issue", () => {
    const alphabet = fc.constantFrom(..."ab1.'\"$()-+*/&=<>!, \nNOTANDIN_".split(""));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: alphabet, maxLength: 40 }), fc.string({ unit: "binary" })), (text) => {
        const { ast, issues } = parseFormula(text);
        expect(ast !== undefined || issues.length > 0).toBe(true);
        if (ast) expect(stripSpans(parseFormula(printFormula(ast)).ast ?? ast)).toEqual(stripSpans(ast));
      }),
      { numRuns: 2000 },
    );
  });
});
