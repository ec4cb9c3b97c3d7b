import { analyzeFormula } from "../../expr/front.js";
import type { ImplementedFunction } from "../../expr/functions/implemented.js";
import { translateToSql } from "../../expr/sql.js";
import { sqliteDialect } from "../../expr/sqlDialect.js";
import type { FormulaType } from "../../expr/types.js";
import type { Issue } from "../../issues/issue.js";
import { schemaIssue } from "../messages.js";
import { createAppScope } from "../scope.js";
import type { CheckContext } from "./context.js";
import { collectFormulaSites, type FormulaSite } from "./formulaSites.js";

function rebase(issue: Issue, path: string): Issue {
  return { ...issue, path: path + issue.path };
}

function describe(type: FormulaType): string {
  return type.kind === "null" ? "blank" : type.kind;
}

/** Can a formula value of type `value` be stored in a field whose formula type is `target`? */
function assignable(value: FormulaType, target: FormulaType): boolean {
  if (value.kind === "null") return true;
  if (value.kind !== target.kind) return false;
  if (value.kind === "text" && target.kind === "text" && target.ref !== undefined && value.ref !== undefined)
    return value.ref === target.ref;
  return true;
}

/** Type-check one formula site (and, for SQL sites, its translation); issues go to `ctx.issues`. */
export function checkSite(ctx: CheckContext, site: FormulaSite): void {
  if (!ctx.model.entities.has(site.entity)) return; // reported by the reference checks
  const scope = createAppScope(ctx.types, ctx.model, site.entity, site.variables);
  const result = analyzeFormula(site.text, scope, ctx.functions, site.expected ? { expected: [...site.expected] } : {});
  for (const issue of result.issues) ctx.issues.push(rebase(issue, site.path));
  if (site.sql && result.typed && result.issues.length === 0) {
    // Row scopes and filters run in the database; a JS-only construct there would fail on every read.
    const sql = translateToSql(result.typed, {
      dialect: sqliteDialect,
      functions: ctx.functions as ReadonlyMap<string, ImplementedFunction>,
      column: () => "c",
      param: () => "@p",
      env: { today: "2000-01-01", now: "2000-01-01T00:00:00.000Z", user: { id: "u" } },
    });
    if (!sql.ok) for (const issue of sql.issues) ctx.issues.push(rebase(issue, site.path));
  }
  if (!site.assigns || !result.type || result.issues.length > 0) return;
  const target = ctx.model.entities.get(site.assigns.entity)?.fields.get(site.assigns.field)?.value;
  if (!target) return;
  const targetType = ctx.types.typeOf(site.assigns.entity, target);
  if (targetType && !assignable(result.type, targetType)) {
    ctx.issues.push(
      schemaIssue("schema.valueTypeMismatch", site.path, {
        field: site.assigns.field,
        expected: describe(targetType),
        actual: describe(result.type),
      }),
    );
  }
}

/** Parse and type-check every formula of the app against its entity. */
export function checkFormulas(ctx: CheckContext): void {
  for (const site of collectFormulaSites(ctx.model.app)) checkSite(ctx, site);
  ctx.issues.push(...ctx.types.issues);
}
