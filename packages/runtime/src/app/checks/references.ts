import { isExpressionMeasure } from "../../query/measureExpression.js";
import type { Effect, LayoutNode, Party, Query } from "../../schema/types.js";
import { cronIssue } from "../../workflow/automationSchedule.js";
import { schemaIssue } from "../messages.js";
import type { EntityModel } from "../model.js";
import type { CheckContext } from "./context.js";
import { checkMeasureExpressions } from "./measureExpressions.js";
import {
  refEntity,
  refField,
  refFieldKey,
  refFieldPath,
  refFields,
  refPage,
  refRole,
  refRoles,
  refWorkflow,
  unknown,
  words,
} from "./refs.js";
import { checkSpanGroupings, checkWidgetShape } from "./spans.js";
import { checkThresholds } from "./thresholds.js";

function checkEntityFields(ctx: CheckContext, entity: EntityModel): void {
  const { value, path } = entity;
  value.fields.forEach((field, i) => {
    const fieldPath = `${path}/fields/${i}`;
    if (field.kind === "relation") refEntity(ctx, field.target, `${fieldPath}/target`);
    if (field.kind === "user") refRoles(ctx, field.roles, `${fieldPath}/roles`);
    if (field.kind === "rollup") {
      const from = refEntity(ctx, field.from, `${fieldPath}/from`);
      const via = from ? refField(ctx, from, field.via, `${fieldPath}/via`) : undefined;
      if (via && via.kind !== "relation") {
        ctx.issues.push(
          schemaIssue("schema.rollupNotRelation", `${fieldPath}/via`, {
            via: field.via,
            from: field.from,
            actual: via.kind,
            entity: value.id,
          }),
        );
      } else if (via?.kind === "relation" && via.target !== value.id) {
        ctx.issues.push(
          schemaIssue("schema.relationMismatch", `${fieldPath}/via`, {
            field: field.via,
            entity: field.from,
            expected: value.id,
            actual: via.target,
          }),
        );
      }
      if (field.aggregate !== "count" && field.field === undefined) {
        ctx.issues.push(schemaIssue("schema.rollupFieldRequired", fieldPath, { aggregate: field.aggregate }));
      }
      if (from && field.field !== undefined) {
        const numeric = field.aggregate === "sum" || field.aggregate === "avg";
        refField(
          ctx,
          from,
          field.field,
          `${fieldPath}/field`,
          numeric ? ["number", "currency", "percent", "formula", "rollup"] : undefined,
          numeric ? "a number" : undefined,
        );
      }
    }
  });
  if (value.titleField !== undefined) refField(ctx, entity, value.titleField, `${path}/titleField`);
  value.rules?.forEach((rule, i) => {
    if (rule.field !== undefined) refField(ctx, entity, rule.field, `${path}/rules/${i}/field`);
  });
  value.indexes?.forEach((index, i) => refFields(ctx, entity, index.fields, `${path}/indexes/${i}/fields`));
}

/** A party names roles and user fields of the record's entity. */
export function checkParty(ctx: CheckContext, entity: EntityModel | undefined, party: Party, path: string): void {
  switch (party.kind) {
    case "role":
      refRole(ctx, party.role, `${path}/role`);
      return;
    case "userField":
    case "managerOf":
      refField(ctx, entity, party.field, `${path}/field`, ["user"], "a user field");
      return;
    case "users":
      return;
  }
}

