/**
 * A value a role can read that is computed from a field the role cannot read: the hidden value
 * leaks through it. Sinks: formula fields, rollups, fields that workflow and automation effects
 * fill (setFields, createRecord), and dashboard widgets (their measures and groupings).
 * "Cannot read" means a field-level mask: the role reads the source's entity but the field is in
 * its grants' `hiddenFields`. Data that flows between entities a role cannot read at all (a lead
 * converted into an account) is how apps work, not a leak of a field. Computations (peer
 * statistics written back by a run) are aggregates by design and not checked.
 */
import type { FieldRef, LintContext, RuleReport } from "../lint.types.js";
import { defineRule, idList } from "../rule.js";
import { resolveFieldPath } from "./walk.js";

type Key = "formula" | "rollup" | "effect" | "widget";

const sameField = (a: FieldRef, b: FieldRef) => a.entity === b.entity && a.field === b.field;

/** Roles among `viewers` that cannot read `source`, as one report per source. */
function leaks(
  ctx: LintContext,
  viewers: readonly string[],
  sources: readonly FieldRef[],
  sink: FieldRef | undefined,
  report: (source: FieldRef, roles: string[]) => RuleReport<Key>,
): RuleReport<Key>[] {
  const out: RuleReport<Key>[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    const key = `${source.entity}.${source.field}`;
    if (seen.has(key) || (sink && sameField(source, sink))) continue;
    seen.add(key);
    const roles = viewers.filter((r) => ctx.isHiddenFrom(r, source));
    if (roles.length > 0) out.push(report(source, roles));
  }
  return out;
}

const params = (source: FieldRef, roles: string[], extra: Record<string, unknown>) => {
  const list = idList(roles);
  return { ...extra, source: `${source.entity}.${source.field}`, roles, list: list.en, listZh: list.zh };
};

export const exposedHiddenField = defineRule({
  id: "security/exposed-hidden-field",
  category: "security",
  severity: "error",
  summary: {
    en: "A formula, rollup, effect or dashboard that shows a role a value computed from a field the role cannot read.",
    "zh-CN": "公式、汇总、效果或看板向某角色展示了由该角色无权读取的字段计算出的值。",
  },
  messages: {
    formula: {
      en: "Formula field '{entity}.{field}' reads '{source}', which {list} cannot read but can read this formula's value.",
      "zh-CN": "公式字段“{entity}.{field}”读取了“{source}”，{listZh}无权读取它，却能读取此公式的值。",
      hint: {
        en: "Hide '{field}' from the same roles (add it to their grants' \"hiddenFields\"), or compute it without '{source}'.",
        "zh-CN": "对相同角色隐藏“{field}”（加入其授权的 “hiddenFields”），或不使用“{source}”来计算。",
      },
    },
    rollup: {
      en: "Rollup '{entity}.{field}' aggregates '{source}', which {list} cannot read but can read the rollup.",
      "zh-CN": "汇总字段“{entity}.{field}”汇总了“{source}”，{listZh}无权读取它，却能读取该汇总值。",
      hint: {
        en: "Hide the rollup from the same roles, or aggregate a field they may read.",
        "zh-CN": "对相同角色隐藏该汇总字段，或汇总他们有权读取的字段。",
      },
    },
    effect: {
      en: "This effect copies '{source}' into '{entity}.{field}', which {list} can read although they cannot read '{source}'.",
      "zh-CN": "此效果把“{source}”写入“{entity}.{field}”，{listZh}可以读取后者，却无权读取“{source}”。",
      hint: {
        en: "Hide '{field}' from the same roles, or write a value that does not reveal '{source}'.",
        "zh-CN": "对相同角色隐藏“{field}”，或写入不会泄露“{source}”的值。",
      },
    },
    widget: {
      en: "Dashboard widget '{widget}' shows '{source}' to {list}, who cannot read it.",
      "zh-CN": "看板组件“{widget}”向{listZh}展示了“{source}”，而他们无权读取该字段。",
      hint: {
        en: "Limit the dashboard page's \"roles\" to roles that may read '{source}', or measure another field.",
        "zh-CN": "把看板页面的 “roles” 限定为可读取“{source}”的角色，或改为度量其他字段。",
      },
    },
  },
  check(ctx) {
    const out: RuleReport<Key>[] = [];
    const readersOf = (ref: FieldRef) => ctx.roles.filter((r) => ctx.canReadField(r, ref));
    for (const { value: entity, path } of ctx.model.entities.values()) {
      entity.fields.forEach((field, f) => {
        const sink = { entity: entity.id, field: field.id };
        const at = `${path}/fields/${f}`;
        if (field.kind === "formula") {
          const sources = ctx.fieldsRead({ entity: entity.id, text: field.expression });
          out.push(
            ...leaks(ctx, readersOf(sink), sources, sink, (source, roles) => ({
              path: `${at}/expression`,
              message: "formula",
              params: params(source, roles, { entity: entity.id, field: field.id }),
            })),
          );
        } else if (field.kind === "rollup") {
          const sources = [
            ...(field.field === undefined ? [] : [{ entity: field.from, field: field.field }]),
            ...(field.filter === undefined ? [] : ctx.fieldsRead({ entity: field.from, text: field.filter })),
          ];
          out.push(
            ...leaks(ctx, readersOf(sink), sources, sink, (source, roles) => ({
              path: at,
              message: "rollup",
              params: params(source, roles, { entity: entity.id, field: field.id }),
            })),
          );
        }
      });
    }
    for (const site of ctx.formulaSites()) {
      const sink = site.assigns;
      if (!sink) continue;
      out.push(
        ...leaks(ctx, readersOf(sink), ctx.fieldsRead(site), sink, (source, roles) => ({
          path: site.path,
          message: "effect",
          params: params(source, roles, { entity: sink.entity, field: sink.field }),
        })),
      );
    }
    ctx.app.pages?.forEach((page, p) => {
      if (page.kind !== "dashboard") return;
      const audience =
        page.roles === undefined || page.roles.includes("*")
          ? ctx.roles
          : page.roles.filter((r) => ctx.roles.includes(r));
      page.widgets.forEach((widget, w) => {
        const q = widget.query;
        const paths = [
          ...(q.measures ?? []).flatMap((m) => (m.field === undefined ? [] : [m.field])),
          ...(q.groupBy ?? []).map((g) => g.field),
        ];
        const sources = paths.flatMap((dotted) => {
          const ref = resolveFieldPath(ctx.model, q.entity, dotted);
          return ref ? [ref] : [];
        });
        // Only roles that may read the widget's entity see its numbers at all.
        const viewers = audience.filter((r) => ctx.canRead(r, q.entity));
        out.push(
          ...leaks(ctx, viewers, sources, undefined, (source, roles) => ({
            path: `/pages/${p}/widgets/${w}`,
            message: "widget",
            params: params(source, roles, { widget: widget.id, page: page.id }),
          })),
        );
      });
    });
    return out;
  },
});
