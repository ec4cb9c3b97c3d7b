import type { FormulaType } from "./types.js";

/** Half-open character range `[start, end)` in the formula text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type BinaryOperator = "+" | "-" | "*" | "/" | "&" | "=" | "<>" | "<" | "<=" | ">" | ">=" | "AND" | "OR";
export type UnaryOperator = "-" | "NOT";

export type Node =
  | { readonly type: "number"; readonly value: number; readonly span: Span }
  | { readonly type: "string"; readonly value: string; readonly span: Span }
  | { readonly type: "boolean"; readonly value: boolean; readonly span: Span }
  | { readonly type: "blank"; readonly span: Span }
  /** A field of the current record, or a path through relations: `amount`, `account.region`. */
  | { readonly type: "field"; readonly path: readonly string[]; readonly span: Span }
  /** A context variable: `$user.id`, `$today`, `$old.amount`. Path excludes the `$`. */
  | { readonly type: "variable"; readonly path: readonly string[]; readonly span: Span }
  | { readonly type: "unary"; readonly op: UnaryOperator; readonly operand: Node; readonly span: Span }
  | {
      readonly type: "binary";
      readonly op: BinaryOperator;
      readonly left: Node;
      readonly right: Node;
      readonly span: Span;
    }
  /** `value IN (a, b, c)` */
  | { readonly type: "in"; readonly value: Node; readonly list: readonly Node[]; readonly span: Span }
  | {
      readonly type: "call";
      /** Upper-cased function name. */
      readonly name: string;
      readonly args: readonly Node[];
      readonly span: Span;
      readonly nameSpan: Span;
    };

export type NodeType = Node["type"];

type Leaf = Extract<Node, { readonly type: "number" | "string" | "boolean" | "blank" | "field" | "variable" }>;
type Unary = Extract<Node, { readonly type: "unary" }>;
type Binary = Extract<Node, { readonly type: "binary" }>;
type In = Extract<Node, { readonly type: "in" }>;
type Call = Extract<Node, { readonly type: "call" }>;

/**
 * A node after type checking: the same shape, every node annotated with its static type,
 * children typed too. Only typed trees reach the compiler and the SQL translator.
 * (Written as an explicit union: a conditional mapped form is rejected as circular.)
 */
export type TypedNode =
  | (Leaf & { readonly valueType: FormulaType })
  | (Omit<Unary, "operand"> & { readonly operand: TypedNode; readonly valueType: FormulaType })
  | (Omit<Binary, "left" | "right"> & {
      readonly left: TypedNode;
      readonly right: TypedNode;
      readonly valueType: FormulaType;
    })
  | (Omit<In, "value" | "list"> & {
      readonly value: TypedNode;
      readonly list: readonly TypedNode[];
      readonly valueType: FormulaType;
    })
  | (Omit<Call, "args"> & { readonly args: readonly TypedNode[]; readonly valueType: FormulaType });
