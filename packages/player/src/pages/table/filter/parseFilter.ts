import { type FormulaNode, parseFormula } from "@plinth/runtime";
import type { FilterCondition, FilterField, FilterOperator, FilterState } from "./filter.types.js";
import { operatorsFor } from "./filterFields.js";

type Node = FormulaNode;

/**
 * Read formula text back into builder rows, when it has the shapes {@link buildFilter} writes
 * (hand-written formulas of the same shapes read back too). Anything else is `undefined`: the
 * formula box then holds a formula the builder cannot show, and the builder says so.
 * The rows read back mean the same as the text; `build(parse(t))` may group them differently
 * (`a >= 1 AND a <= 5` comes back as one "between" row) but gives the same formula.
 */
export function parseFilter(text: string, fields: readonly FilterField[]): FilterState | undefined {
  if (text.trim() === "") return { join: "all", conditions: [] };
  const { ast } = parseFormula(text);
  if (!ast) return undefined;
  const join = ast.type === "binary" && ast.op === "OR" ? "any" : "all";
  const atoms = flatten(ast, join === "any" ? "OR" : "AND");
  const reader = new Reader(fields);
  const conditions: FilterCondition[] = [];
  for (let i = 0; i < atoms.length; i++) {
    const atom = atoms[i] as Node;
    const next = atoms[i + 1];
    const pair = next ? reader.pair(atom, next, join === "any" ? "OR" : "AND") : undefined;
    if (pair) {
      conditions.push(pair);
      i++;
      continue;
    }
    const single = reader.atom(atom);
    if (!single) return undefined;
    conditions.push(single);
  }
  return { join, conditions };
}

/** The operands of a chain of one connective: `a AND b AND c` → [a, b, c]. */
function flatten(node: Node, op: "AND" | "OR"): Node[] {
  if (node.type === "binary" && node.op === op) return [...flatten(node.left, op), ...flatten(node.right, op)];
  return [node];
}

/** The arguments of a call of `name` with `arity` arguments, else undefined. */
function callArgs(node: Node, name: string, arity: number): readonly Node[] | undefined {
  return node.type === "call" && node.name === name && node.args.length === arity ? node.args : undefined;
}

/** A field reference `f`, or `DATEVALUE(f)` for datetimes; its id. */
function subjectOf(node: Node): { id: string; dated: boolean } | undefined {
  if (node.type === "field" && node.path.length === 1) return { id: node.path[0] as string, dated: false };
  const dated = callArgs(node, "DATEVALUE", 1);
  if (dated) {
    const inner = dated[0] as Node;
    if (inner.type === "field" && inner.path.length === 1) return { id: inner.path[0] as string, dated: true };
  }
  return undefined;
}

const fieldId = (node: Node): string | undefined =>
  node.type === "field" && node.path.length === 1 ? node.path[0] : undefined;

function stringOf(node: Node): string | undefined {
  return node.type === "string" ? node.value : undefined;
}

function numberOf(node: Node): string | undefined {
  if (node.type === "number") return String(node.value);
  if (node.type === "unary" && node.op === "-" && node.operand.type === "number") return String(-node.operand.value);
  return undefined;
}

