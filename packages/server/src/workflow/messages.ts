import { defineMessages, renderMessage } from "@plinth/runtime";
import { HttpError } from "../http/errors.js";

/** Server-side workflow errors (the core's own codes come with their issues). */
export const workflowServerMessages = defineMessages({
  "workflow.locked": {
    en: "The record is locked while its approval is pending. Only the current approvers may change {fields}; recall the request to edit it.",
    "zh-CN": "审批进行中，记录已锁定。只有当前审批人可以修改{fields}；如需编辑请先撤回申请。",
  },
  "workflow.unknownAction": {
    en: "'{action}' is not a transition or an approval action of this record. Available: {allowed}.",
    "zh-CN": "“{action}”不是该记录的流转或审批操作。可用操作：{allowed}。",
  },
  "workflow.ambiguous": {
    en: "This entity has several approval workflows; say which one in 'workflow': {allowed}.",
    "zh-CN": "该实体有多个审批流程；请在 “workflow” 中指定：{allowed}。",
  },
  "workflow.rejected": {
    en: "The action was refused: {reason}",
    "zh-CN": "操作被拒绝：{reasonZh}",
  },
});

export function workflowError(
  status: number,
  code: keyof typeof workflowServerMessages,
  params: Record<string, unknown>,
  details: Record<string, unknown> = {},
): HttpError {
  return new HttpError(status, code, renderMessage(workflowServerMessages[code], params), "", details);
}