export function checkEffects(
  ctx: CheckContext,
  entity: EntityModel | undefined,
  effects: readonly Effect[] | undefined,
  path: string,
): void {
  // Names given by `as` so far: a link may only name a record an earlier effect made or found.
  const named: string[] = [];
  const checkLinks = (
    target: EntityModel | undefined,
    links: Readonly<Record<string, string>> | undefined,
    p: string,
  ) => {
    for (const [field, name] of Object.entries(links ?? {})) {
      refField(ctx, target, field, `${p}/links/${field}`, ["relation"], "a relation field");
      if (!named.includes(name))
        unknown(ctx, { en: "earlier effect named", zh: "前面命名的效果" }, name, `${p}/links/${field}`, named);
    }
  };
  effects?.forEach((effect, i) => {
    const p = `${path}/${i}`;
    switch (effect.kind) {
      case "setFields": {
        // With `relation`, the fields are the related record's.
        const via =
          effect.relation === undefined
            ? undefined
            : refField(ctx, entity, effect.relation, `${p}/relation`, ["relation"], "a relation field");
        const target =
          effect.relation === undefined
            ? entity
            : via?.kind === "relation"
              ? refEntity(ctx, via.target, `${p}/relation`)
              : undefined;
        for (const id of Object.keys(effect.values)) refFieldKey(ctx, target, id, `${p}/values/${id}`);
        checkLinks(target, effect.links, p);
        return;
      }
      case "createRecord": {
        const target = refEntity(ctx, effect.entity, `${p}/entity`);
        for (const id of Object.keys(effect.values)) refFieldKey(ctx, target, id, `${p}/values/${id}`);
        checkLinks(target, effect.links, p);
        effect.findBy?.forEach((keys, k) =>
          keys.forEach((key, j) => {
            if (!Object.hasOwn(effect.values, key) && !Object.hasOwn(effect.links ?? {}, key))
              unknown(ctx, words.field, key, `${p}/findBy/${k}/${j}`, Object.keys(effect.values));
          }),
        );
        if (effect.as !== undefined) named.push(effect.as);
        return;
      }
      case "notify":
        checkParty(ctx, entity, effect.to, `${p}/to`);
        return;
      case "transition": {
        const wf = refWorkflow(ctx, effect.workflow, `${p}/workflow`);
        if (wf?.kind === "stateMachine" && !wf.transitions.some((t) => t.id === effect.transition)) {
          unknown(
            ctx,
            words.transition,
            effect.transition,
            `${p}/transition`,
            wf.transitions.map((t) => t.id),
          );
        }
        if (wf && wf.kind !== "stateMachine") {
          ctx.issues.push(
            schemaIssue("schema.wrongFieldKind", `${p}/workflow`, {
              field: effect.workflow,
              actual: wf.kind,
              expected: "stateMachine",
            }),
          );
        }
        return;
      }
      case "webhook":
        return;
    }
  });
}

function checkWorkflowRefs(ctx: CheckContext): void {
  ctx.model.app.workflows?.forEach((wf, w) => {
    const path = `/workflows/${w}`;
    const entity = refEntity(ctx, wf.entity, `${path}/entity`);
    if (wf.kind === "stateMachine") {
      refField(ctx, entity, wf.field, `${path}/field`, ["select"], "a select field");
      refFields(ctx, entity, wf.history?.fields, `${path}/history/fields`);
      wf.states.forEach((s, i) => checkEffects(ctx, entity, s.onEnter, `${path}/states/${i}/onEnter`));
      wf.transitions.forEach((t, i) => {
        refFields(ctx, entity, t.requiredFields, `${path}/transitions/${i}/requiredFields`);
        refRoles(ctx, t.roles, `${path}/transitions/${i}/roles`);
        checkEffects(ctx, entity, t.effects, `${path}/transitions/${i}/effects`);
      });
    } else {
      refRoles(ctx, wf.submitters, `${path}/submitters`);
      if (wf.statusField !== undefined)
        refField(ctx, entity, wf.statusField, `${path}/statusField`, ["select"], "a select field");
      wf.steps.forEach((step, i) => {
        const p = `${path}/steps/${i}`;
        checkParty(ctx, entity, step.approvers, `${p}/approvers`);
        refFields(ctx, entity, step.editableFields, `${p}/editableFields`);
        const escalate = step.sla?.escalateTo;
        if (escalate && escalate !== "manager") checkParty(ctx, entity, escalate, `${p}/sla/escalateTo`);
      });
      for (const key of ["onSubmit", "onApprove", "onReject", "onRecall"] as const) {
        checkEffects(ctx, entity, wf[key], `${path}/${key}`);
      }
    }
  });
}