function dateOf(node: Node): string | undefined {
  const args = callArgs(node, "DATE", 3);
  if (!args) return undefined;
  const parts = args.map(numberOf);
  if (parts.some((p) => p === undefined || !/^\d+$/.test(p))) return undefined;
  const [y, m, d] = parts as [string, string, string];
  return `${y.padStart(4, "0")}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

const isVariable = (node: Node, ...path: string[]) =>
  node.type === "variable" && node.path.length === path.length && node.path.every((p, i) => p === path[i]);

/** `LOWER(f)`, `LOWER('text')` → the field id and the text. */
function loweredArgs(args: readonly Node[]): { id: string; value: string } | undefined {
  const subject = callArgs(args[0] as Node, "LOWER", 1);
  const search = callArgs(args[1] as Node, "LOWER", 1);
  if (!subject || !search) return undefined;
  const id = fieldId(subject[0] as Node);
  const value = stringOf(search[0] as Node);
  return id !== undefined && value !== undefined ? { id, value } : undefined;
}

class Reader {
  constructor(private readonly fields: readonly FilterField[]) {}

  /** A row, when the field exists and the operator fits its kind (and `DATEVALUE` only on datetimes). */
  private row(id: string, op: FilterOperator, values: string[], dated = false): FilterCondition | undefined {
    const f = this.fields.find((x) => x.id === id);
    if (!f || !operatorsFor(f.kind).includes(op)) return undefined;
    if (dated !== (f.kind === "datetime") && ["on", "before", "after", "between", "lastDays"].includes(op))
      return undefined;
    return { field: id, op, values };
  }

  private kindOf(id: string) {
    return this.fields.find((x) => x.id === id)?.kind;
  }

  /** One node that is a whole row by itself. */
  atom(node: Node): FilterCondition | undefined {
    const blank = callArgs(node, "ISBLANK", 1);
    if (blank) {
      const id = fieldId(blank[0] as Node);
      return id === undefined ? undefined : this.row(id, "empty", []);
    }
    const notBlank = node.type === "unary" && node.op === "NOT" ? callArgs(node.operand, "ISBLANK", 1) : undefined;
    if (notBlank) {
      const id = fieldId(notBlank[0] as Node);
      return id === undefined ? undefined : this.row(id, "notEmpty", []);
    }
    for (const [name, op] of [
      ["CONTAINS", "contains"],
      ["STARTSWITH", "startsWith"],
    ] as const) {
      const args = callArgs(node, name, 2);
      if (!args) continue;
      const found = loweredArgs(args);
      return found ? this.row(found.id, op, [found.value]) : undefined;
    }
    if (node.type === "in") {
      const id = fieldId(node.value);
      const values = node.list.map(stringOf);
      if (id === undefined || values.some((v) => v === undefined)) return undefined;
      return this.row(id, "anyOf", values as string[]);
    }
    if (node.type === "binary" && node.op === "OR") return this.anyIncludes(node) ?? this.pairOf(node, "OR");
    if (node.type === "binary" && node.op === "AND") return this.pairOf(node, "AND");
    if (callArgs(node, "INCLUDES", 2)) return this.anyIncludes(node);
    if (node.type === "binary") return this.comparison(node);
    return undefined;
  }

  /** A parenthesised compound row: exactly two operands of the other connective. */
  private pairOf(node: Extract<Node, { type: "binary" }>, op: "AND" | "OR"): FilterCondition | undefined {
    const parts = flatten(node, op);
    return parts.length === 2 ? this.pair(parts[0] as Node, parts[1] as Node, op) : undefined;
  }

  /** `INCLUDES(f, 'a') OR INCLUDES(f, 'b') …` on one field. */
  private anyIncludes(node: Node): FilterCondition | undefined {
    const parts = flatten(node, "OR");
    let id: string | undefined;
    const values: string[] = [];
    for (const part of parts) {
      const args = callArgs(part, "INCLUDES", 2);
      if (!args) return undefined;
      const partId = fieldId(args[0] as Node);
      const value = stringOf(args[1] as Node);
      if (partId === undefined || value === undefined || (id !== undefined && partId !== id)) return undefined;
      id = partId;
      values.push(value);
    }
    return id === undefined ? undefined : this.row(id, "hasAnyOf", values);
  }

  private comparison(node: Extract<Node, { type: "binary" }>): FilterCondition | undefined {
    const subject = subjectOf(node.left);
    if (!subject) return undefined;
    const kind = this.kindOf(subject.id);
    const right = node.right;
    if (kind === "date" || kind === "datetime") {
      const date = dateOf(right);
      const op = ({ "=": "on", "<": "before", ">": "after" } as const)[node.op as "=" | "<" | ">"];
      return date !== undefined && op !== undefined ? this.row(subject.id, op, [date], subject.dated) : undefined;
    }
    if (subject.dated) return undefined;
    if (kind === "number") {
      const value = numberOf(right);
      const ops = { "=": "eq", "<": "lt", "<=": "le", ">": "gt", ">=": "ge" } as const;
      const op = ops[node.op as keyof typeof ops];
      return value !== undefined && op !== undefined ? this.row(subject.id, op, [value]) : undefined;
    }
    if (node.op !== "=") return undefined;
    if (kind === "boolean" && right.type === "boolean")
      return this.row(subject.id, right.value ? "isTrue" : "isFalse", []);
    if (kind === "user" && isVariable(right, "user", "id")) return this.row(subject.id, "isMe", []);
    const value = stringOf(right);
    if (value === undefined) return undefined;
    if (kind === "select") return this.row(subject.id, "anyOf", [value]);
    return this.row(subject.id, kind === "text" ? "equals" : "is", [value]);
  }

  /** Two neighbouring operands that make one row: a range, "the last N days", or "is not" with blanks. */
  pair(a: Node, b: Node, op: "AND" | "OR"): FilterCondition | undefined {
    return op === "AND" ? this.range(a, b) : this.negation(a, b);
  }

  private range(a: Node, b: Node): FilterCondition | undefined {
    if (a.type !== "binary" || b.type !== "binary" || a.op !== ">=" || b.op !== "<=") return undefined;
    const left = subjectOf(a.left);
    const right = subjectOf(b.left);
    if (!left || !right || left.id !== right.id || left.dated !== right.dated) return undefined;
    const kind = this.kindOf(left.id);
    if (kind === "number" && !left.dated) {
      const low = numberOf(a.right);
      const high = numberOf(b.right);
      return low !== undefined && high !== undefined ? this.row(left.id, "between", [low, high]) : undefined;
    }
    const shifted = callArgs(a.right, "DATEADD", 3);
    if (isVariable(b.right, "today") && shifted) {
      const [from, amount, unit] = shifted as [Node, Node, Node];
      const days = numberOf(amount);
      if (isVariable(from, "today") && stringOf(unit) === "day" && days !== undefined && Number(days) <= 0) {
        return this.row(left.id, "lastDays", [String(-Number(days))], left.dated);
      }
      return undefined;
    }
    const low = dateOf(a.right);
    const high = dateOf(b.right);
    return low !== undefined && high !== undefined ? this.row(left.id, "between", [low, high], left.dated) : undefined;
  }

  /** `ISBLANK(f) OR <negation of f>`: the "is not" rows, which keep blank values. */
  private negation(a: Node, b: Node): FilterCondition | undefined {
    const blank = callArgs(a, "ISBLANK", 1);
    if (!blank) return undefined;
    const id = fieldId(blank[0] as Node);
    if (id === undefined) return undefined;
    const kind = this.kindOf(id);
    if (b.type === "unary" && b.op === "NOT") {
      const inner = b.operand;
      const contains = callArgs(inner, "CONTAINS", 2);
      if (contains) {
        const found = loweredArgs(contains);
        return found?.id === id ? this.row(id, "notContains", [found.value]) : undefined;
      }
      if (inner.type === "in" && fieldId(inner.value) === id) {
        const values = inner.list.map(stringOf);
        return values.some((v) => v === undefined) ? undefined : this.row(id, "noneOf", values as string[]);
      }
      return undefined;
    }
    if (b.type !== "binary" || b.op !== "<>" || fieldId(b.left) !== id) return undefined;
    if (kind === "user" && isVariable(b.right, "user", "id")) return this.row(id, "isNotMe", []);
    if (kind === "number") {
      const value = numberOf(b.right);
      return value === undefined ? undefined : this.row(id, "ne", [value]);
    }
    const value = stringOf(b.right);
    if (value === undefined) return undefined;
    return this.row(id, kind === "text" ? "notEquals" : "isNot", [value]);
  }
}
