import type { Entity } from "@plinth/runtime";
import { L, opt } from "../labels.js";

/** Activity: task, call, meeting, email or note, related to a lead, account, contact or opportunity. */
export const activity: Entity = {
  id: "activity",
  label: L("Activity", "活动"),
  pluralLabel: L("Activities", "活动"),
  titleField: "subject",
  fields: [
    {
      id: "type",
      kind: "select",
      label: L("Type", "类型"),
      required: true,
      default: "task",
      options: [
        opt("task", "Task", "任务"),
        opt("call", "Call", "电话"),
        opt("meeting", "Meeting", "会议"),
        opt("email", "Email", "邮件"),
        opt("note", "Note", "备注"),
      ],
    },
    { id: "subject", kind: "text", label: L("Subject", "主题"), required: true, maxLength: 200 },
    { id: "due_date", kind: "date", label: L("Due", "截止日期") },
    { id: "completed_at", kind: "datetime", label: L("Completed at", "完成时间") },
    {
      id: "status",
      kind: "select",
      label: L("Status", "状态"),
      default: "open",
      options: [
        opt("open", "Open", "未完成"),
        opt("completed", "Completed", "已完成"),
        opt("cancelled", "Cancelled", "已取消"),
      ],
    },
    { id: "outcome", kind: "text", label: L("Outcome", "结果"), maxLength: 255 },
    { id: "owner", kind: "user", label: L("Owner", "负责人"), default: "$user" },
    { id: "team", kind: "text", label: L("Team", "团队"), maxLength: 40 },
    {
      id: "opportunity",
      kind: "relation",
      label: L("Opportunity", "商机"),
      target: "opportunity",
      onDelete: "cascade",
      inverse: { id: "activities", label: L("Activities", "活动") },
    },
    { id: "account", kind: "relation", label: L("Account", "客户"), target: "account", onDelete: "setNull" },
    { id: "contact", kind: "relation", label: L("Contact", "联系人"), target: "contact", onDelete: "setNull" },
    { id: "lead", kind: "relation", label: L("Lead", "线索"), target: "lead", onDelete: "setNull" },
    { id: "ai_summary", kind: "longText", label: L("AI summary", "AI 摘要") },
    { id: "ai_next_actions", kind: "longText", label: L("AI next actions", "AI 建议的下一步") },
  ],
  indexes: [{ fields: ["opportunity"] }, { fields: ["owner"] }],
};

/** Quota: a rep's target for a fiscal quarter (calendar quarters by default). */
export const quota: Entity = {
  id: "quota",
  label: L("Quota", "配额"),
  pluralLabel: L("Quotas", "配额"),
  titleField: "period",
  fields: [
    { id: "owner", kind: "user", label: L("Rep", "销售"), required: true, roles: ["rep", "manager"] },
    { id: "team", kind: "text", label: L("Team", "团队"), maxLength: 40 },
    { id: "period", kind: "text", label: L("Period", "期间"), required: true, maxLength: 10, placeholder: "2026-Q2" },
    { id: "period_start", kind: "date", label: L("Start", "开始"), required: true },
    { id: "period_end", kind: "date", label: L("End", "结束"), required: true },
    { id: "amount", kind: "currency", label: L("Quota", "配额"), currency: "CNY", min: 0, required: true },
    {
      id: "won_amount",
      kind: "rollup",
      label: L("Closed won", "已赢单"),
      from: "opportunity",
      via: "quota",
      aggregate: "sum",
      field: "amount",
      filter: "stage = 'closed_won'",
    },
    {
      id: "open_pipeline",
      kind: "rollup",
      label: L("Open pipeline", "未结管道"),
      from: "opportunity",
      via: "quota",
      aggregate: "sum",
      field: "amount",
      filter: "NOT(stage IN ('closed_won', 'closed_lost'))",
    },
    {
      id: "commit_open",
      kind: "rollup",
      label: L("Open in Commit", "承诺类未结商机"),
      from: "opportunity",
      via: "quota",
      aggregate: "sum",
      field: "amount",
      filter: "NOT(stage IN ('closed_won', 'closed_lost')) AND forecast_category = 'commit'",
    },
    {
      // Written once, when the period starts (automation snapshot_commit_forecast): what the
      // forecast said then, for forecast accuracy at the period's end (§1.7).
      id: "commit_at_start",
      kind: "currency",
      label: L("Commit forecast at period start", "期初承诺预测"),
      currency: "CNY",
    },
  ],
  rules: [
    {
      id: "Q1",
      invalidWhen: "period_end < period_start",
      field: "period_end",
      message: L("The period ends before it starts", "期间结束日期早于开始日期"),
    },
  ],
  indexes: [{ fields: ["owner", "period"], unique: true }],
};

/** ForecastSubmission: a rep's or manager's call for a period (SF collaborative forecasts: commit, override, comment). */
export const forecastSubmission: Entity = {
  id: "forecast_submission",
  label: L("Forecast submission", "预测提交"),
  pluralLabel: L("Forecast submissions", "预测提交"),
  titleField: "period",
  fields: [
    { id: "owner", kind: "user", label: L("Submitted by", "提交人"), default: "$user", required: true },
    { id: "team", kind: "text", label: L("Team", "团队"), maxLength: 40 },
    { id: "period", kind: "text", label: L("Period", "期间"), required: true, maxLength: 10, placeholder: "2026-Q3" },
    {
      id: "category",
      kind: "select",
      label: L("Category", "类别"),
      required: true,
      default: "commit",
      options: [opt("commit", "Commit", "承诺"), opt("best_case", "Best Case", "最佳情况")],
    },
    { id: "amount", kind: "currency", label: L("Amount", "金额"), currency: "CNY", min: 0, required: true },
    { id: "adjustment", kind: "currency", label: L("Manager adjustment", "经理调整"), currency: "CNY" },
    {
      id: "adjusted_amount",
      kind: "formula",
      label: L("Adjusted amount", "调整后金额"),
      expression: "amount + COALESCE(adjustment, 0)",
      resultType: "number",
      format: "currency",
    },
    { id: "comment", kind: "longText", label: L("Comment", "说明") },
    { id: "submitted_at", kind: "datetime", label: L("Submitted at", "提交时间"), default: "$now" },
  ],
  indexes: [{ fields: ["owner", "period", "category"] }],
};
