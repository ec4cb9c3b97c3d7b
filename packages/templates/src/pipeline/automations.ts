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
