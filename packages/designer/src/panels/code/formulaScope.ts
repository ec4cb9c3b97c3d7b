import {
  type App,
  collectFormulaSites,
  createAppScope,
  FieldTypes,
  type FormulaScope,
  type FormulaSite,
  type FormulaTypeKind,
  type FunctionSpec,
  indexApp,
} from "@plinth/runtime";

/** How the core checks the formula at a place: its entity's scope and the type it must have. */
export interface FormulaContext {
  readonly scope: FormulaScope;
  readonly functions: ReadonlyMap<string, FunctionSpec>;
  readonly expected?: readonly FormulaTypeKind[];
}

const sitesByApp = new WeakMap<App, ReadonlyMap<string, FormulaSite>>();

function siteAt(app: App, path: string | undefined): FormulaSite | undefined {
  if (path === undefined) return undefined;
  let sites = sitesByApp.get(app);
  if (!sites) {
    sites = new Map(collectFormulaSites(app).map((s) => [s.path, s]));
    sitesByApp.set(app, sites);
  }
  return sites.get(path);
}

/**
 * The scope the core's validation uses for the formula at `path` (its entity, extra variables
 * such as `$approver`, its expected type), as `checks/formulas.ts` builds it; for a formula not in
 * the document yet, the plain scope of `entity`.
 */
export function formulaContext(
  app: App,
  entity: string,
  functions: ReadonlyMap<string, FunctionSpec>,
  path?: string,
): FormulaContext {
  const site = siteAt(app, path);
  const model = indexApp(app);
  const scope = createAppScope(new FieldTypes(model, functions), model, site?.entity ?? entity, site?.variables);
  return site?.expected ? { scope, functions, expected: site.expected } : { scope, functions };
}
