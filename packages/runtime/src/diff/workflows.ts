/** Stage machines (states, transitions) and approvals (steps, approvers, conditions, SLAs). */
import type { App, Approval, ApprovalStep, StateMachine, Workflow } from "../schema/types.js";
import { type ChangeSink, child, type Pair, pairById, same } from "./collect.js";
import { labelWords, listWords, partyWords, valueWords, where, words } from "./describe.js";

type Transition = StateMachine["transitions"][number];

const fromText = (from: Transition["from"]) => (from === "*" ? "*" : from.join("|"));

function diffTransition(sink: ChangeSink, workflow: string, pair: Pair<Transition>): void {
  const { before, after } = pair;
  const at = where.transition(workflow, after.id);
  if (fromText(before.from) !== fromText(after.from) || before.to !== after.to)
    sink.say(
      "transition.routeChanged",
      "compatible",
      pair.place,
      at,
      words(
        `${fromText(before.from)} → ${before.to} is now ${fromText(after.from)} → ${after.to}`,
        `${fromText(before.from)} → ${before.to} 改为 ${fromText(after.from)} → ${after.to}`,
      ),
      { from: { from: before.from, to: before.to }, to: { from: after.from, to: after.to } },
    );
  if (before.guard !== after.guard)
    sink.say(
      "transition.guardChanged",
      "compatible",
      child(pair.place, "guard"),
      at,
      words(
        `guard ${valueWords(before.guard).en} → ${valueWords(after.guard).en}`,
        `条件 ${valueWords(before.guard)["zh-CN"]} → ${valueWords(after.guard)["zh-CN"]}`,
      ),
      { from: before.guard, to: after.guard },
    );
  if (!same(before.requiredFields ?? [], after.requiredFields ?? []))
    sink.say(
      "transition.requiredFieldsChanged",
      "compatible",
      child(pair.place, "requiredFields"),
      at,
      words(
        `required fields ${listWords(before.requiredFields ?? []).en} → ${listWords(after.requiredFields ?? []).en}`,
        `必填字段 ${listWords(before.requiredFields ?? [])["zh-CN"]} → ${listWords(after.requiredFields ?? [])["zh-CN"]}`,
      ),
    );
  if (!same(before.roles, after.roles)) {
    const was = before.roles;
    const now = after.roles;
    // No list means anyone who may update the record; a list narrows that.
    const narrowed = now !== undefined && (was === undefined || was.some((r) => !now.includes(r)));
    sink.say(
      narrowed ? "transition.narrowed" : "transition.widened",
      narrowed ? "breaking" : "compatible",
      child(pair.place, "roles"),
      at,
      words(
        `roles ${was ? was.join(", ") : "anyone"} → ${now ? now.join(", ") : "anyone"}`,
        `角色 ${was ? was.join("、") : "任何人"} → ${now ? now.join("、") : "任何人"}`,
      ),
      { from: was ?? null, to: now ?? null },
    );
  }
}

