import type { FormulaType, FormulaTypeKind } from "../../expr/types.js";
import type { App, Effect, LayoutNode, Party, Query } from "../../schema/types.js";
import { approvalEffectVariables, approverVariables } from "../scope.js";

/**
 * One place in an app where a formula is written: the text, the entity it runs on, the
 * JSON Pointer of the text, what type it must have, and any extra variables it may use.
 * The checks, the linter and the designer's rename refactor all walk these sites.
 */
export interface FormulaSite {
  readonly entity: string;
  readonly text: string;
  readonly path: string;
  readonly expected?: readonly FormulaTypeKind[];
  readonly variables?: ReadonlyMap<string, FormulaType>;
  /** Runs in the database (row scopes, list and dashboard filters, rollup filters): must translate to SQL. */
  readonly sql?: boolean;
  /** For formulas that fill a field: where their value goes. */
  readonly assigns?: { readonly entity: string; readonly field: string };
}

const condition = ["boolean"] as const;

/** Entity → relation field → target entity, for setFields on a related record. */
type RelationTargets = ReadonlyMap<string, ReadonlyMap<string, string>>;

function effectSites(
  entity: string,
  effects: readonly Effect[] | undefined,
  path: string,
  out: FormulaSite[],
  relationTargets: RelationTargets,
  variables?: ReadonlyMap<string, FormulaType>,
): void {
  const extra = variables ? { variables } : {};
  effects?.forEach((effect, i) => {
    const p = `${path}/${i}`;
    if (effect.kind === "setFields") {
      // Values are computed on this record; with `relation` they fill the related record's fields.
      const target = effect.relation === undefined ? entity : relationTargets.get(entity)?.get(effect.relation);
      for (const [field, text] of Object.entries(effect.values)) {
        out.push({
          entity,
          text,
          path: `${p}/values/${field}`,
          ...(target ? { assigns: { entity: target, field } } : {}),
          ...extra,
        });
      }
    } else if (effect.kind === "createRecord") {
      for (const [field, text] of Object.entries(effect.values)) {
        out.push({ entity, text, path: `${p}/values/${field}`, assigns: { entity: effect.entity, field }, ...extra });
      }
    } else if (effect.kind === "webhook") {
      for (const [key, text] of Object.entries(effect.body ?? {}))
        out.push({ entity, text, path: `${p}/body/${key}`, ...extra });
    } else if (effect.kind === "notify") {
      partySites(entity, effect.to, `${p}/to`, out);
    }
  });
}

function partySites(entity: string, party: Party, path: string, out: FormulaSite[]): void {
  if (party.kind === "role" && party.match !== undefined) {
    out.push({ entity, text: party.match, path: `${path}/match`, expected: condition, variables: approverVariables });
  }
}

function querySites(query: Query, path: string, out: FormulaSite[]): void {
  if (query.filter !== undefined)
    out.push({ entity: query.entity, text: query.filter, path: `${path}/filter`, expected: condition, sql: true });
  query.measures?.forEach((m, i) => {
    if (m.filter !== undefined)
      out.push({
        entity: query.entity,
        text: m.filter,
        path: `${path}/measures/${i}/filter`,
        expected: condition,
        sql: true,
      });
  });
}

function layoutSites(entity: string, node: LayoutNode, path: string, out: FormulaSite[]): void {
  if (node.visibleWhen !== undefined)
    out.push({ entity, text: node.visibleWhen, path: `${path}/visibleWhen`, expected: condition });
  switch (node.kind) {
    case "section":
    case "columns":
      node.children.forEach((c, i) => layoutSites(entity, c, `${path}/children/${i}`, out));
      return;
    case "tabs":
      node.tabs.forEach((tab, t) => {
        if (tab.visibleWhen !== undefined)
          out.push({ entity, text: tab.visibleWhen, path: `${path}/tabs/${t}/visibleWhen`, expected: condition });
        tab.children.forEach((c, i) => layoutSites(entity, c, `${path}/tabs/${t}/children/${i}`, out));
      });
      return;
    case "widget":
      querySites(node.widget.query, `${path}/widget/query`, out);
      return;
    case "field":
    case "text":
    case "relatedList":
      return;
  }
}

