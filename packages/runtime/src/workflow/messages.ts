import type { Label } from "../i18n/label.js";
import { labelBoth } from "../i18n/label.js";
import { defineMessages, issueFrom, renderMessage } from "../issues/catalogue.js";
import type { Issue, LocalizedMessage } from "../issues/issue.js";

/**
 * Issue codes of running workflows (paths point into the record, "" for the request as a
 * whole). The design-time checks of workflow definitions live in app/messages.ts
 * (`workflow.unknownState`, `workflow.deadEnd`, ...); these names never collide with them.
 */
export const workflowMessages = defineMessages({
  "workflow.unknownTransition": {
    en: "Transition '{transition}' does not exist in workflow '{workflow}'. Use one of: {allowed}.",
    "zh-CN": "工作流“{workflow}”中不存在流转“{transition}”。请使用以下之一：{allowed}。",
  },
  "workflow.notFromHere": {
    en: "Transition '{transition}' cannot start from state '{state}'; it starts from: {from}. Move the record to one of those states first.",
    "zh-CN": "流转“{transition}”不能从状态“{state}”开始，只能从以下状态开始：{from}。请先将记录移到其中一个状态。",
  },
  "workflow.roleRequired": {
    en: "Only these roles may take transition '{transition}': {roles}. Ask someone with one of them.",
    "zh-CN": "只有以下角色可以执行流转“{transition}”：{roles}。请联系拥有这些角色的人员。",
  },
  "workflow.guardFailed": {
    en: "{message}",
    "zh-CN": "{messageZh}",
  },
  "workflow.missingFields": {
    en: "Fill in {fields} before taking transition '{transition}'.",
    "zh-CN": "执行流转“{transition}”前，请先填写：{fields}。",
  },
  "workflow.effectFailed": {
    en: "An effect of '{transition}' could not be computed: {reason} Fix the record or ask the app's author to fix the effect.",
    "zh-CN": "无法计算“{transition}”的效果：{reason} 请修正记录，或请应用作者修正该效果。",
  },
  "workflow.computationTooLarge": {
    en: "Computation '{computation}' matches more than {limit} records of '{entity}'. Narrow its match (e.g. to one period) or split the run.",
    "zh-CN":
      "计算“{computation}”匹配到“{entity}”的记录超过 {limit} 条。请缩小其匹配范围（例如限定到一个考核期）或拆分运行。",
  },
  "approval.entryFailed": {
    en: "{message}",
    "zh-CN": "{messageZh}",
  },
  "approval.notSubmitter": {
    en: "Only these roles may submit for '{workflow}': {roles}. Ask someone with one of them to submit.",
    "zh-CN": "只有以下角色可以提交“{workflow}”审批：{roles}。请让拥有这些角色的人员提交。",
  },
  "approval.alreadyPending": {
    en: "This record is already waiting for approval in '{workflow}'. Recall it first if you need to change it.",
    "zh-CN": "该记录已在“{workflow}”中等待审批。如需修改，请先撤回。",
  },
  "approval.notPending": {
    en: "The request is {status}, not pending, so it cannot be {action}. Submit it again to start a new approval.",
    "zh-CN": "该申请的状态为“{status}”，不在审批中，因此无法执行“{action}”。请重新提交以开始新的审批。",
  },
  "approval.notApprover": {
    en: "You are not an approver of the current step '{step}' (nor standing in for one). Ask one of its approvers.",
    "zh-CN": "您不是当前步骤“{step}”的审批人（也不是其代理人）。请联系该步骤的审批人。",
  },
  "approval.alreadyDecided": {
    en: "{user} has already decided on step '{step}'. Each approver decides once per step.",
    "zh-CN": "{user} 已对步骤“{step}”作出决定。每位审批人在每个步骤只能决定一次。",
  },
  "approval.commentRequired": {
    en: "A comment is required to {action} a request. Say what must change.",
    "zh-CN": "执行“{action}”时必须填写意见。请说明需要修改的内容。",
  },
  "approval.returnNotAllowed": {
    en: "Step '{step}' does not allow returning the request for information. Approve or reject it.",
    "zh-CN": "步骤“{step}”不允许退回补充信息。请批准或驳回。",
  },
  "approval.recallDisabled": {
    en: "Requests of '{workflow}' cannot be recalled. Ask the approver to return or reject it.",
    "zh-CN": "“{workflow}”的申请不能撤回。请让审批人退回或驳回。",
  },
  "approval.recallNotSubmitter": {
    en: "Only the submitter ({submitter}) may recall this request.",
    "zh-CN": "只有提交人（{submitter}）可以撤回该申请。",
  },
  "approval.recallAfterDecision": {
    en: "The request cannot be recalled: an approver has already decided. Ask the approver to return it.",
    "zh-CN": "审批人已作出决定，无法撤回该申请。请让审批人退回。",
  },
  "approval.stepNotActive": {
    en: "Step '{step}' is not waiting for a decision now. Reassign an approver of the current step.",
    "zh-CN": "步骤“{step}”当前不在等待审批。请改派当前步骤的审批人。",
  },
  "approval.cannotReassign": {
    en: "Only an approver of step '{step}' or an administrator may reassign it.",
    "zh-CN": "只有步骤“{step}”的审批人或管理员可以改派。",
  },
  "approval.unknownApprover": {
    en: "{user} is not an approver of step '{step}'. Choose one of: {approvers}.",
    "zh-CN": "{user} 不是步骤“{step}”的审批人。请从以下人员中选择：{approvers}。",
  },
  "approval.alreadyApprover": {
    en: "{user} is already an approver of step '{step}'. Choose someone else.",
    "zh-CN": "{user} 已是步骤“{step}”的审批人。请选择其他人。",
  },
  "approval.segregation": {
    en: "{user} submitted this request and cannot approve it (segregation of duties). Choose someone else.",
    "zh-CN": "{user} 是该申请的提交人，不能审批（职责分离）。请选择其他人。",
  },
  "approval.invalidTime": {
    en: "'{at}' is not an instant like 2026-06-01T09:00:00.000Z. The host must pass times in UTC ISO format.",
    "zh-CN": "“{at}”不是形如 2026-06-01T09:00:00.000Z 的时间。宿主必须以 UTC ISO 格式传入时间。",
  },
  "approval.formulaFailed": {
    en: "The {what} of '{workflow}' could not be evaluated: {reason} Fix the record or ask the app's author.",
    "zh-CN": "无法计算“{workflow}”的{what}：{reason} 请修正记录，或联系应用作者。",
  },
  "approval.definitionInvalid": {
    en: "The approval definition this request started with no longer fits the app: {reason} An administrator must recall and resubmit it.",
    "zh-CN": "该申请开始时使用的审批定义已与应用不符：{reason} 需由管理员撤回后重新提交。",
  },
  "approval.noApprover": {
    en: "Every step of '{workflow}' would be approved by the submitter alone, and the submitter has no manager to approve instead. Ask an administrator to set one.",
    "zh-CN": "“{workflow}”的每个步骤都只能由提交人本人审批，且提交人没有可代为审批的上级。请联系管理员设置上级。",
  },
});

