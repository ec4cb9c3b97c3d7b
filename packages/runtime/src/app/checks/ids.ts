import { pointer } from "../../issues/issue.js";
import { schemaIssue } from "../messages.js";
import { systemFieldIds } from "../model.js";
import type { CheckContext } from "./context.js";

/** Names that would collide with JavaScript object internals wherever ids become keys. */
const prototypeNames = new Set(
  [...Object.getOwnPropertyNames(Object.prototype), "prototype", "constructor", "__proto__"].map((n) =>
    n.toLowerCase(),
  ),
);

interface IdItem {
  readonly id: string;
}

/**
 * Report ids used twice in one list. Ids are compared ignoring case because they become
 * SQL identifiers, and SQL compares identifiers ignoring case.
 */
export function checkUnique(
  ctx: CheckContext,
  items: readonly IdItem[] | undefined,
  base: string,
  what: string,
  property = "id",
): void {
  const seen = new Map<string, string>();
  items?.forEach((item, i) => {
    const key = item.id.toLowerCase();
    const path = `${base}/${i}/${property}`;
    const other = seen.get(key);
    if (other !== undefined) ctx.issues.push(schemaIssue("schema.duplicateId", path, { id: item.id, what, other }));
    else seen.set(key, path);
  });
}

function checkReserved(ctx: CheckContext, id: string, path: string, field: boolean): void {
  const lower = id.toLowerCase();
  if (prototypeNames.has(lower)) {
    ctx.issues.push(
      schemaIssue("schema.reservedId", path, { id, reason: "JavaScript object internals", suggestion: `${id}_` }),
    );
  } else if (field && [...systemFieldIds].some((s) => s.toLowerCase() === lower)) {
    ctx.issues.push(
      schemaIssue("schema.reservedId", path, { id, reason: "a system field every record has", suggestion: `my_${id}` }),
    );
  }
}

/** Duplicate and reserved ids across every list of the app. */
export function checkIds(ctx: CheckContext): void {
  const { app } = ctx.model;
  checkUnique(ctx, app.roles, "/roles", "role");
  checkUnique(ctx, app.entities, "/entities", "entity");
  checkUnique(ctx, app.workflows, "/workflows", "workflow");
  checkUnique(ctx, app.automations, "/automations", "automation");
  checkUnique(ctx, app.pages, "/pages", "page");
  checkUnique(ctx, app.tests, "/tests", "scenario");
  app.roles?.forEach((r, i) => checkReserved(ctx, r.id, pointer("roles", i, "id"), false));
  app.entities?.forEach((entity, e) => {
    const base = pointer("entities", e);
    checkReserved(ctx, entity.id, `${base}/id`, false);
    checkUnique(ctx, entity.fields, `${base}/fields`, "field");
    checkUnique(ctx, entity.rules, `${base}/rules`, "rule");
    entity.fields.forEach((field, f) => {
      checkReserved(ctx, field.id, `${base}/fields/${f}/id`, true);
      if (field.kind === "select" || field.kind === "multiSelect") {
        checkUnique(
          ctx,
          field.options.map((o) => ({ id: o.value })),
          `${base}/fields/${f}/options`,
          "option",
          "value",
        );
      }
    });
  });
  app.workflows?.forEach((wf, w) => {
    const base = pointer("workflows", w);
    if (wf.kind === "stateMachine") {
      checkUnique(ctx, wf.states, `${base}/states`, "state");
      checkUnique(ctx, wf.transitions, `${base}/transitions`, "transition");
    } else {
      checkUnique(ctx, wf.steps, `${base}/steps`, "step");
    }
  });
  app.pages?.forEach((page, p) => {
    if (page.kind === "dashboard") checkUnique(ctx, page.widgets, pointer("pages", p, "widgets"), "widget");
  });
}
