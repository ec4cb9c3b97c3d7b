/** Entities, fields, options and rules: what changed, and what the storage plan says it costs. */

import type { Field } from "../fields/index.js";
import { fieldKindOf } from "../fields/index.js";
import type { App, Entity } from "../schema/types.js";
import { type ChangeSink, child, type Pair, pairById, same } from "./collect.js";
import { labelWords, where, words } from "./describe.js";
import type { StoragePlan, StorageStep } from "./storagePlan.js";

type Option = { readonly value: string; readonly label?: unknown };

function stepFor<K extends StorageStep["kind"]>(
  plan: StoragePlan,
  kind: K,
  entity: string,
  field: string,
): Extract<StorageStep, { kind: K }> | undefined {
  return plan.steps.find(
    (s): s is Extract<StorageStep, { kind: K }> =>
      s.kind === kind && "entity" in s && s.entity === entity && "field" in s && s.field === field,
  );
}

function optionsOf(field: Field): readonly Option[] | undefined {
  return field.kind === "select" || field.kind === "multiSelect" ? field.options : undefined;
}

function compareOptions(sink: ChangeSink, entity: string, pair: Pair<Field>): void {
  const before = optionsOf(pair.before);
  const after = optionsOf(pair.after);
  if (!before || !after || same(before, after)) return;
  const place = child(pair.place, "options");
  const at = where.field(entity, pair.after.id);
  const oldValues = new Map(before.map((o) => [o.value, o]));
  const newValues = new Set(after.map((o) => o.value));
  const added = after.filter((o) => !oldValues.has(o.value)).map((o) => o.value);
  const removed = before.filter((o) => !newValues.has(o.value)).map((o) => o.value);
  if (added.length > 0)
    sink.say(
      "field.optionsAdded",
      "compatible",
      place,
      at,
      words(`options added: ${added.join(", ")}`, `新增选项：${added.join("、")}`),
      { added },
    );
  if (removed.length > 0)
    sink.say(
      "field.optionsRemoved",
      "needs-migration",
      place,
      at,
      words(
        `options removed: ${removed.join(", ")} (records holding them keep the value until they are moved to another option)`,
        `删除选项：${removed.join("、")}（持有这些值的记录需改为其他选项）`,
      ),
      { removed },
    );
  for (const option of after) {
    const old = oldValues.get(option.value);
    if (old && !same(old.label, option.label)) {
      const from = labelWords(old.label as never, option.value);
      const to = labelWords(option.label as never, option.value);
      sink.say(
        "field.optionLabelChanged",
        "compatible",
        place,
        at,
        words(
          `option ${option.value} renamed from ${from.en} to ${to.en}`,
          `选项 ${option.value} 由 ${from["zh-CN"]} 改为 ${to["zh-CN"]}`,
        ),
        { option: option.value },
      );
    }
  }
  const reordered =
    added.length === 0 &&
    removed.length === 0 &&
    !same(
      before.map((o) => o.value),
      after.map((o) => o.value),
    );
  if (reordered)
    sink.say("field.optionsReordered", "compatible", place, at, words("options reordered", "选项顺序调整"));
}

