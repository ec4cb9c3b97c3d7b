import type { Automation } from "@plinth/runtime";
import { L } from "./labels.js";

/** Whole days in the current stage beyond its maximum (negative while within it); blank when closed. */
const OVERDUE_DAYS = "DATEDIFF(COALESCE(stage_entered_at, createdAt), NOW(), 'day') - stage_max_days";

/** Automations of §1.6 (defaults). */
export const automations: Automation[] = [
  {
    id: "stage_history",
    label: L("Write stage history", "记录阶段历史"),
    entity: "opportunity",
    trigger: { kind: "transition", workflow: "opportunity_stage" },
    actions: [
      {
        kind: "createRecord",
        entity: "stage_history",
        values: {
          opportunity: "id",
          from_stage: "$old.stage",
          to_stage: "stage",
          amount: "amount",
          prev_amount: "$old.amount",
          close_date: "close_date",
          prev_close_date: "$old.close_date",
          probability: "probability",
          forecast_category: "forecast_category",
          changed_by: "$user.id",
          changed_at: "NOW()",
          is_backward: "stage_order < $old.stage_order",
        },
      },
    ],
  },
  {
    // SF's opportunity history records edits of the close date and the amount as well as moves:
    // slippage (§1.7) reads the close dates before and after.
    id: "edit_history",
    label: L("Write history when an edit changes the close date or the amount", "编辑预计成交日期或金额时记录历史"),
    entity: "opportunity",
    trigger: { kind: "update", fields: ["close_date", "amount"] },
    condition: "stage = $old.stage",
    actions: [
      {
        kind: "createRecord",
        entity: "stage_history",
        values: {
          opportunity: "id",
          from_stage: "stage",
          to_stage: "stage",
          amount: "amount",
          prev_amount: "$old.amount",
          close_date: "close_date",
          prev_close_date: "$old.close_date",
          probability: "probability",
          forecast_category: "forecast_category",
          changed_by: "$user.id",
          changed_at: "NOW()",
          is_backward: "FALSE",
        },
      },
    ],
  },
  ...(["create", "update"] as const).map(
    (kind): Automation => ({
      id: `link_quota_on_${kind}`,
      label: L("Link the deal to its owner's quota of the quarter", "把商机关联到负责人当季的配额"),
      entity: "opportunity",
      trigger: kind === "create" ? { kind } : { kind, fields: ["close_date", "owner"] },
      actions: [
        {
          kind: "createRecord",
          entity: "quota",
          as: "quota",
          values: { owner: "owner", period: "fiscal_quarter" },
          findBy: [["owner", "period"]],
          ifMissing: "skip",
        },
        { kind: "setFields", values: {}, links: { quota: "quota" } },
      ],
    }),
  ),
  // V7: with line items, the amount is their total (recomputed, no error).
  ...(["create", "update", "delete"] as const).map(
    (kind): Automation => ({
      id: `amount_from_lines_on_${kind}`,
      label: L("Amount = Σ line item totals (V7)", "金额 = 明细小计之和（V7）"),
      entity: "opportunity_line_item",
      trigger: { kind },
      condition: "opportunity.line_item_count > 0",
      actions: [{ kind: "setFields", relation: "opportunity", values: { amount: "opportunity.line_total" } }],
    }),
  ),
  // Forecast accuracy (§1.7) compares the period's end with its start: keep the commit forecast
  // (closed won + open in Commit, of the deals closing in the period) as it stood when it began.
  {
    id: "snapshot_commit_forecast",
    label: L("Commit forecast at the start of each quota period", "每个配额期间开始时的承诺预测"),
    entity: "quota",
    trigger: { kind: "dateOffset", field: "period_start", days: 0, at: "00:00" },
    actions: [{ kind: "setFields", values: { commit_at_start: "won_amount + commit_open" } }],
  },
  {
    id: "stale_task",
    label: L("Stale deal: task for the owner", "停滞商机：为负责人创建任务"),
    entity: "opportunity",
    trigger: { kind: "becomesTrue", formula: `is_open AND ${OVERDUE_DAYS} > 0` },
    actions: [
      {
        kind: "createRecord",
        entity: "activity",
        values: {
          type: "'task'",
          subject: "LEFT('Stale deal: ' & name & ' — update the stage or next step', 200)",
          due_date: "TODAY()",
          owner: "owner",
          team: "team",
          opportunity: "id",
        },
      },
      { kind: "setFields", values: { is_stale: "TRUE" } },
    ],
  },
  {
    id: "stale_escalation",
    label: L("Stale deal: notify the manager 3 days later", "停滞商机：3 天后通知经理"),
    entity: "opportunity",
    trigger: { kind: "becomesTrue", formula: `is_open AND ${OVERDUE_DAYS} > 3` },
    actions: [
      {
        kind: "notify",
        to: { kind: "managerOf", field: "owner" },
        message: L(
          "A deal of your team has been stale for more than 3 days: move it or close it.",
          "您团队的一个商机已停滞超过 3 天：请推进或关闭它。",
        ),
      },
    ],
  },
  {
    id: "stamp_team",
    label: L("Team of a new opportunity", "新商机的团队"),
    entity: "opportunity",
    trigger: { kind: "create" },
    condition: "ISBLANK(team) AND NOT(ISBLANK($user.team))",
    actions: [{ kind: "setFields", values: { team: "$user.team" } }],
  },
  {
    id: "won_handoff_task",
    label: L("Closed Won: onboarding hand-off task", "赢单：交付交接任务"),
    entity: "opportunity",
    trigger: { kind: "transition", workflow: "opportunity_stage", transition: "close_won" },
    actions: [
      {
        kind: "createRecord",
        entity: "activity",
        values: {
          type: "'task'",
          subject: "LEFT('Hand off to onboarding: ' & name, 200)",
          due_date: "DATEADD(TODAY(), 3, 'day')",
          owner: "owner",
          team: "team",
          opportunity: "id",
          account: "account",
        },
      },
    ],
  },
  {
    id: "large_deal_notice",
    label: L("Deal above 500k: notify executives", "金额超过 50 万的商机：通知高管"),
    entity: "opportunity",
    trigger: { kind: "create" },
    condition: "amount > 500000",
    actions: [
      {
        kind: "notify",
        to: { kind: "role", role: "executive" },
        message: L(
          "A deal above 500,000 was created: check that its opportunity team is set.",
          "新建了一个金额超过 500,000 的商机：请确认已设置商机团队。",
        ),
      },
    ],
  },
  {
    id: "lead_mql",
    label: L("Lead score reaches 50: MQL", "线索评分达到 50：成为 MQL"),
    entity: "lead",
    trigger: { kind: "becomesTrue", formula: "score >= 50 AND ISBLANK(mql_at)" },
    actions: [{ kind: "setFields", values: { mql_at: "NOW()" } }],
  },
  {
    id: "won_notify_finance",
    label: L("Closed Won: notify finance", "赢单：通知财务"),
    entity: "opportunity",
    trigger: { kind: "transition", workflow: "opportunity_stage", transition: "close_won" },
    condition: "amount > 0",
    actions: [
      {
        kind: "notify",
        to: { kind: "role", role: "finance" },
        message: L("A deal was closed won: prepare the order and invoice.", "有商机赢单：请准备订单和发票。"),
      },
    ],
  },
];