function diffStateMachine(sink: ChangeSink, pair: Pair<StateMachine>): void {
  const { before, after } = pair;
  const w = after.id;
  if (before.field !== after.field)
    sink.say(
      "workflow.fieldChanged",
      "breaking",
      child(pair.place, "field"),
      where.workflow(w),
      words(
        `state field ${before.field} → ${after.field}: records' stages are read from another field`,
        `状态字段 ${before.field} → ${after.field}：记录的阶段将从另一个字段读取`,
      ),
    );
  if (before.initial !== after.initial)
    sink.say(
      "workflow.initialChanged",
      "compatible",
      child(pair.place, "initial"),
      where.workflow(w),
      words(`initial state ${before.initial} → ${after.initial}`, `初始状态 ${before.initial} → ${after.initial}`),
    );
  const states = pairById(
    before.states,
    after.states,
    pair.place.old && `${pair.place.old}/states`,
    pair.place.new && `${pair.place.new}/states`,
    `${pair.place.target}/states`,
  );
  for (const s of states.added)
    sink.say("state.added", "compatible", s.place, where.state(w, s.item.id), words("added", "新增"));
  for (const s of states.removed)
    sink.say(
      "state.removed",
      "needs-migration",
      s.place,
      where.state(w, s.item.id),
      words("removed: records in this state must be moved to another", "已删除：处于该状态的记录需移到其他状态"),
    );
  const transitions = pairById(
    before.transitions,
    after.transitions,
    pair.place.old && `${pair.place.old}/transitions`,
    pair.place.new && `${pair.place.new}/transitions`,
    `${pair.place.target}/transitions`,
  );
  for (const t of transitions.added)
    sink.say(
      "transition.added",
      "compatible",
      t.place,
      where.transition(w, t.item.id),
      words(`added: ${fromText(t.item.from)} → ${t.item.to}`, `新增：${fromText(t.item.from)} → ${t.item.to}`),
    );
  for (const t of transitions.removed)
    sink.say(
      "transition.removed",
      "breaking",
      t.place,
      where.transition(w, t.item.id),
      words(
        `removed (was ${fromText(t.item.from)} → ${t.item.to}): the action is no longer offered`,
        `已删除（原为 ${fromText(t.item.from)} → ${t.item.to}）：不再提供该操作`,
      ),
    );
  for (const t of transitions.common) diffTransition(sink, w, t);
}

function diffStep(sink: ChangeSink, workflow: string, pair: Pair<ApprovalStep>): void {
  const { before, after } = pair;
  const at = where.step(workflow, pair.position, after.id);
  if (!same(before.approvers, after.approvers)) {
    const from = partyWords(before.approvers);
    const to = partyWords(after.approvers);
    sink.say(
      "step.approversChanged",
      "compatible",
      child(pair.place, "approvers"),
      at,
      words(`approver changed from ${from.en} to ${to.en}`, `审批人由 ${from["zh-CN"]} 改为 ${to["zh-CN"]}`),
      { from: before.approvers, to: after.approvers },
    );
  }
  if (before.condition !== after.condition)
    sink.say(
      "step.conditionChanged",
      "compatible",
      child(pair.place, "condition"),
      at,
      words(
        `runs when ${valueWords(before.condition ?? "always").en} → ${valueWords(after.condition ?? "always").en}`,
        `执行条件 ${valueWords(before.condition ?? "始终")["zh-CN"]} → ${valueWords(after.condition ?? "始终")["zh-CN"]}`,
      ),
      { from: before.condition ?? null, to: after.condition ?? null },
    );
  if ((before.mode ?? "any") !== (after.mode ?? "any") || before.percentage !== after.percentage) {
    const show = (s: ApprovalStep) => `${s.mode ?? "any"}${s.mode === "percentage" ? ` ${s.percentage ?? ""}%` : ""}`;
    sink.say(
      "step.modeChanged",
      "compatible",
      child(pair.place, "mode"),
      at,
      words(`voting ${show(before)} → ${show(after)}`, `表决方式 ${show(before)} → ${show(after)}`),
    );
  }
  if (!same(before.sla, after.sla)) {
    const hours = (s: ApprovalStep) => (s.sla ? `${s.sla.hours} h` : "none");
    sink.say(
      "step.slaChanged",
      "compatible",
      child(pair.place, "sla"),
      at,
      words(
        `SLA ${hours(before)} → ${hours(after)}`,
        `时限 ${hours(before).replace("none", "无").replace(" h", " 小时")} → ${hours(after).replace("none", "无").replace(" h", " 小时")}`,
      ),
      { from: before.sla ?? null, to: after.sla ?? null },
    );
  }
}

