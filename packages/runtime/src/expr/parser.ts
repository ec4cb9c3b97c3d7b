import type { Issue } from "../issues/issue.js";
import type { BinaryOperator, Node, Span } from "./ast.js";
import { type Token, tokenize } from "./lexer.js";
import { type FormulaIssueCode, formulaIssue, type LocalizedParams } from "./messages.js";
import { offsetToPosition } from "./position.js";

/** Hard limits that keep hostile formulas from exhausting memory or the JS stack. */
export const FORMULA_LIMITS = {
  /** Longest formula text accepted; longer text is rejected before parsing. */
  maxLength: 10_000,
  /** Deepest nesting of parentheses, calls, IN lists and prefix operators. */
  maxNesting: 200,
  /**
   * Deepest syntax tree, counting long operator chains (`a + b + c + ...` is a left-deep
   * tree). Keeps the recursive checker, printer and compilers well inside the JS stack.
   */
  maxTreeDepth: 1_000,
} as const;

export interface ParseResult {
  /** The syntax tree; absent when the text has a syntax error. */
  readonly ast?: Node;
  readonly issues: readonly Issue[];
}

/** Binding power of infix operators, low to high. `NOT` (prefix) sits at 3. */
export const PRECEDENCE = {
  OR: 1,
  AND: 2,
  NOT: 3,
  comparison: 4,
  concat: 5,
  additive: 6,
  multiplicative: 7,
  negate: 8,
  primary: 9,
} as const;

const INFIX: Readonly<Record<string, { readonly op: BinaryOperator; readonly precedence: number }>> = {
  "+": { op: "+", precedence: PRECEDENCE.additive },
  "-": { op: "-", precedence: PRECEDENCE.additive },
  "*": { op: "*", precedence: PRECEDENCE.multiplicative },
  "/": { op: "/", precedence: PRECEDENCE.multiplicative },
  "&": { op: "&", precedence: PRECEDENCE.concat },
  "=": { op: "=", precedence: PRECEDENCE.comparison },
  "<>": { op: "<>", precedence: PRECEDENCE.comparison },
  "<": { op: "<", precedence: PRECEDENCE.comparison },
  "<=": { op: "<=", precedence: PRECEDENCE.comparison },
  ">": { op: ">", precedence: PRECEDENCE.comparison },
  ">=": { op: ">=", precedence: PRECEDENCE.comparison },
  AND: { op: "AND", precedence: PRECEDENCE.AND },
  OR: { op: "OR", precedence: PRECEDENCE.OR },
};

/** Thrown inside the parser to unwind on the first syntax error; never escapes {@link parseFormula}. */
interface Bail {
  readonly bail: Issue;
}

function isBail(value: unknown): value is Bail {
  return typeof value === "object" && value !== null && "bail" in value;
}

function describe(token: Token): LocalizedParams {
  if (token.kind === "end") return { en: { found: "the end of the formula" }, "zh-CN": { found: "公式结尾" } };
  const shown = token.text.length > 30 ? `${token.text.slice(0, 30)}…` : token.text;
  return { en: { found: `'${shown}'` }, "zh-CN": { found: `'${shown}'` } };
}

interface Parser {
  readonly text: string;
  readonly tokens: readonly Token[];
  index: number;
  depth: number;
}

function peek(p: Parser, ahead = 0): Token {
  const last = p.tokens[p.tokens.length - 1];
  const token = p.tokens[Math.min(p.index + ahead, p.tokens.length - 1)] ?? last;
  if (!token) throw new Error("token stream must end with an end token");
  return token;
}

function next(p: Parser): Token {
  const token = peek(p);
  if (p.index < p.tokens.length - 1) p.index++;
  return token;
}

function fail(p: Parser, code: FormulaIssueCode, at: Span, params: Record<string, unknown> = {}, token?: Token): never {
  const localized = token ? describe(token) : undefined;
  const found = token ? { found: token.kind === "end" ? null : token.text } : {};
  throw { bail: formulaIssue(code, at, p.text, { ...params, ...found }, localized) } satisfies Bail;
}

function isOp(token: Token, op: string): boolean {
  return token.kind === "operator" && token.op === op;
}

function isKw(token: Token, keyword: string): boolean {
  return token.kind === "keyword" && token.keyword === keyword;
}

function enter(p: Parser, at: Span): void {
  p.depth++;
  if (p.depth > FORMULA_LIMITS.maxNesting) fail(p, "formula.tooDeep", at, { max: FORMULA_LIMITS.maxNesting });
}

