import type { BinaryOperator } from "./ast.js";
import { asEvaluationError } from "./backendMessages.js";
import type { Evaluator } from "./compileClosures.js";
import { checkValue, concatValues, inList, readField, readVariable, valueOrder } from "./compileOps.js";
import { isPrototypeName, resolveFunction } from "./compileShared.js";
import type { TypedTree } from "./compileTree.js";
import type { ImplementedFunction, JsImplementation, LazyImplementation } from "./functions/implemented.js";
import type { FormulaType } from "./types.js";

/**
 * Code generation: the typed tree becomes JavaScript source, compiled once with
 * `new Function`, which V8 optimises like hand-written code. The source is built ONLY from
 * the checked tree: numbers through {@link numberLiteral}, strings and names through
 * `JSON.stringify`, functions and other constants by index into frozen tables. No text the
 * user wrote is ever pasted in unescaped.
 */

/** Helpers the generated code calls; passed in as `H`. */
const helpers = Object.freeze({
  value: checkValue,
  field: readField,
  variable: readVariable,
  concat: concatValues,
  order: valueOrder,
  inList,
  fail: (error: unknown) => asEvaluationError(error),
});

/** A JS literal for a finite number; anything else goes through the constant table. */
export function numberLiteral(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  if (Object.is(value, -0)) return "(-0)";
  const text = String(value);
  return value < 0 ? `(${text})` : text;
}

const TYPE_TESTS: Partial<Record<FormulaType["kind"], (t: string) => string>> = {
  number: (t) => `typeof ${t} === "number" && ${t} === ${t}`,
  text: (t) => `typeof ${t} === "string"`,
  date: (t) => `typeof ${t} === "string"`,
  datetime: (t) => `typeof ${t} === "string"`,
  boolean: (t) => `typeof ${t} === "boolean"`,
};

/**
 * A labelled block of statements. Blank propagation is control flow: as soon as an operand
 * is blank the code leaves the block (`break`) with the region's result still `null`, so
 * intermediate numbers never share a variable with `null` and V8 keeps them unboxed.
 */
interface Region {
  readonly label: string;
  readonly lines: string[];
}

class Generator {
  private temps = 0;
  readonly constants: unknown[] = [];
  readonly implementations: Array<JsImplementation | LazyImplementation> = [];
  private readonly slots = new Map<ImplementedFunction, { js: number; lazy?: number }>();

  constructor(private readonly functions: ReadonlyMap<string, ImplementedFunction>) {}

  private temp(): string {
    return `t${this.temps++}`;
  }

  private constant(value: unknown): string {
    this.constants.push(value);
    return `K[${this.constants.length - 1}]`;
  }

  private slot(fn: ImplementedFunction): { js: number; lazy?: number } {
    let slot = this.slots.get(fn);
    if (!slot) {
      this.implementations.push(fn.js);
      const js = this.implementations.length - 1;
      if (fn.lazy) this.implementations.push(fn.lazy);
      slot = fn.lazy ? { js, lazy: this.implementations.length - 1 } : { js };
      this.slots.set(fn, slot);
    }
    return slot;
  }

  /** Statements computing `node` (possibly blank) into a fresh variable; returns its name. */
  nullable(node: TypedTree, into: Region): string {
    const literal = this.literal(node);
    if (literal !== undefined) return literal;
    const result = this.temp();
    const region: Region = { label: `L${result}`, lines: [] };
    const value = this.value(node, region);
    into.lines.push(`let ${result} = null;`, `${region.label}: {`, ...region.lines, `${result} = ${value};`, "}");
    return result;
  }

  /** Statements computing `node` into `region`, leaving the region when it is blank. */
  value(node: TypedTree, region: Region): string {
    if (node.type === "blank") {
      region.lines.push(`break ${region.label};`);
      return "null";
    }
    const literal = this.literal(node);
    if (literal !== undefined) return literal;
    const blank = `break ${region.label};`;
    const define = (expression: string, check: (t: string) => string): string => {
      const t = this.temp();
      const test = check(t);
      region.lines.push(`const ${t} = ${expression};`);
      if (test !== "false") region.lines.push(`if (${test}) ${blank}`);
      return t;
    };
    switch (node.type) {
      case "number":
      case "string":
      case "boolean":
        return "null";
      case "field":
      case "variable":
        return this.read(node, region);
      case "unary": {
        const operand = this.value(node.operand, region);
        return define(node.op === "-" ? `-${operand}` : `!${operand}`, () => "false");
      }
      case "binary":
        return this.binary(node, region, define);
      case "in": {
        const value = this.nullable(node.value, region);
        const items = node.list.map((item) => this.nullable(item, region));
        return define(`H.inList(${value}, [${items.join(", ")}])`, (t) => `${t} === null`);
      }
      case "call":
        return this.call(resolveFunction(this.functions, node.name), node.args, region, define);
    }
  }

  private literal(node: TypedTree): string | undefined {
    switch (node.type) {
      case "number":
        return numberLiteral(node.value) ?? this.constant(node.value);
      case "string":
        return JSON.stringify(node.value);
      case "boolean":
        return node.value ? "true" : "false";
      case "blank":
        return "null";
      default:
        return undefined;
    }
  }