/** Every formula in the app, in document order. */
export function collectFormulaSites(app: App): FormulaSite[] {
  const relationTargets: RelationTargets = new Map(
    (app.entities ?? []).map((e) => [
      e.id,
      new Map(e.fields.flatMap((f) => (f.kind === "relation" ? [[f.id, f.target] as const] : []))),
    ]),
  );
  const out: FormulaSite[] = [];
  app.entities?.forEach((entity, e) => {
    const base = `/entities/${e}`;
    entity.fields.forEach((field, f) => {
      const p = `${base}/fields/${f}`;
      for (const key of ["visibleWhen", "requiredWhen", "readOnlyWhen"] as const) {
        const text = field[key];
        if (text !== undefined) out.push({ entity: entity.id, text, path: `${p}/${key}`, expected: condition });
      }
      if (field.kind === "formula") {
        out.push({
          entity: entity.id,
          text: field.expression,
          path: `${p}/expression`,
          expected: field.resultType ? [field.resultType] : undefined,
        });
      }
      if (field.kind === "rollup" && field.filter !== undefined) {
        out.push({ entity: field.from, text: field.filter, path: `${p}/filter`, expected: condition, sql: true });
      }
    });
    entity.rules?.forEach((rule, r) => {
      out.push({
        entity: entity.id,
        text: rule.invalidWhen,
        path: `${base}/rules/${r}/invalidWhen`,
        expected: condition,
      });
    });
  });
  app.workflows?.forEach((wf, w) => {
    const base = `/workflows/${w}`;
    if (wf.kind === "stateMachine") {
      wf.states.forEach((s, i) => {
        effectSites(wf.entity, s.onEnter, `${base}/states/${i}/onEnter`, out, relationTargets);
        s.exitGuards?.forEach((g, j) =>
          out.push({
            entity: wf.entity,
            text: g.condition,
            path: `${base}/states/${i}/exitGuards/${j}/condition`,
            expected: condition,
          }),
        );
      });
      wf.transitions.forEach((t, i) => {
        if (t.guard !== undefined)
          out.push({ entity: wf.entity, text: t.guard, path: `${base}/transitions/${i}/guard`, expected: condition });
        effectSites(wf.entity, t.effects, `${base}/transitions/${i}/effects`, out, relationTargets);
      });
    } else {
      if (wf.entryCriteria !== undefined)
        out.push({ entity: wf.entity, text: wf.entryCriteria, path: `${base}/entryCriteria`, expected: condition });
      wf.steps.forEach((step, i) => {
        const p = `${base}/steps/${i}`;
        if (step.condition !== undefined)
          out.push({ entity: wf.entity, text: step.condition, path: `${p}/condition`, expected: condition });
        partySites(wf.entity, step.approvers, `${p}/approvers`, out);
        const escalate = step.sla?.escalateTo;
        if (escalate && escalate !== "manager") partySites(wf.entity, escalate, `${p}/sla/escalateTo`, out);
      });
      for (const key of ["onSubmit", "onApprove", "onReject", "onRecall"] as const)
        effectSites(wf.entity, wf[key], `${base}/${key}`, out, relationTargets, approvalEffectVariables);
    }
  });
  app.automations?.forEach((a, i) => {
    const base = `/automations/${i}`;
    if (a.trigger.kind === "becomesTrue")
      out.push({ entity: a.entity, text: a.trigger.formula, path: `${base}/trigger/formula`, expected: condition });
    if (a.condition !== undefined)
      out.push({ entity: a.entity, text: a.condition, path: `${base}/condition`, expected: condition });
    effectSites(a.entity, a.actions, `${base}/actions`, out, relationTargets);
  });
  app.permissions?.forEach((p, i) => {
    if (p.rowScope !== undefined && p.entity !== "*") {
      out.push({
        entity: p.entity,
        text: p.rowScope,
        path: `/permissions/${i}/rowScope`,
        expected: condition,
        sql: true,
      });
    }
  });
  app.pages?.forEach((page, i) => {
    const base = `/pages/${i}`;
    switch (page.kind) {
      case "form":
      case "detail":
        layoutSites(page.entity, page.layout, `${base}/layout`, out);
        return;
      case "table":
      case "kanban":
        if (page.filter !== undefined)
          out.push({ entity: page.entity, text: page.filter, path: `${base}/filter`, expected: condition, sql: true });
        return;
      case "dashboard":
        page.widgets.forEach((w, j) => querySites(w.query, `${base}/widgets/${j}/query`, out));
        return;
      case "inbox":
        return;
    }
  });
  return out;
}