function infixOf(token: Token): { readonly op: BinaryOperator; readonly precedence: number } | undefined {
  const key = token.kind === "operator" ? token.op : token.kind === "keyword" ? token.keyword : undefined;
  return key !== undefined && Object.hasOwn(INFIX, key) ? INFIX[key] : undefined;
}

/** `value IN (...)` or `value NOT IN (...)` starting at the current token. */
function isInAhead(p: Parser): boolean {
  return isKw(peek(p), "IN") || (isKw(peek(p), "NOT") && isKw(peek(p, 1), "IN"));
}

function parseExpression(p: Parser, minPrecedence: number): Node {
  let left = parsePrefix(p);
  let comparedAt: Token | undefined;
  for (;;) {
    const token = peek(p);
    if (isInAhead(p)) {
      if (PRECEDENCE.comparison < minPrecedence) return left;
      if (comparedAt) fail(p, "formula.chainedComparison", token, { operator: "IN" });
      comparedAt = token;
      left = parseIn(p, left);
      continue;
    }
    const infix = infixOf(token);
    if (!infix || infix.precedence < minPrecedence) return left;
    if (infix.precedence === PRECEDENCE.comparison) {
      if (comparedAt) fail(p, "formula.chainedComparison", token, { operator: infix.op });
      comparedAt = token;
    }
    next(p);
    // Comparisons are non-associative; everything else is left-associative.
    const right = parseExpression(p, infix.precedence + 1);
    left = { type: "binary", op: infix.op, left, right, span: { start: left.span.start, end: right.span.end } };
  }
}

function parseIn(p: Parser, value: Node): Node {
  const negated = isKw(peek(p), "NOT") ? next(p) : undefined;
  const inToken = next(p);
  const open = peek(p);
  if (!isOp(open, "(")) fail(p, "formula.expectedInList", open, {}, open);
  next(p);
  enter(p, open);
  const list: Node[] = [];
  if (isOp(peek(p), ")")) fail(p, "formula.emptyInList", { start: inToken.start, end: peek(p).end });
  list.push(parseExpression(p, 0));
  while (isOp(peek(p), ",")) {
    next(p);
    list.push(parseExpression(p, 0));
  }
  const close = expectClose(p, open);
  p.depth--;
  const node: Node = { type: "in", value, list, span: { start: value.span.start, end: close.end } };
  if (!negated) return node;
  return { type: "unary", op: "NOT", operand: node, span: node.span };
}

function expectClose(p: Parser, open: Token): Token {
  const token = peek(p);
  if (isOp(token, ")")) return next(p);
  const at = offsetToPosition(p.text, open.start);
  return fail(p, "formula.unclosedParen", token, { openLine: at.line, openColumn: at.column }, token);
}

function parsePrefix(p: Parser): Node {
  const token = peek(p);
  if (isOp(token, "-") || isKw(token, "NOT")) {
    next(p);
    enter(p, token);
    const negate = isOp(token, "-");
    const operand = parseExpression(p, negate ? PRECEDENCE.negate : PRECEDENCE.NOT);
    p.depth--;
    return { type: "unary", op: negate ? "-" : "NOT", operand, span: { start: token.start, end: operand.span.end } };
  }
  return parsePrimary(p);
}

function parsePrimary(p: Parser): Node {
  const token = next(p);
  switch (token.kind) {
    case "number":
      return { type: "number", value: token.value, span: spanOf(token) };
    case "string":
      return { type: "string", value: token.value, span: spanOf(token) };
    case "variable": {
      const path = [token.name, ...parsePathTail(p)];
      return { type: "variable", path, span: { start: token.start, end: p.tokens[p.index - 1]?.end ?? token.end } };
    }
    case "identifier":
      if (isOp(peek(p), "(")) return parseCall(p, token, token.name);
      return parseField(p, token);
    case "keyword":
      switch (token.keyword) {
        case "TRUE":
        case "FALSE":
          return { type: "boolean", value: token.keyword === "TRUE", span: spanOf(token) };
        case "BLANK":
        case "NULL":
          return { type: "blank", span: spanOf(token) };
        case "AND":
        case "OR":
          if (isOp(peek(p), "(")) return parseCall(p, token, token.keyword);
          return fail(p, "formula.expectedExpression", token, {}, token);
        case "NOT":
        case "IN":
          return fail(p, "formula.expectedExpression", token, {}, token);
      }
      break;
    case "operator":
      if (token.op === "(") {
        enter(p, token);
        const inner = parseExpression(p, 0);
        expectClose(p, token);
        p.depth--;
        return inner;
      }
      return fail(p, "formula.expectedExpression", token, {}, token);
    case "end":
      return fail(p, "formula.expectedExpression", token, {}, token);
  }
  return fail(p, "formula.expectedExpression", token, {}, token);
}