function checkAutomationRefs(ctx: CheckContext): void {
  ctx.model.app.automations?.forEach((a, i) => {
    const path = `/automations/${i}`;
    const entity = refEntity(ctx, a.entity, `${path}/entity`);
    const trigger = a.trigger;
    switch (trigger.kind) {
      case "update":
        refFields(ctx, entity, trigger.fields, `${path}/trigger/fields`);
        break;
      case "cron": {
        const issue = cronIssue(trigger.expression, `${path}/trigger/expression`);
        if (issue) ctx.issues.push(issue);
        break;
      }
      case "dateOffset":
        refField(ctx, entity, trigger.field, `${path}/trigger/field`, ["date", "datetime"], "a date or datetime field");
        break;
      case "transition":
      case "approval": {
        const wf = refWorkflow(ctx, trigger.workflow, `${path}/trigger/workflow`);
        const wanted = trigger.kind === "transition" ? "stateMachine" : "approval";
        if (wf && (wf.kind !== wanted || wf.entity !== a.entity)) {
          ctx.issues.push(
            schemaIssue("schema.wrongFieldKind", `${path}/trigger/workflow`, {
              field: trigger.workflow,
              actual: `${wf.kind} on ${wf.entity}`,
              expected: `a ${wanted} on ${a.entity}`,
            }),
          );
        } else if (
          trigger.kind === "transition" &&
          wf?.kind === "stateMachine" &&
          trigger.transition !== undefined &&
          !wf.transitions.some((t) => t.id === trigger.transition)
        ) {
          unknown(
            ctx,
            words.transition,
            trigger.transition,
            `${path}/trigger/transition`,
            wf.transitions.map((t) => t.id),
          );
        }
        break;
      }
      default:
        break;
    }
    checkEffects(ctx, entity, a.actions, `${path}/actions`);
  });
}

function checkPermissionRefs(ctx: CheckContext): void {
  ctx.model.app.permissions?.forEach((p, i) => {
    const path = `/permissions/${i}`;
    refRole(ctx, p.role, `${path}/role`);
    const entity = p.entity === "*" ? undefined : refEntity(ctx, p.entity, `${path}/entity`);
    refFields(ctx, entity, p.hiddenFields, `${path}/hiddenFields`);
    refFields(ctx, entity, p.readOnlyFields, `${path}/readOnlyFields`);
  });
}

