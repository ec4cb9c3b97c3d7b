import type { RuleReport } from "../lint.types.js";
import { defineRule } from "../rule.js";

/** An approval step without an SLA waits forever: nobody is reminded, nothing escalates. */
export const approvalWithoutSla = defineRule({
  id: "quality/approval-without-sla",
  category: "quality",
  severity: "warning",
  summary: {
    en: "An approval step without an SLA (no reminder, no escalation when approvers do not act).",
    "zh-CN": "没有 SLA 的审批步骤（审批人不处理时既无提醒也无升级）。",
  },
  messages: {
    noSla: {
      en: "Step '{step}' of approval '{workflow}' has no SLA: when its approvers do not act, nobody is reminded and nothing escalates.",
      "zh-CN": "审批“{workflow}”的步骤“{step}”没有 SLA：审批人不处理时，没有人会收到提醒，也不会升级。",
      hint: {
        en: 'Add "sla": { "hours": 48, "remindAfterHours": 24, "escalateTo": "manager" } to the step.',
        "zh-CN": '为该步骤添加 "sla": { "hours": 48, "remindAfterHours": 24, "escalateTo": "manager" }。',
      },
    },
  },
  check(ctx) {
    const out: RuleReport<"noSla">[] = [];
    ctx.app.workflows?.forEach((wf, w) => {
      if (wf.kind !== "approval") return;
      wf.steps.forEach((step, i) => {
        if (step.sla === undefined)
          out.push({
            path: `/workflows/${w}/steps/${i}`,
            message: "noSla",
            params: { workflow: wf.id, step: step.id },
          });
      });
    });
    return out;
  },
});
