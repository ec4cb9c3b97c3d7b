import type { FormulaType } from "../../expr/types.js";
import type { App, Computation } from "../../schema/types.js";
import { computationVariables, perRecordAggregates } from "../../workflow/computation.js";
import { schemaIssue } from "../messages.js";
import type { EntityModel } from "../model.js";
import type { CheckContext } from "./context.js";
import type { FormulaSite } from "./formulaSites.js";
import { checkSite } from "./formulas.js";
import { refEntity, refField, refFieldKey, refWorkflow, unknown, words } from "./refs.js";

const numberKinds = ["number", "currency", "percent", "formula", "rollup"] as const;
const computedKinds = new Set(["formula", "rollup", "autonumber"]);

type Stat = NonNullable<Computation["stats"]>[string];

function checkStat(
  ctx: CheckContext,
  target: EntityModel | undefined,
  stat: Stat,
  path: string,
  variables: ReadonlyMap<string, FormulaType>,
  inSummary: boolean,
): void {
  const entity = target?.value.id;
  if (stat.aggregate !== "count" && stat.field === undefined)
    ctx.issues.push(schemaIssue("schema.required", path, { property: "field" }));
  if (stat.field !== undefined) refField(ctx, target, stat.field, `${path}/field`, numberKinds, "a number field");
  if (stat.aggregate === "spearman") {
    if (stat.with === undefined) ctx.issues.push(schemaIssue("schema.required", path, { property: "with" }));
    else refField(ctx, target, stat.with, `${path}/with`, numberKinds, "a number field");
  }
  if (stat.aggregate === "percentile" && stat.p === undefined)
    ctx.issues.push(schemaIssue("schema.required", path, { property: "p" }));
  stat.partitionBy?.forEach((id, i) => refField(ctx, target, id, `${path}/partitionBy/${i}`));
  if (inSummary && perRecordAggregates.has(stat.aggregate)) {
    ctx.issues.push(
      schemaIssue("schema.enum", `${path}/aggregate`, {
        value: stat.aggregate,
        allowed: "count, sum, avg, min, max, stdev, percentile, spearman",
      }),
    );
  }
  if (stat.filter !== undefined && entity !== undefined)
    checkSite(ctx, { entity, text: stat.filter, path: `${path}/filter`, expected: ["boolean"], variables });
}

/**
 * The references and formulas of computations: the run entity, its stage machine and
 * transition, the target fields (values may not be computed fields), statistics, and every
 * formula with the variables it may use (`$stats.<id>` in values, `$run.<field>` everywhere
 * over the records; the match formulas read the run record).
 */
export function checkComputations(ctx: CheckContext): void {
  const ids = new Map<string, string>();
  ctx.model.app.computations?.forEach((computation, i) => {
    const path = `/computations/${i}`;
    const other = ids.get(computation.id.toLowerCase());
    if (other !== undefined) {
      const en = schemaIssue("schema.duplicateId", `${path}/id`, { id: computation.id, what: "computation", other });
      const zh = schemaIssue("schema.duplicateId", `${path}/id`, { id: computation.id, what: "计算", other });
      ctx.issues.push({ ...en, message: { en: en.message.en, "zh-CN": zh.message["zh-CN"] } });
    } else ids.set(computation.id.toLowerCase(), path);
    const target = refEntity(ctx, computation.entity, `${path}/entity`);
    const run = refEntity(ctx, computation.runOn.entity, `${path}/runOn/entity`);
    const workflow = refWorkflow(ctx, computation.runOn.workflow, `${path}/runOn/workflow`);
    if (workflow && (workflow.kind !== "stateMachine" || workflow.entity !== computation.runOn.entity)) {
      ctx.issues.push(
        schemaIssue("schema.wrongFieldKind", `${path}/runOn/workflow`, {
          field: computation.runOn.workflow,
          actual: workflow.kind,
          expected: `a stage machine of '${computation.runOn.entity}'`,
        }),
      );
    } else if (
      workflow?.kind === "stateMachine" &&
      computation.runOn.transition !== undefined &&
      !workflow.transitions.some((t) => t.id === computation.runOn.transition)
    ) {
      unknown(
        ctx,
        words.transition,
        computation.runOn.transition,
        `${path}/runOn/transition`,
        workflow.transitions.map((t) => t.id),
      );
    }
    if (!target || !run) return;
    const plain = computationVariables(ctx.types, ctx.model, computation, false);
    const withStats = computationVariables(ctx.types, ctx.model, computation, true);
    for (const [field, text] of Object.entries(computation.match ?? {})) {
      refFieldKey(ctx, target, field, `${path}/match/${field}`);
      checkSite(ctx, { entity: run.value.id, text, path: `${path}/match/${field}` });
    }
    if (computation.where !== undefined)
      checkSite(ctx, {
        entity: target.value.id,
        text: computation.where,
        path: `${path}/where`,
        expected: ["boolean"],
        variables: plain,
      });
    for (const [id, stat] of Object.entries(computation.stats ?? {}))
      checkStat(ctx, target, stat, `${path}/stats/${id}`, plain, false);
    for (const [field, text] of Object.entries(computation.values)) {
      const p = `${path}/values/${field}`;
      // A key names the field (a rename rewrites the key, not the formula under it).
      refFieldKey(ctx, target, field, p);
      const f = target.fields.get(field)?.value;
      if (f && computedKinds.has(f.kind)) {
        ctx.issues.push(schemaIssue("schema.wrongFieldKind", p, { field, actual: f.kind, expected: "a stored field" }));
        continue;
      }
      checkSite(ctx, {
        entity: target.value.id,
        text,
        path: p,
        variables: withStats,
        assigns: { entity: target.value.id, field },
      });
    }
    for (const [field, stat] of Object.entries(computation.summary ?? {})) {
      const p = `${path}/summary/${field}`;
      refFieldKey(ctx, run, field, p);
      const f = run.fields.get(field)?.value;
      if (f && !["number", "currency", "percent"].includes(f.kind)) {
        ctx.issues.push(
          schemaIssue("schema.wrongFieldKind", p, { field, actual: f.kind, expected: "a number field of the run" }),
        );
      }
      checkStat(ctx, target, stat, p, plain, true);
    }
  });
}

/**
 * Every formula of the app's computations with the entity it reads (the run entity for `match`,
 * the target entity for the rest): the refactors find the fields they name here.
 */
export function computationFormulaSites(app: App): FormulaSite[] {
  const out: FormulaSite[] = [];
  app.computations?.forEach((c, i) => {
    const path = `/computations/${i}`;
    for (const [field, text] of Object.entries(c.match ?? {}))
      out.push({ entity: c.runOn.entity, text, path: `${path}/match/${field}` });
    if (c.where !== undefined) out.push({ entity: c.entity, text: c.where, path: `${path}/where` });
    for (const [group, stats] of [
      ["stats", c.stats],
      ["summary", c.summary],
    ] as const) {
      for (const [id, stat] of Object.entries(stats ?? {}))
        if (stat.filter !== undefined)
          out.push({ entity: c.entity, text: stat.filter, path: `${path}/${group}/${id}/filter` });
    }
    for (const [field, text] of Object.entries(c.values))
      out.push({ entity: c.entity, text, path: `${path}/values/${field}` });
  });
  return out;
}