export function checkQueryRefs(ctx: CheckContext, query: Query, path: string): void {
  const entity = refEntity(ctx, query.entity, `${path}/entity`);
  query.groupBy?.forEach((g, i) => {
    const found = refFieldPath(ctx, entity, g.field, `${path}/groupBy/${i}/field`);
    if (found && g.bucket && !["date", "datetime"].includes(found.field.kind)) {
      ctx.issues.push(
        schemaIssue("schema.wrongFieldKind", `${path}/groupBy/${i}/field`, {
          field: g.field,
          actual: found.field.kind,
          expected: "a date or datetime field",
        }),
      );
    }
  });
  checkSpanGroupings(ctx, entity, query, path);
  checkMeasureExpressions(ctx, query, path);
  query.measures?.forEach((m, i) => {
    if (m.field !== undefined) refFieldPath(ctx, entity, m.field, `${path}/measures/${i}/field`);
    else if (m.aggregate !== undefined && m.aggregate !== "count")
      ctx.issues.push(schemaIssue("schema.rollupFieldRequired", `${path}/measures/${i}`, { aggregate: m.aggregate }));
    if (m.aggregate === "percentile" && m.p === undefined)
      ctx.issues.push(schemaIssue("schema.required", `${path}/measures/${i}`, { property: "p" }));
  });
  const measureIds = new Set(query.measures?.map((m) => m.id));
  // A difference subtracts a plain aggregate; a ratio divides by a measure that is no ratio
  // (a plain aggregate or a difference); neither names itself nor an expression (computed last).
  const aggregates = (query.measures ?? []).filter((m) => !isExpressionMeasure(m));
  const plain = aggregates.filter((m) => m.divideBy === undefined && m.minus === undefined).map((m) => m.id);
  const divisors = aggregates.filter((m) => m.divideBy === undefined).map((m) => m.id);
  query.measures?.forEach((m, i) => {
    if (m.minus !== undefined && (m.minus === m.id || !plain.includes(m.minus)))
      unknown(ctx, { en: "plain measure", zh: "普通度量" }, m.minus, `${path}/measures/${i}/minus`, plain);
    if (m.divideBy !== undefined && (m.divideBy === m.id || !divisors.includes(m.divideBy)))
      unknown(
        ctx,
        { en: "measure without divideBy", zh: "不含 divideBy 的度量" },
        m.divideBy,
        `${path}/measures/${i}/divideBy`,
        divisors,
      );
  });
  query.sort?.forEach((s, i) => {
    if (!measureIds.has(s.by)) refFieldPath(ctx, entity, s.by, `${path}/sort/${i}/by`);
  });
}

function checkLayout(ctx: CheckContext, entity: EntityModel | undefined, node: LayoutNode, path: string): void {
  switch (node.kind) {
    case "section":
    case "columns":
      node.children.forEach((child, i) => checkLayout(ctx, entity, child, `${path}/children/${i}`));
      return;
    case "tabs":
      node.tabs.forEach((tab, t) =>
        tab.children.forEach((child, i) => checkLayout(ctx, entity, child, `${path}/tabs/${t}/children/${i}`)),
      );
      return;
    case "field":
      refFieldPath(ctx, entity, node.field, `${path}/field`);
      return;
    case "relatedList": {
      const child = refEntity(ctx, node.entity, `${path}/entity`);
      const via = refField(ctx, child, node.via, `${path}/via`, ["relation"], "a relation field");
      if (via?.kind === "relation" && entity && via.target !== entity.value.id) {
        ctx.issues.push(
          schemaIssue("schema.relationMismatch", `${path}/via`, {
            field: node.via,
            entity: node.entity,
            expected: entity.value.id,
            actual: via.target,
          }),
        );
      }
      refFields(ctx, child, node.columns, `${path}/columns`);
      return;
    }
    case "widget":
      checkQueryRefs(ctx, node.widget.query, `${path}/widget/query`);
      checkThresholds(ctx, node.widget, `${path}/widget`);
      checkWidgetShape(ctx, node.widget, `${path}/widget`);
      return;
    case "text":
      return;
  }
}

