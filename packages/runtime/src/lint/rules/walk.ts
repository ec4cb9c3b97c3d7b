/**
 * Small walks over an app that several rules share: every effect with where it runs, the
 * field a dotted path ends on, the fields a page shows.
 */
import type { AppModel } from "../../app/model.js";
import type { Node } from "../../expr/ast.js";
import type { App, Effect, LayoutNode, Party } from "../../schema/types.js";
import type { FieldRef } from "../lint.types.js";

/** One effect of the app: what it is, the entity whose record it runs on, its pointer. */
export interface EffectAt {
  readonly effect: Effect;
  readonly entity: string;
  readonly path: string;
}

/** Every effect of every workflow and automation, in document order. */
export function appEffects(app: App): EffectAt[] {
  const out: EffectAt[] = [];
  const add = (entity: string, effects: readonly Effect[] | undefined, path: string) =>
    effects?.forEach((effect, i) => out.push({ effect, entity, path: `${path}/${i}` }));
  app.workflows?.forEach((wf, w) => {
    const base = `/workflows/${w}`;
    if (wf.kind === "stateMachine") {
      wf.states.forEach((s, i) => add(wf.entity, s.onEnter, `${base}/states/${i}/onEnter`));
      wf.transitions.forEach((t, i) => add(wf.entity, t.effects, `${base}/transitions/${i}/effects`));
    } else {
      for (const key of ["onSubmit", "onApprove", "onReject", "onRecall"] as const)
        add(wf.entity, wf[key], `${base}/${key}`);
    }
  });
  app.automations?.forEach((a, i) => add(a.entity, a.actions, `/automations/${i}/actions`));
  return out;
}

/** One party (approvers, recipients, escalation) with its pointer. */
export interface PartyAt {
  readonly party: Party;
  readonly path: string;
}

/** Every party the app names: approval steps' approvers and escalations, notifications' recipients. */
export function appParties(app: App): PartyAt[] {
  const out: PartyAt[] = [];
  app.workflows?.forEach((wf, w) => {
    if (wf.kind !== "approval") return;
    wf.steps.forEach((step, i) => {
      const p = `/workflows/${w}/steps/${i}`;
      out.push({ party: step.approvers, path: `${p}/approvers` });
      const escalate = step.sla?.escalateTo;
      if (escalate && escalate !== "manager") out.push({ party: escalate, path: `${p}/sla/escalateTo` });
    });
  });
  for (const { effect, path } of appEffects(app))
    if (effect.kind === "notify") out.push({ party: effect.to, path: `${path}/to` });
  return out;
}

/**
 * The field a dotted path (`amount`, `account.region`) ends on, following relations from
 * `entity`; undefined when a segment is unknown or a non-relation is followed.
 */
export function resolveFieldPath(model: AppModel, entity: string, path: string): FieldRef | undefined {
  let current = entity;
  const segments = path.split(".");
  for (const [i, segment] of segments.entries()) {
    const field = model.entities.get(current)?.fields.get(segment)?.value;
    if (!field) return undefined;
    if (i === segments.length - 1) return { entity: current, field: segment };
    if (field.kind !== "relation") return undefined;
    current = field.target;
  }
  return undefined;
}

/** Is the formula the literal FALSE (a condition that can never hold)? */
export function isConstantFalse(ast: Node | undefined): boolean {
  return ast?.type === "boolean" && !ast.value;
}

/** A field a page shows, where, and whether a layout rule keeps it out of sight. */
export interface ShownField {
  readonly ref: FieldRef;
  readonly path: string;
  /** The node or one of its containers has `visibleWhen` FALSE. */
  readonly neverVisible: boolean;
}

/** Every field a form, detail, table or kanban page shows (none for dashboards and inboxes). */
export function shownFields(
  model: AppModel,
  app: App,
  parse: (text: string) => Node | undefined,
): Array<{ page: number; entity: string; fields: ShownField[] }> {
  const out: Array<{ page: number; entity: string; fields: ShownField[] }> = [];
  const at = (entity: string, dotted: string, path: string, neverVisible: boolean): ShownField[] => {
    const ref = resolveFieldPath(model, entity, dotted);
    return ref ? [{ ref, path, neverVisible }] : [];
  };
  const walk = (entity: string, node: LayoutNode, path: string, hidden: boolean, into: ShownField[]): void => {
    const off = hidden || (node.visibleWhen !== undefined && isConstantFalse(parse(node.visibleWhen)));
    switch (node.kind) {
      case "section":
      case "columns":
        node.children.forEach((c, i) => walk(entity, c, `${path}/children/${i}`, off, into));
        return;
      case "tabs":
        node.tabs.forEach((tab, t) => {
          const tabOff = off || (tab.visibleWhen !== undefined && isConstantFalse(parse(tab.visibleWhen)));
          tab.children.forEach((c, i) => walk(entity, c, `${path}/tabs/${t}/children/${i}`, tabOff, into));
        });
        return;
      case "field":
        into.push(...at(entity, node.field, `${path}/field`, off));
        return;
      case "relatedList":
        node.columns?.forEach((c, i) => into.push(...at(node.entity, c, `${path}/columns/${i}`, off)));
        return;
      case "text":
      case "widget":
        return;
    }
  };
  app.pages?.forEach((page, p) => {
    const base = `/pages/${p}`;
    const fields: ShownField[] = [];
    switch (page.kind) {
      case "form":
      case "detail":
        walk(page.entity, page.layout, `${base}/layout`, false, fields);
        break;
      case "table":
        page.columns.forEach((c, i) => fields.push(...at(page.entity, c.field, `${base}/columns/${i}/field`, false)));
        break;
      case "kanban":
        fields.push(...at(page.entity, page.groupBy, `${base}/groupBy`, false));
        page.cardFields?.forEach((f, i) => fields.push(...at(page.entity, f, `${base}/cardFields/${i}`, false)));
        if (page.sumField !== undefined) fields.push(...at(page.entity, page.sumField, `${base}/sumField`, false));
        break;
      case "dashboard":
      case "inbox":
        return;
    }
    out.push({ page: p, entity: page.entity, fields });
  });
  return out;
}
