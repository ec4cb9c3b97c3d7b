import type { FormulaScope, FunctionSpec, Locale } from "@plinth/runtime";
import { FORMULA_KEYWORDS } from "./formulaLanguage.js";

export type CompletionKind = "field" | "relation" | "function" | "variable" | "keyword";

/** One suggestion: what to insert over `[from, to)` of the formula text. */
export interface FormulaCompletion {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly insertText: string;
  /** The type of a field or variable, or a function's signature. */
  readonly detail: string;
  /** A function's description in the UI language, with its example. */
  readonly documentation?: string;
  readonly from: number;
  readonly to: number;
}

const NAME_CHAR = /[\p{L}\p{N}_]/u;

/** Is `offset` inside a quoted text? The core's rule: a quote is escaped by doubling it. */
function inString(text: string, offset: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (quote === undefined) {
      if (c === "'" || c === '"') quote = c;
    } else if (c === quote) {
      if (text[i + 1] === quote && i + 1 < offset) i++;
      else quote = undefined;
    }
  }
  return quote !== undefined;
}

function fieldItems(scope: FormulaScope, entity: string, from: number, to: number): FormulaCompletion[] {
  const out: FormulaCompletion[] = [];
  for (const id of scope.fieldIds(entity)) {
    const field = scope.field(entity, id);
    if (!field) continue;
    const relation = field.target !== undefined;
    out.push({
      label: id,
      kind: relation ? "relation" : "field",
      insertText: id,
      detail: relation ? `${field.type.kind} → ${field.target}` : field.type.kind,
      from,
      to,
    });
  }
  return out;
}

function variableItems(scope: FormulaScope, from: number, to: number): FormulaCompletion[] {
  const names = scope.variableNames().filter((n) => !n.includes("<"));
  if (scope.variableNames().some((n) => n.startsWith("old."))) {
    for (const id of scope.fieldIds(scope.entity)) if (scope.field(scope.entity, id)) names.push(`old.${id}`);
  }
  return names.map((name) => ({
    label: name,
    kind: "variable" as const,
    insertText: name,
    detail: scope.variable(name.split("."))?.kind ?? "",
    from,
    to,
  }));
}

function functionItems(
  functions: ReadonlyMap<string, FunctionSpec>,
  locale: Locale,
  from: number,
  to: number,
): FormulaCompletion[] {
  return [...functions.values()].map((fn) => ({
    label: fn.name,
    kind: "function" as const,
    insertText: `${fn.name}(`,
    detail: fn.doc.signature,
    documentation: `${fn.doc[locale]}\n\n${fn.doc.example} → ${fn.doc.result}`,
    from,
    to,
  }));
}

/**
 * What may be written at `offset` of a formula: after `$` the variables; after `relation.` the
 * related entity's fields (followed through several relations); elsewhere the entity's fields,
 * the functions and the keywords. Nothing inside a quoted text. Every item replaces the name
 * being typed (`from`..`to`); the editor filters them by what was typed.
 *
 * @example formulaCompletions("account.re", 10, scope, functions, "en") // region, name, … of account's target
 */
export function formulaCompletions(
  text: string,
  offset: number,
  scope: FormulaScope,
  functions: ReadonlyMap<string, FunctionSpec>,
  locale: Locale,
): FormulaCompletion[] {
  if (inString(text, offset)) return [];
  let from = offset;
  while (from > 0 && NAME_CHAR.test(text[from - 1] ?? "")) from--;
  let to = offset;
  while (to < text.length && NAME_CHAR.test(text[to] ?? "")) to++;
  // The dotted path before the name: `account.owner.` → ["account", "owner"].
  let pathStart = from;
  while (pathStart > 0 && text[pathStart - 1] === ".") {
    let s = pathStart - 1;
    while (s > 0 && NAME_CHAR.test(text[s - 1] ?? "")) s--;
    if (s === pathStart - 1) break;
    pathStart = s;
  }
  const path = text.slice(pathStart, from).split(".").slice(0, -1);
  if (text[pathStart - 1] === "$") return variableItems(scope, pathStart, to);
  if (path.length > 0) {
    let entity: string | undefined = scope.entity;
    for (const segment of path) entity = entity && scope.field(entity, segment)?.target;
    return entity ? fieldItems(scope, entity, from, to) : [];
  }
  if (text[from - 1] === ".") return [];
  const keywords = FORMULA_KEYWORDS.map((k) => ({
    label: k,
    kind: "keyword" as const,
    insertText: k,
    detail: "",
    from,
    to,
  }));
  return [...fieldItems(scope, scope.entity, from, to), ...functionItems(functions, locale, from, to), ...keywords];
}