function checkPageRefs(ctx: CheckContext): void {
  ctx.model.app.pages?.forEach((page, i) => {
    const path = `/pages/${i}`;
    refRoles(ctx, page.roles, `${path}/roles`);
    switch (page.kind) {
      case "form":
      case "detail": {
        const entity = refEntity(ctx, page.entity, `${path}/entity`);
        checkLayout(ctx, entity, page.layout, `${path}/layout`);
        return;
      }
      case "table": {
        const entity = refEntity(ctx, page.entity, `${path}/entity`);
        page.columns.forEach((c, j) => refFieldPath(ctx, entity, c.field, `${path}/columns/${j}/field`));
        page.sort?.forEach((s, j) => refFieldPath(ctx, entity, s.by, `${path}/sort/${j}/by`));
        refPage(ctx, page.detailPage, `${path}/detailPage`);
        refPage(ctx, page.formPage, `${path}/formPage`);
        return;
      }
      case "kanban": {
        const entity = refEntity(ctx, page.entity, `${path}/entity`);
        refField(ctx, entity, page.groupBy, `${path}/groupBy`, ["select"], "a select field");
        refFields(ctx, entity, page.cardFields, `${path}/cardFields`);
        if (page.sumField !== undefined) {
          refField(
            ctx,
            entity,
            page.sumField,
            `${path}/sumField`,
            ["number", "currency", "percent", "formula", "rollup"],
            "a number",
          );
        }
        refPage(ctx, page.detailPage, `${path}/detailPage`);
        return;
      }
      case "dashboard":
        page.filters?.forEach((f, j) =>
          refFieldPath(
            ctx,
            refEntity(ctx, f.entity, `${path}/filters/${j}/entity`),
            f.field,
            `${path}/filters/${j}/field`,
          ),
        );
        page.widgets.forEach((w, j) => {
          checkQueryRefs(ctx, w.query, `${path}/widgets/${j}/query`);
          checkThresholds(ctx, w, `${path}/widgets/${j}`);
          checkWidgetShape(ctx, w, `${path}/widgets/${j}`);
        });
        return;
      case "inbox":
        page.workflows?.forEach((id, j) => refWorkflow(ctx, id, `${path}/workflows/${j}`));
        return;
    }
  });
}

function checkNavigationRefs(ctx: CheckContext): void {
  ctx.model.app.navigation?.forEach((item, i) => {
    if (item.kind === "page") {
      refPage(ctx, item.page, `/navigation/${i}/page`);
      refRoles(ctx, item.roles, `/navigation/${i}/roles`);
    } else {
      item.items.forEach((sub, j) => {
        refPage(ctx, sub.page, `/navigation/${i}/items/${j}/page`);
        refRoles(ctx, sub.roles, `/navigation/${i}/items/${j}/roles`);
      });
    }
  });
}

function checkRoleRefs(ctx: CheckContext): void {
  const roles = ctx.model.app.roles ?? [];
  roles.forEach((role, i) => refRoles(ctx, role.inherits, `/roles/${i}/inherits`));
  // Inheritance must not go round in a circle (depth-first search with colours).
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      const at = ctx.model.roles.get(id)?.path ?? "/roles";
      ctx.issues.push(schemaIssue("schema.roleCycle", `${at}/inherits`, { cycle: cycle.join(" → ") }));
      return;
    }
    state.set(id, "visiting");
    for (const parent of ctx.model.roles.get(id)?.value.inherits ?? [])
      if (ctx.model.roles.has(parent)) visit(parent, [...trail, id]);
    state.set(id, "done");
  };
  for (const role of roles) visit(role.id, []);
}

function checkScenarioRefs(ctx: CheckContext): void {
  ctx.model.app.tests?.forEach((scenario, i) => {
    const path = `/tests/${i}`;
    scenario.users?.forEach((u, j) => refRoles(ctx, u.roles, `${path}/users/${j}/roles`));
    scenario.given?.forEach((g, j) => {
      const entity = refEntity(ctx, g.entity, `${path}/given/${j}/entity`);
      for (const id of Object.keys(g.values)) refFieldKey(ctx, entity, id, `${path}/given/${j}/values/${id}`);
    });
    scenario.steps.forEach((s, j) => {
      if (s.entity !== undefined) refEntity(ctx, s.entity, `${path}/steps/${j}/entity`);
      if (s.workflow !== undefined) refWorkflow(ctx, s.workflow, `${path}/steps/${j}/workflow`);
    });
  });
}

/** Every reference between parts of the app resolves to something of the right kind. */
export function checkReferences(ctx: CheckContext): void {
  for (const entity of ctx.model.entities.values()) checkEntityFields(ctx, entity);
  checkRoleRefs(ctx);
  checkWorkflowRefs(ctx);
  checkAutomationRefs(ctx);
  checkPermissionRefs(ctx);
  checkPageRefs(ctx);
  checkNavigationRefs(ctx);
  checkScenarioRefs(ctx);
}
