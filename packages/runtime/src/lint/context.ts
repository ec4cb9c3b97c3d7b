import { createAccessPolicy } from "../access/policy.js";
import { checkComputations, computationFormulaSites } from "../app/checks/computations.js";
import { collectFormulaSites, type FormulaSite } from "../app/checks/formulaSites.js";
import { checkReferences } from "../app/checks/references.js";
import type { SchemaRef } from "../app/checks/schemaRef.js";
import { indexApp } from "../app/model.js";
import { formulaRefs } from "../app/refactor/formulaRefs.js";
import { targetRefs } from "../app/refactor/targetRefs.js";
import { FieldTypes } from "../app/scope.js";
import { entityIndexes, type IndexSpec } from "../diff/columns.js";
import type { Node } from "../expr/ast.js";
import type { ImplementedFunction } from "../expr/functions/implemented.js";
import { parseFormula } from "../expr/parser.js";
import type { App } from "../schema/types.js";
import type { FieldRef, LintConfig, LintContext } from "./lint.types.js";

/** A value computed on first use and kept. */
function lazy<T>(compute: () => T): () => T {
  let value: { readonly v: T } | undefined;
  return () => {
    value ??= { v: compute() };
    return value.v;
  };
}

/**
 * Build the analysis the rules share. The app is assumed valid (`validateApp` passed); every
 * part is computed on first use, so a config that turns rules off also skips their analysis.
 */
export function createLintContext(
  app: App,
  config: LintConfig,
  functions: ReadonlyMap<string, ImplementedFunction>,
): LintContext {
  const model = indexApp(app);
  const policy = createAccessPolicy(app, { functions });
  const asRole = (role: string) => ({ id: "plinth-lint", roles: [role] });
  const readCache = new Map<string, ReturnType<typeof policy.entityAccess>>();
  const readAccess = (role: string, entity: string) => {
    const key = `${role}\u0000${entity}`;
    let access = readCache.get(key);
    if (!access) {
      access = policy.entityAccess(asRole(role), entity, "read");
      readCache.set(key, access);
    }
    return access;
  };

  const references = lazy((): SchemaRef[] => {
    // What `runtime.references` collects, on an app already known to be valid.
    const refs: SchemaRef[] = [];
    const ctx = { model, types: new FieldTypes(model, functions), functions, issues: [], refs };
    checkReferences(ctx);
    checkComputations({ ...ctx, issues: [] });
    refs.push(
      ...formulaRefs(model, [...collectFormulaSites(app), ...computationFormulaSites(app)]),
      ...targetRefs(model),
    );
    return refs;
  });
  const sites = lazy((): FormulaSite[] => [...collectFormulaSites(app), ...computationFormulaSites(app)]);
  const asts = new Map<string, Node | undefined>();
  const parse = (text: string) => {
    if (!asts.has(text)) asts.set(text, parseFormula(text).ast);
    return asts.get(text);
  };
  const indexCache = new Map<string, readonly IndexSpec[]>();

  return {
    app,
    model,
    policy,
    roles: [...model.roles.keys()],
    allowHosts: config.allowHosts ?? [],
    largeEntities: config.largeEntities,
    canRead: (role, entity) => readAccess(role, entity).allowed,
    canReadField(role, ref: FieldRef) {
      const access = readAccess(role, ref.entity);
      return access.allowed && !access.hiddenFields.has(ref.field);
    },
    isHiddenFrom(role, ref: FieldRef) {
      const access = readAccess(role, ref.entity);
      return access.allowed && access.hiddenFields.has(ref.field);
    },
    references,
    formulaSites: sites,
    fieldsRead(site) {
      return formulaRefs(model, [{ entity: site.entity, text: site.text, path: "" }]).flatMap((r) =>
        r.kind === "field" ? [{ entity: r.entity, field: r.id }] : [],
      );
    },
    parse,
    indexes(entity) {
      let found = indexCache.get(entity);
      if (!found) {
        const e = model.entities.get(entity)?.value;
        found = e ? entityIndexes(app, e) : [];
        indexCache.set(entity, found);
      }
      return found;
    },
  };
}