function spanOf(token: Token): Span {
  return { start: token.start, end: token.end };
}

/** `.name` segments after a field or variable; keywords are fine after a dot (`$old.in`). */
function parsePathTail(p: Parser): string[] {
  const tail: string[] = [];
  while (isOp(peek(p), ".")) {
    next(p);
    const name = next(p);
    if (name.kind === "identifier" || name.kind === "keyword") tail.push(name.text);
    else fail(p, "formula.expectedName", name, {}, name);
  }
  return tail;
}

function parseField(p: Parser, first: Token & { readonly kind: "identifier" }): Node {
  const path = [first.name, ...parsePathTail(p)];
  const end = p.tokens[p.index - 1]?.end ?? first.end;
  if (path.length > 1 && isOp(peek(p), "(")) fail(p, "formula.notCallable", peek(p), { name: path.join(".") });
  return { type: "field", path, span: { start: first.start, end } };
}

function parseCall(p: Parser, nameToken: Token, name: string): Node {
  const open = next(p);
  enter(p, open);
  const args: Node[] = [];
  if (!isOp(peek(p), ")")) {
    args.push(parseExpression(p, 0));
    while (isOp(peek(p), ",")) {
      next(p);
      args.push(parseExpression(p, 0));
    }
  }
  const close = expectClose(p, open);
  p.depth--;
  return {
    type: "call",
    name: name.toUpperCase(),
    args,
    span: { start: nameToken.start, end: close.end },
    nameSpan: spanOf(nameToken),
  };
}

/** Depth of a tree, measured without recursion so hostile trees cannot overflow the stack. */
export function treeDepth(root: Node): number {
  let max = 0;
  const stack: Array<readonly [Node, number]> = [[root, 1]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (depth > max) max = depth;
    for (const child of childrenOf(node)) stack.push([child, depth + 1]);
  }
  return max;
}

/** The direct children of a node, in source order. */
export function childrenOf(node: Node): readonly Node[] {
  switch (node.type) {
    case "number":
    case "string":
    case "boolean":
    case "blank":
    case "field":
    case "variable":
      return [];
    case "unary":
      return [node.operand];
    case "binary":
      return [node.left, node.right];
    case "in":
      return [node.value, ...node.list];
    case "call":
      return node.args;
  }
}

/**
 * Parse formula text into a syntax tree. Never throws: syntax errors, text longer than
 * {@link FORMULA_LIMITS.maxLength} (`formula.tooLong`) and nesting deeper than
 * {@link FORMULA_LIMITS.maxNesting} (`formula.tooDeep`) come back as issues. Parsing stops
 * at the first syntax error.
 *
 * @example parseFormula("stage IN ('won', 'lost')").ast?.type // "in"
 */
export function parseFormula(text: string): ParseResult {
  if (text.length > FORMULA_LIMITS.maxLength) {
    const params = { length: text.length, max: FORMULA_LIMITS.maxLength };
    return { issues: [formulaIssue("formula.tooLong", { start: 0, end: text.length }, text, params)] };
  }
  const lexed = tokenize(text);
  if (lexed.issues.length > 0) return { issues: lexed.issues };
  const p: Parser = { text, tokens: lexed.tokens, index: 0, depth: 0 };
  const first = peek(p);
  if (first.kind === "end") return { issues: [formulaIssue("formula.empty", { start: 0, end: text.length }, text)] };
  try {
    const ast = parseExpression(p, 0);
    const rest = peek(p);
    if (rest.kind !== "end") fail(p, "formula.unexpectedToken", rest, {}, rest);
    if (treeDepth(ast) > FORMULA_LIMITS.maxTreeDepth) {
      const params = { max: FORMULA_LIMITS.maxTreeDepth };
      return { issues: [formulaIssue("formula.tooDeep", ast.span, text, params)] };
    }
    return { ast, issues: [] };
  } catch (error) {
    if (isBail(error)) return { issues: [error.bail] };
    throw error;
  }
}
