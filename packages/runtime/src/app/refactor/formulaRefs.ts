import type { Node } from "../../expr/ast.js";
import { tokenize } from "../../expr/lexer.js";
import { childrenOf, parseFormula } from "../../expr/parser.js";
import type { FormulaSite } from "../checks/formulaSites.js";
import type { SchemaRef } from "../checks/schemaRef.js";
import type { AppModel } from "../model.js";

interface Range {
  readonly start: number;
  readonly end: number;
}

/** The name tokens (identifiers, and keywords after a dot) of a formula, in order. */
function nameTokensOf(text: string): Range[] {
  return tokenize(text).tokens.filter((t) => t.kind === "identifier" || t.kind === "keyword");
}

function within(names: readonly Range[], span: Range): Range[] {
  return names.filter((t) => t.start >= span.start && t.end <= span.end);
}

/**
 * Follow a field path from `entity` through relation fields, recording each segment that names a
 * known field at the character range of its name token.
 */
function walkPath(
  model: AppModel,
  entity: string,
  path: readonly string[],
  tokens: readonly Range[],
  sitePath: string,
  out: SchemaRef[],
): void {
  let current: string | undefined = entity;
  path.forEach((segment, i) => {
    if (current === undefined) return;
    const field = model.entities.get(current)?.fields.get(segment)?.value;
    const token = tokens[i];
    if (!field || !token) {
      current = undefined;
      return;
    }
    out.push({
      kind: "field",
      entity: current,
      id: segment,
      path: sitePath,
      how: { kind: "formula", start: token.start, end: token.end },
    });
    current = field.kind === "relation" ? field.target : undefined;
  });
}

/**
 * Every field a formula site names, with where in its text: bare fields and relation paths
 * (`account.region` names `region` of the related entity) and `$old.<field>`. Formulas that do
 * not parse name nothing (their syntax error is reported by the checks).
 */
export function formulaRefs(model: AppModel, sites: readonly FormulaSite[]): SchemaRef[] {
  const out: SchemaRef[] = [];
  for (const site of sites) {
    const { ast } = parseFormula(site.text);
    if (!ast) continue;
    const names = nameTokensOf(site.text);
    const stack: Node[] = [ast];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (node.type === "field") {
        walkPath(model, site.entity, node.path, within(names, node.span), site.path, out);
      } else if (node.type === "variable" && node.path[0] === "old" && node.path.length > 1) {
        // `$old` is one token; the field names follow it.
        walkPath(model, site.entity, node.path.slice(1), within(names, node.span), site.path, out);
      } else {
        stack.push(...childrenOf(node));
      }
    }
  }
  return out;
}