export type WorkflowCode = keyof typeof workflowMessages;

/** Create an issue of the workflow catalogue. */
export function workflowIssue(code: WorkflowCode, path: string, params: Readonly<Record<string, unknown>> = {}): Issue {
  return issueFrom(workflowMessages, code, path, params);
}

/** An issue whose message is an author's label (a guard message, an entry message). */
export function labelIssue(
  code: "workflow.guardFailed" | "approval.entryFailed",
  path: string,
  label: Label | undefined,
  fallback: string,
  params: Readonly<Record<string, unknown>> = {},
): Issue {
  const both = labelBoth(label, fallback);
  return workflowIssue(code, path, { ...params, message: both.en, messageZh: both["zh-CN"] });
}

/**
 * Texts of the notifications an approval asks the host to send (`notify` effects carry the
 * key and params; the host renders them in the recipient's language).
 */
export const approvalNotifications = defineMessages({
  "approval.requested": {
    en: "{submitter} asks for your approval on '{workflow}' (step '{step}').",
    "zh-CN": "{submitter} 请您审批“{workflow}”（步骤“{step}”）。",
  },
  "approval.reminder": {
    en: "Reminder: '{workflow}' is waiting for your decision on step '{step}' (due {dueAt}).",
    "zh-CN": "提醒：“{workflow}”的步骤“{step}”正等待您的决定（截止 {dueAt}）。",
  },
  "approval.escalated": {
    en: "'{workflow}' is overdue on step '{step}' and was escalated to you. Please decide.",
    "zh-CN": "“{workflow}”的步骤“{step}”已超时，已升级给您。请尽快处理。",
  },
  "approval.reassigned": {
    en: "{by} passed step '{step}' of '{workflow}' to you. Please decide.",
    "zh-CN": "{by} 将“{workflow}”的步骤“{step}”转交给您。请处理。",
  },
  "approval.approved": {
    en: "Your request '{workflow}' was approved.",
    "zh-CN": "您的申请“{workflow}”已获批准。",
  },
  "approval.rejected": {
    en: "Your request '{workflow}' was rejected at step '{step}': {comment}",
    "zh-CN": "您的申请“{workflow}”在步骤“{step}”被驳回：{comment}",
  },
  "approval.returned": {
    en: "Your request '{workflow}' was returned at step '{step}' for more information: {comment}",
    "zh-CN": "您的申请“{workflow}”在步骤“{step}”被退回补充信息：{comment}",
  },
});

export type ApprovalNotification = keyof typeof approvalNotifications;

/** What a host knows that makes a notification readable: labels instead of ids, names instead of user ids. */
export interface NotificationContext {
  /** The approval definition the request runs (its label and its steps' labels). */
  readonly definition?: { readonly label?: Label; readonly steps?: readonly { id: string; label?: Label }[] };
  /** A user's display name. */
  readonly userName?: (id: string) => string | undefined;
}

/** Params holding a user id, and params naming the workflow and its step. */
const userParams = ["submitter", "by"] as const;

/**
 * Render a notification in both languages (for hosts and tests). With a context, user ids become
 * display names and the workflow and step ids become their labels in each language.
 */
export function renderNotification(
  key: ApprovalNotification,
  params: Readonly<Record<string, unknown>>,
  context: NotificationContext = {},
): LocalizedMessage {
  const named: Record<string, unknown> = { ...params };
  for (const name of userParams) {
    const id = params[name];
    if (typeof id === "string") named[name] = context.userName?.(id) ?? id;
  }
  const definition = context.definition;
  if (!definition) return renderMessage(approvalNotifications[key], named);
  const workflow = labelBoth(definition.label, String(params.workflow ?? ""));
  const stepId = typeof params.step === "string" ? params.step : undefined;
  const step = stepId ? labelBoth(definition.steps?.find((s) => s.id === stepId)?.label, stepId) : undefined;
  const template = approvalNotifications[key];
  const inLocale = (locale: "en" | "zh-CN") => ({
    ...named,
    workflow: workflow[locale],
    ...(step ? { step: step[locale] } : {}),
  });
  return {
    en: renderMessage(template, inLocale("en")).en,
    "zh-CN": renderMessage(template, inLocale("zh-CN"))["zh-CN"],
  };
}