  /** Read a host value and check it against its declared type inline (odd cases: H.value). */
  private read(node: Extract<TypedTree, { type: "field" | "variable" }>, region: Region): string {
    const [head] = node.path;
    let read: string;
    let source: string;
    if (node.type === "field") {
      source = node.path.join(".");
      read =
        node.path.length === 1 && head !== undefined && !isPrototypeName(head)
          ? `r[${JSON.stringify(head)}]`
          : `H.field(r, ${this.constant(Object.freeze([...node.path]))}, env)`;
    } else {
      source = `$${node.path.join(".")}`;
      read =
        node.path.length === 1 && (head === "today" || head === "now")
          ? `env.${head}`
          : `H.variable(${this.constant(Object.freeze([...node.path]))}, env)`;
    }
    const raw = this.temp();
    const t = this.temp();
    const test = TYPE_TESTS[node.valueType.kind];
    const slow = `H.value(${raw}, ${this.constant(node.valueType)}, ${JSON.stringify(source)})`;
    region.lines.push(`const ${raw} = ${read};`, `if (${raw} == null) break ${region.label};`);
    region.lines.push(`const ${t} = ${test ? `${test(raw)} ? ${raw} : ${slow}` : slow};`);
    region.lines.push(`if (${t} === null) break ${region.label};`);
    return t;
  }

  private binary(
    node: Extract<TypedTree, { type: "binary" }>,
    region: Region,
    define: (expression: string, check: (t: string) => string) => string,
  ): string {
    const op: BinaryOperator = node.op;
    switch (op) {
      case "+":
      case "-":
      case "*": {
        const a = this.value(node.left, region);
        const b = this.value(node.right, region);
        return define(`${a} ${op} ${b}`, (t) => `${t} !== ${t}`);
      }
      case "/": {
        const a = this.value(node.left, region);
        const b = this.value(node.right, region);
        region.lines.push(`if (${b} === 0) break ${region.label};`);
        return define(`${a} / ${b}`, (t) => `${t} !== ${t}`);
      }
      case "&":
        return define(
          `H.concat(${this.nullable(node.left, region)}, ${this.nullable(node.right, region)})`,
          () => "false",
        );
      case "AND":
      case "OR": {
        const a = this.nullable(node.left, region);
        const decisive = op === "AND" ? "false" : "true";
        const t = this.temp();
        const right = { label: `L${t}`, lines: [] as string[] };
        const b = this.nullable(node.right, right);
        region.lines.push(
          `let ${t} = ${decisive};`,
          `if (${a} !== ${decisive}) {`,
          ...right.lines,
          `${t} = ${b} === ${decisive} ? ${decisive} : ${a} === null || ${b} === null ? null : ${op === "AND" ? "true" : "false"};`,
          "}",
          `if (${t} === null) break ${region.label};`,
        );
        return t;
      }
      case "=":
      case "<>":
      case "<":
      case "<=":
      case ">":
      case ">=": {
        const a = this.value(node.left, region);
        const b = this.value(node.right, region);
        // Text orders by code point (a helper); numbers and ISO dates compare inline.
        const text = node.left.valueType.kind === "text" || node.right.valueType.kind === "text";
        const js = op === "=" ? "===" : op === "<>" ? "!==" : op;
        const expression = text && op !== "=" && op !== "<>" ? `H.order(${a}, ${b}) ${js} 0` : `${a} ${js} ${b}`;
        return define(expression, () => "false");
      }
    }
  }

  private call(
    fn: ImplementedFunction,
    args: readonly TypedTree[],
    region: Region,
    define: (expression: string, check: (t: string) => string) => string,
  ): string {
    const slot = this.slot(fn);
    const isNull = (t: string) => `${t} == null`;
    if (slot.lazy !== undefined) {
      const cases = args.map((arg, i) => {
        const inner: Region = { label: "", lines: [] };
        const value = this.nullable(arg, inner);
        return `case ${i}: { ${inner.lines.join(" ")} return ${value}; }`;
      });
      return define(
        `F${slot.lazy}((i) => { switch (i) { ${cases.join(" ")} } return null; }, ${args.length}, env)`,
        isNull,
      );
    }
    if (fn.nulls === "handled") {
      const values = args.map((arg) => this.nullable(arg, region));
      return define(`F${slot.js}(env${values.map((v) => `, ${v}`).join("")})`, isNull);
    }
    const values = args.map((arg) => this.value(arg, region));
    return define(`F${slot.js}(env${values.map((v) => `, ${v}`).join("")})`, isNull);
  }

  /** The body of the generated function. */
  program(node: TypedTree): string {
    const top: Region = { label: "L", lines: [] };
    const result = this.nullable(node, top);
    return [...top.lines, `return ${result};`].join("\n");
  }
}

/**
 * Compile a typed tree to a JavaScript function via generated source. Throws when the host
 * forbids `new Function` (Content-Security-Policy); callers then fall back to closures.
 */
export function compileToCode(node: TypedTree, functions: ReadonlyMap<string, ImplementedFunction>): Evaluator {
  const generator = new Generator(functions);
  const body = generator.program(node);
  const bindings = generator.implementations.map((_impl, i) => `const F${i} = FS[${i}];`).join("\n");
  const source = [
    '"use strict";',
    bindings,
    "return function formula(r, env) {",
    `try {\n${body}\n} catch (error) { throw H.fail(error); }`,
    "};",
  ].join("\n");
  const factory = new Function("FS", "H", "K", source);
  const compiled: unknown = factory(
    Object.freeze(generator.implementations),
    helpers,
    Object.freeze(generator.constants),
  );
  if (!isEvaluator(compiled)) throw new Error("code generation produced no function");
  return compiled;
}

/** The generated factory returns `function formula(r, env)`; this narrows it without a cast. */
function isEvaluator(value: unknown): value is Evaluator {
  return typeof value === "function" && value.length === 2;
}
