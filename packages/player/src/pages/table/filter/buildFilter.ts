import { FORMULA_LIMITS, type FormulaNode, printFormula } from "@plinth/runtime";
import type {
  BuildResult,
  FilterCondition,
  FilterField,
  FilterProblem,
  FilterProblemCode,
  FilterState,
} from "./filter.types.js";
import { arityOf, operatorsFor } from "./filterFields.js";

/**
 * The builder writes formulas as syntax trees and lets the core's printer turn them into text,
 * so quoting (`'` doubled), precedence and parentheses are the language's own and no user value
 * is ever pasted into formula text.
 */
const at = { start: 0, end: 0 } as const;

type Node = FormulaNode;
const field = (id: string): Node => ({ type: "field", path: [id], span: at });
const text = (value: string): Node => ({ type: "string", value, span: at });
const number = (value: number): Node => ({ type: "number", value, span: at });
const bool = (value: boolean): Node => ({ type: "boolean", value, span: at });
const variable = (...path: string[]): Node => ({ type: "variable", path, span: at });
const call = (name: string, ...args: Node[]): Node => ({ type: "call", name, args, span: at, nameSpan: at });
const not = (operand: Node): Node => ({ type: "unary", op: "NOT", operand, span: at });
const compare = (op: "=" | "<>" | "<" | "<=" | ">" | ">=", left: Node, right: Node): Node => ({
  type: "binary",
  op,
  left,
  right,
  span: at,
});
const and = (left: Node, right: Node): Node => ({ type: "binary", op: "AND", left, right, span: at });
const or = (left: Node, right: Node): Node => ({ type: "binary", op: "OR", left, right, span: at });
const isIn = (value: Node, list: readonly Node[]): Node => ({ type: "in", value, list, span: at });

/** Join nodes left to right with AND or OR (the printer adds the parentheses precedence needs). */
export function joinNodes(nodes: readonly Node[], op: "AND" | "OR"): Node | undefined {
  let out: Node | undefined;
  for (const node of nodes) out = out === undefined ? node : op === "AND" ? and(out, node) : or(out, node);
  return out;
}

/** "Is not …" also keeps the rows where the field is blank: `ISBLANK(f) OR <the negation>`. */
const orBlank = (id: string, negation: Node): Node => or(call("ISBLANK", field(id)), negation);

/** `1 234,5`-free decimal text: digits, one point, an optional exponent; thousands commas are dropped. */
const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

export function parseNumber(value: string | undefined): number | undefined {
  const cleaned = (value ?? "").replace(/[,\s]/g, "");
  if (!NUMBER_TEXT.test(cleaned)) return undefined;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : undefined;
}

/** `YYYY-MM-DD` of a real calendar day, as numbers. */
export function parseDate(value: string | undefined): [number, number, number] | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec((value ?? "").trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return undefined;
  return [y, mo, d];
}

/** The largest "within the last N days" (a hundred years). */
export const MAX_DAYS = 36_500;

class Problem extends Error {
  constructor(readonly code: FilterProblemCode) {
    super(code);
  }
}

function numberNode(value: string | undefined): Node {
  if (value === undefined || value.trim() === "") throw new Problem("valueRequired");
  const n = parseNumber(value);
  if (n === undefined) throw new Problem("notNumber");
  return number(n);
}

function dateNode(value: string | undefined): Node {
  if (value === undefined || value.trim() === "") throw new Problem("valueRequired");
  const parts = parseDate(value);
  if (!parts) throw new Problem("notDate");
  return call("DATE", ...parts.map(number));
}

function textValue(value: string | undefined): string {
  if (value === undefined || value === "") throw new Problem("valueRequired");
  return value;
}

function optionValues(f: FilterField, values: readonly string[]): Node[] {
  const picked = values.filter((v) => v !== "");
  if (picked.length === 0) throw new Problem("valueRequired");
  const known = new Set((f.options ?? []).map((o) => o.value));
  if (picked.some((v) => !known.has(v))) throw new Problem("unknownOption");
  return [...new Set(picked)].map(text);
}