function compareField(sink: ChangeSink, entity: string, pair: Pair<Field>, plan: StoragePlan): void {
  const { before, after } = pair;
  const at = where.field(entity, after.id);
  if (!same(before.label, after.label)) {
    const from = labelWords(before.label, before.id);
    const to = labelWords(after.label, after.id);
    sink.say(
      "field.labelChanged",
      "compatible",
      child(pair.place, "label"),
      at,
      words(`label ${from.en} → ${to.en}`, `名称 ${from["zh-CN"]} → ${to["zh-CN"]}`),
    );
  }
  const retyped = stepFor(plan, "changeType", entity, after.id);
  if (before.kind !== after.kind) {
    const nowComputed = !fieldKindOf(before).computed && fieldKindOf(after).computed;
    const cls = retyped?.lossy || nowComputed ? "breaking" : retyped ? "needs-migration" : "compatible";
    const why = retyped
      ? retyped.lossy
        ? words(
            `; stored values convert from ${retyped.from} to ${retyped.to} and may be lost`,
            `；存储值由 ${retyped.from} 转为 ${retyped.to}，可能丢失`,
          )
        : words(
            `; stored values convert from ${retyped.from} to ${retyped.to} without loss`,
            `；存储值由 ${retyped.from} 无损转为 ${retyped.to}`,
          )
      : words("", "");
    const computed = nowComputed
      ? words("; it is computed now, so clients can no longer write it", "；该字段改为计算字段，客户端不能再写入")
      : words("", "");
    sink.say(
      "field.kindChanged",
      cls,
      child(pair.place, "kind"),
      at,
      words(
        `${before.kind} → ${after.kind}${why.en}${computed.en}`,
        `${before.kind} → ${after.kind}${why["zh-CN"]}${computed["zh-CN"]}`,
      ),
      {
        from: before.kind,
        to: after.kind,
        ...(retyped ? { column: { from: retyped.from, to: retyped.to, lossy: retyped.lossy } } : {}),
      },
    );
  } else if (retyped) {
    sink.say(
      "field.storageChanged",
      retyped.lossy ? "breaking" : "needs-migration",
      after.kind === "formula" ? child(pair.place, "resultType") : pair.place,
      at,
      words(
        `stored type ${retyped.from} → ${retyped.to}${retyped.lossy ? " (values may be lost)" : ""}`,
        `存储类型 ${retyped.from} → ${retyped.to}${retyped.lossy ? "（值可能丢失）" : ""}`,
      ),
      { from: retyped.from, to: retyped.to, lossy: retyped.lossy },
    );
  }
  compareOptions(sink, entity, pair);
  if (Boolean(before.required) !== Boolean(after.required)) {
    const place = child(pair.place, "required");
    if (after.required)
      sink.say(
        "field.requiredAdded",
        "needs-migration",
        place,
        at,
        words(
          "now required: records without a value must get one, and clients must send it",
          "改为必填：没有值的记录需补齐，客户端必须提交该字段",
        ),
      );
    else sink.say("field.requiredRemoved", "compatible", place, at, words("no longer required", "改为非必填"));
  }
  if (Boolean(before.unique) !== Boolean(after.unique)) {
    const place = child(pair.place, "unique");
    if (after.unique)
      sink.say(
        "field.uniqueAdded",
        "needs-migration",
        place,
        at,
        words(
          "now unique: duplicate values already stored must be resolved before publishing",
          "改为唯一：发布前需处理已存储的重复值",
        ),
      );
    else sink.say("field.uniqueRemoved", "compatible", place, at, words("no longer unique", "不再要求唯一"));
  }
  if (before.kind === "relation" && after.kind === "relation" && before.target !== after.target)
    sink.say(
      "field.targetChanged",
      "breaking",
      child(pair.place, "target"),
      at,
      words(
        `now points to ${after.target} instead of ${before.target}: stored links name records of ${before.target}`,
        `改为指向 ${after.target}（原为 ${before.target}）：已存储的关联指向 ${before.target} 的记录`,
      ),
      { from: before.target, to: after.target },
    );
  if (before.kind === "formula" && after.kind === "formula" && before.expression !== after.expression)
    sink.say(
      "field.formulaChanged",
      "compatible",
      child(pair.place, "expression"),
      at,
      words(
        `formula ${before.expression} → ${after.expression} (values are recomputed)`,
        `公式 ${before.expression} → ${after.expression}（值将重新计算）`,
      ),
      { from: before.expression, to: after.expression },
    );
}

function compareRules(sink: ChangeSink, pair: Pair<Entity>): void {
  const entity = pair.after.id;
  const rules = pairById(
    pair.before.rules,
    pair.after.rules,
    pair.place.old && `${pair.place.old}/rules`,
    pair.place.new && `${pair.place.new}/rules`,
    `${pair.place.target}/rules`,
  );
  for (const r of rules.added)
    sink.say(
      "rule.added",
      "compatible",
      r.place,
      where.rule(entity, r.item.id),
      words(`added: invalid when ${r.item.invalidWhen}`, `新增：当 ${r.item.invalidWhen} 时无效`),
    );
  for (const r of rules.removed)
    sink.say("rule.removed", "compatible", r.place, where.rule(entity, r.item.id), words("removed", "已删除"));
  for (const r of rules.common)
    if (r.before.invalidWhen !== r.after.invalidWhen)
      sink.say(
        "rule.conditionChanged",
        "compatible",
        child(r.place, "invalidWhen"),
        where.rule(entity, r.after.id),
        words(
          `invalid when ${r.before.invalidWhen} → ${r.after.invalidWhen}`,
          `无效条件 ${r.before.invalidWhen} → ${r.after.invalidWhen}`,
        ),
      );
}