function diffApproval(sink: ChangeSink, pair: Pair<Approval>): void {
  const { before, after } = pair;
  const w = after.id;
  if (before.entryCriteria !== after.entryCriteria)
    sink.say(
      "workflow.entryCriteriaChanged",
      "compatible",
      child(pair.place, "entryCriteria"),
      where.workflow(w),
      words(
        `entry criteria ${valueWords(before.entryCriteria).en} → ${valueWords(after.entryCriteria).en}`,
        `提交条件 ${valueWords(before.entryCriteria)["zh-CN"]} → ${valueWords(after.entryCriteria)["zh-CN"]}`,
      ),
    );
  const steps = pairById(
    before.steps,
    after.steps,
    pair.place.old && `${pair.place.old}/steps`,
    pair.place.new && `${pair.place.new}/steps`,
    `${pair.place.target}/steps`,
  );
  for (const s of steps.added)
    sink.say(
      "step.added",
      "compatible",
      s.place,
      where.step(w, s.position, s.item.id),
      words(
        `added, approved by ${partyWords(s.item.approvers).en}`,
        `新增，审批人 ${partyWords(s.item.approvers)["zh-CN"]}`,
      ),
      { approvers: s.item.approvers },
    );
  for (const s of steps.removed)
    sink.say(
      "step.removed",
      "compatible",
      s.place,
      where.step(w, s.position, s.item.id),
      words(
        "removed (requests already at this step finish under the version they started in)",
        "已删除（已处于该步骤的申请按其发起时的版本完成）",
      ),
    );
  for (const s of steps.common) diffStep(sink, w, s);
  const order = (a: Approval) =>
    a.steps
      .map((s) => s.id)
      .filter((id) => before.steps.some((s) => s.id === id) && after.steps.some((s) => s.id === id));
  if (!same(order(before), order(after)))
    sink.say(
      "workflow.stepsReordered",
      "compatible",
      child(pair.place, "steps"),
      where.workflow(w),
      words(`steps reordered: ${order(after).join(" → ")}`, `步骤顺序调整：${order(after).join(" → ")}`),
    );
}

/** Changes to workflows: added, removed, and within each its states, transitions or steps. */
export function diffWorkflows(sink: ChangeSink, before: App, after: App): void {
  const workflows = pairById<Workflow>(before.workflows, after.workflows, "/workflows", "/workflows", "/workflows");
  for (const w of workflows.added)
    sink.say(
      "workflow.added",
      "compatible",
      w.place,
      where.workflow(w.item.id),
      words(
        `${w.item.kind === "approval" ? "approval" : "stage machine"} on ${w.item.entity} added`,
        `新增${w.item.kind === "approval" ? "审批" : "阶段流程"}（${w.item.entity}）`,
      ),
      { kind: w.item.kind, entity: w.item.entity },
    );
  for (const w of workflows.removed)
    sink.say(
      "workflow.removed",
      "breaking",
      w.place,
      where.workflow(w.item.id),
      words("removed: its actions are no longer offered", "已删除：不再提供其操作"),
      { kind: w.item.kind, entity: w.item.entity },
    );
  for (const w of workflows.common) {
    const at = where.workflow(w.after.id);
    if (!same(w.before.label, w.after.label)) {
      const from = labelWords(w.before.label, w.after.id);
      const to = labelWords(w.after.label, w.after.id);
      sink.say(
        "workflow.labelChanged",
        "compatible",
        child(w.place, "label"),
        at,
        words(`label ${from.en} → ${to.en}`, `名称 ${from["zh-CN"]} → ${to["zh-CN"]}`),
      );
    }
    if (w.before.kind !== w.after.kind || w.before.entity !== w.after.entity) {
      sink.say(
        "workflow.replaced",
        "breaking",
        w.place,
        at,
        words(
          `now a ${w.after.kind} on ${w.after.entity} (was a ${w.before.kind} on ${w.before.entity})`,
          `改为 ${w.after.entity} 上的 ${w.after.kind}（原为 ${w.before.entity} 上的 ${w.before.kind}）`,
        ),
      );
      continue;
    }
    if (w.before.kind === "stateMachine" && w.after.kind === "stateMachine")
      diffStateMachine(sink, w as Pair<StateMachine>);
    else if (w.before.kind === "approval" && w.after.kind === "approval") diffApproval(sink, w as Pair<Approval>);
  }
}