/** The node of one condition on a field; throws a {@link Problem} when a value is missing or wrong. */
function conditionNode(f: FilterField, c: FilterCondition): Node {
  const [first, second] = c.values;
  const id = f.id;
  // A datetime is compared by its (UTC) date: the builder's values are days.
  const subject = f.kind === "datetime" ? call("DATEVALUE", field(id)) : field(id);
  const lowered = (value: string) => [call("LOWER", field(id)), call("LOWER", text(textValue(value)))] as const;
  switch (c.op) {
    case "empty":
      return call("ISBLANK", field(id));
    case "notEmpty":
      return not(call("ISBLANK", field(id)));
    case "contains":
      return call("CONTAINS", ...lowered(first ?? ""));
    case "notContains":
      return orBlank(id, not(call("CONTAINS", ...lowered(first ?? ""))));
    case "startsWith":
      return call("STARTSWITH", ...lowered(first ?? ""));
    case "equals":
    case "is":
      return compare("=", field(id), text(textValue(first)));
    case "notEquals":
    case "isNot":
      return orBlank(id, compare("<>", field(id), text(textValue(first))));
    case "eq":
      return compare("=", field(id), numberNode(first));
    case "ne":
      return orBlank(id, compare("<>", field(id), numberNode(first)));
    case "lt":
    case "le":
    case "gt":
    case "ge": {
      const op = ({ lt: "<", le: "<=", gt: ">", ge: ">=" } as const)[c.op];
      return compare(op, field(id), numberNode(first));
    }
    case "between": {
      const bound = f.kind === "number" ? numberNode : dateNode;
      return and(compare(">=", subject, bound(first)), compare("<=", subject, bound(second)));
    }
    case "on":
      return compare("=", subject, dateNode(first));
    case "before":
      return compare("<", subject, dateNode(first));
    case "after":
      return compare(">", subject, dateNode(first));
    case "lastDays": {
      const days = parseNumber(first);
      if (first === undefined || first.trim() === "") throw new Problem("valueRequired");
      if (days === undefined || !Number.isInteger(days) || days < 0 || days > MAX_DAYS) throw new Problem("notDays");
      const from = call("DATEADD", variable("today"), number(-days), text("day"));
      return and(compare(">=", subject, from), compare("<=", subject, variable("today")));
    }
    case "anyOf":
      return isIn(field(id), optionValues(f, c.values));
    case "noneOf":
      return orBlank(id, not(isIn(field(id), optionValues(f, c.values))));
    case "hasAnyOf":
      return joinNodes(
        optionValues(f, c.values).map((v) => call("INCLUDES", field(id), v)),
        "OR",
      ) as Node;
    case "isTrue":
      return compare("=", field(id), bool(true));
    case "isFalse":
      return compare("=", field(id), bool(false));
    case "isMe":
      return compare("=", field(id), variable("user", "id"));
    case "isNotMe":
      return orBlank(id, compare("<>", field(id), variable("user", "id")));
  }
}

/** The syntax tree of one row, or the problem that stops it. */
export function conditionTree(fields: readonly FilterField[], c: FilterCondition): Node | FilterProblemCode {
  const f = fields.find((x) => x.id === c.field);
  if (!f) return "unknownField";
  if (!operatorsFor(f.kind).includes(c.op)) return "badOperator";
  try {
    return conditionNode(f, c);
  } catch (error) {
    if (error instanceof Problem) return error.code;
    throw error;
  }
}

/**
 * Write the builder's rows as one formula, or say which rows cannot be written and why.
 * No rows is the empty formula (no filter).
 *
 * @example
 * buildFilter({ join: "all", conditions: [{ field: "amount", op: "gt", values: ["500000"] }] }, fields)
 * // { ok: true, text: "amount > 500000" }
 */
export function buildFilter(state: FilterState, fields: readonly FilterField[]): BuildResult {
  const problems: FilterProblem[] = [];
  const nodes: Node[] = [];
  state.conditions.forEach((c, index) => {
    const tree = conditionTree(fields, c);
    if (typeof tree === "string") problems.push({ index, code: tree });
    else nodes.push(tree);
  });
  if (problems.length > 0) return { ok: false, problems };
  const root = joinNodes(nodes, state.join === "any" ? "OR" : "AND");
  if (!root) return { ok: true, text: "" };
  const printed = printFormula(root);
  if (printed.length > FORMULA_LIMITS.maxLength) return { ok: false, problems: [{ index: -1, code: "tooLong" }] };
  return { ok: true, text: printed };
}

/** The condition a new row starts with: the field's first operator, no values. */
export function newCondition(f: FilterField): FilterCondition {
  return { field: f.id, op: operatorsFor(f.kind)[0] ?? "empty", values: [] };
}

/** Keep what fits when the user picks another operator: values up to the new arity. */
export function withOperator(c: FilterCondition, op: FilterCondition["op"]): FilterCondition {
  const arity = arityOf(op);
  const keep = arity === "none" ? 0 : arity === "one" ? 1 : arity === "two" ? 2 : c.values.length;
  return { ...c, op, values: c.values.slice(0, keep) };
}