function compareEntity(sink: ChangeSink, pair: Pair<Entity>, plan: StoragePlan): void {
  const { before, after } = pair;
  const entity = after.id;
  const at = where.entity(entity);
  for (const prop of ["label", "pluralLabel"] as const) {
    if (same(before[prop], after[prop])) continue;
    const from = labelWords(before[prop], entity);
    const to = labelWords(after[prop], entity);
    sink.say(
      "entity.labelChanged",
      "compatible",
      child(pair.place, prop),
      at,
      words(
        `${prop === "label" ? "label" : "plural label"} ${from.en} → ${to.en}`,
        `名称 ${from["zh-CN"]} → ${to["zh-CN"]}`,
      ),
    );
  }
  if (Boolean(before.appendOnly) !== Boolean(after.appendOnly)) {
    const place = child(pair.place, "appendOnly");
    if (after.appendOnly)
      sink.say(
        "entity.appendOnlyAdded",
        "breaking",
        place,
        at,
        words("append-only now: updates and deletes are refused", "改为只追加：拒绝修改和删除"),
      );
    else
      sink.say(
        "entity.appendOnlyRemoved",
        "compatible",
        place,
        at,
        words("no longer append-only: records may be updated and deleted", "不再只追加：记录可修改和删除"),
      );
  }
  const fields = pairById(
    before.fields,
    after.fields,
    pair.place.old && `${pair.place.old}/fields`,
    pair.place.new && `${pair.place.new}/fields`,
    `${pair.place.target}/fields`,
  );
  for (const f of fields.added) {
    const required = f.item.required === true;
    sink.say(
      "field.added",
      required ? "needs-migration" : "compatible",
      f.place,
      at,
      required
        ? words(
            `field ${f.item.id} (${f.item.kind}) added, required: existing records have no value`,
            `新增必填字段 ${f.item.id}（${f.item.kind}）：已有记录没有值`,
          )
        : words(`field ${f.item.id} (${f.item.kind}) added`, `新增字段 ${f.item.id}（${f.item.kind}）`),
      { field: f.item.id, kind: f.item.kind, required },
    );
  }
  for (const f of fields.removed) {
    const dropped = stepFor(plan, "dropColumn", entity, f.item.id);
    sink.say(
      "field.removed",
      "breaking",
      f.place,
      at,
      dropped
        ? words(`field ${f.item.id} removed: its stored values are dropped`, `删除字段 ${f.item.id}：其存储值将被删除`)
        : words(`field ${f.item.id} removed`, `删除字段 ${f.item.id}`),
      { field: f.item.id, kind: f.item.kind, ...(dropped ? { rows: dropped.rows } : {}) },
    );
  }
  for (const f of fields.common) compareField(sink, entity, f, plan);
  compareRules(sink, pair);
  for (const step of plan.steps) {
    if ((step.kind !== "addIndex" && step.kind !== "dropIndex") || step.entity !== entity) continue;
    const columns = step.index.fields.join(", ");
    const unique = step.index.unique;
    sink.say(
      step.kind === "addIndex" ? "index.added" : "index.removed",
      step.kind === "addIndex" && unique ? "needs-migration" : "compatible",
      child(pair.place, "indexes"),
      at,
      step.kind === "addIndex"
        ? words(
            `${unique ? "unique index" : "index"} added on ${columns}`,
            `新增${unique ? "唯一" : ""}索引：${columns}`,
          )
        : words(
            `${unique ? "unique index" : "index"} on ${columns} removed`,
            `删除${unique ? "唯一" : ""}索引：${columns}`,
          ),
      { fields: step.index.fields, unique },
    );
  }
}

/** Changes to the app's entities (added, removed, and within each: fields, options, rules, indexes). */
export function diffEntities(sink: ChangeSink, before: App, after: App, plan: StoragePlan): void {
  const entities = pairById(before.entities, after.entities, "/entities", "/entities", "/entities");
  for (const e of entities.added)
    sink.say(
      "entity.added",
      "compatible",
      e.place,
      where.entity(e.item.id),
      words(`added with ${e.item.fields.length} fields`, `新增，含 ${e.item.fields.length} 个字段`),
      { fields: e.item.fields.length },
    );
  for (const e of entities.removed) {
    const dropped = plan.steps.find((s) => s.kind === "dropTable" && s.entity === e.item.id);
    sink.say(
      "entity.removed",
      "breaking",
      e.place,
      where.entity(e.item.id),
      words("removed: its table and every record are dropped", "已删除：其数据表和所有记录将被删除"),
      dropped && "rows" in dropped ? { rows: dropped.rows } : {},
    );
  }
  for (const e of entities.common) compareEntity(sink, e, plan);
}
