import type { StateMachine } from "@plinth/runtime";
import { L, openStages, stages } from "./labels.js";

const guard = (id: string, condition: string, en: string, zh: string) => ({ id, condition, message: L(en, zh) });

/** Exit guards per stage (sales-domain §1.1 "to leave this stage forward"). */
const exitGuards: Record<string, ReturnType<typeof guard>[]> = {
  prospecting: [
    guard("account", "NOT(ISBLANK(account))", "Prospecting exit: link the account", "离开潜在客户阶段：请关联客户"),
    guard(
      "lead_source",
      "NOT(ISBLANK(lead_source))",
      "Prospecting exit: set the lead source",
      "离开潜在客户阶段：请填写线索来源",
    ),
    guard(
      "contact_role",
      "contact_role_count >= 1",
      "Prospecting exit: add at least one contact role",
      "离开潜在客户阶段：请至少添加一个联系人角色",
    ),
  ],
  qualification: [
    guard(
      "budget_known",
      "NOT(ISBLANK(budget_status)) AND budget_status <> 'unknown'",
      "Qualification exit: the budget status must be known (not Unknown)",
      "离开资格确认阶段：预算状态不能为“未知”",
    ),
    guard(
      "decision_maker",
      "decision_maker_count > 0",
      "Qualification exit: add a contact role 'Decision Maker'",
      "离开资格确认阶段：请添加角色为“决策者”的联系人",
    ),
    guard(
      "close_date",
      "NOT(ISBLANK(close_date))",
      "Qualification exit: set the close date",
      "离开资格确认阶段：请填写预计成交日期",
    ),
  ],
  needs_analysis: [
    guard(
      "amount",
      "amount > 0",
      "Needs Analysis exit: the amount must be above 0",
      "离开需求分析阶段：金额必须大于 0",
    ),
    guard(
      "need_summary",
      "NOT(ISBLANK(need_summary))",
      "Needs Analysis exit: describe the pain / need",
      "离开需求分析阶段：请填写痛点 / 需求概述",
    ),
    guard(
      "next_step",
      "NOT(ISBLANK(next_step))",
      "Needs Analysis exit: set the next step",
      "离开需求分析阶段：请填写下一步",
    ),
  ],
  proposal: [
    guard(
      "line_items",
      "line_item_count >= 1",
      "Proposal exit: add at least one line item",
      "离开方案报价阶段：请至少添加一条明细",
    ),
    guard(
      "quote",
      "quote_status IN ('approved', 'presented', 'accepted')",
      "Proposal exit: the primary quote must be Approved, Presented or Accepted",
      "离开方案报价阶段：主报价须为已批准、已提交客户或已接受",
    ),
  ],
  negotiation: [
    guard(
      "accepted",
      "quote_status = 'accepted' OR NOT(ISBLANK(po_reference))",
      "Negotiation exit: the quote must be Accepted or a PO / contract reference entered",
      "离开商务谈判阶段：报价须已接受，或已填写订单 / 合同编号",
    ),
  ],
};

const closing = { closed_at: "NOW()", close_date: "TODAY()" };

/** Path guidance per stage (what good looks like before moving on). */
const guidance: Record<string, ReturnType<typeof L>> = {
  prospecting: L(
    "Confirm the account and the lead source, and name at least one contact and the part they play.",
    "确认客户和线索来源，并至少添加一位联系人及其角色。",
  ),
  qualification: L(
    "Find the decision maker, learn whether a budget exists, and agree a realistic close date.",
    "找到决策者，了解是否有预算，并约定一个现实的成交日期。",
  ),
  needs_analysis: L(
    "Write down the customer's pain in their words, size the deal, and agree the next step.",
    "用客户的话记录痛点，估算金额，并约定下一步。",
  ),
  proposal: L(
    "Add the line items and get the quote approved before presenting it.",
    "添加商机明细，并在向客户提交前让报价获批。",
  ),
  negotiation: L(
    "Close the open terms; move to Closed Won once the quote is accepted or the PO arrives.",
    "谈妥剩余条款；报价被接受或收到订单后即可赢单。",
  ),
};

/**
 * The opportunity stage machine (§1.1, §1.3): one "move to" transition per open stage from any
 * open stage (forward moves pass the exit guards of every stage between, backward moves none),
 * Closed Won only from Negotiation or Proposal, Closed Lost from any open stage (V5 asks for the
 * reason), reopen for managers with a reason. Entering a stage sets its probability and forecast
 * category and stamps stage_entered_at; the stage_history automation writes a row per move.
 */
export const opportunityStage: StateMachine = {
  kind: "stateMachine",
  id: "opportunity_stage",
  label: L("Opportunity stage", "商机阶段"),
  entity: "opportunity",
  field: "stage",
  initial: "prospecting",
  states: stages.map((s) => ({
    id: s.id,
    label: L(s.en, s.zh),
    ...(s.maxDays === undefined ? { final: true } : { maxDays: s.maxDays }),
    ...(exitGuards[s.id] ? { exitGuards: exitGuards[s.id] } : {}),
    ...(guidance[s.id] ? { guidance: guidance[s.id] } : {}),
    onEnter: [
      {
        kind: "setFields",
        values: {
          probability: String(s.probability),
          forecast_category: `'${s.category}'`,
          stage_entered_at: "NOW()",
          is_stale: "FALSE",
          ...(s.maxDays === undefined ? closing : {}),
        },
      },
    ],
  })),
  transitions: [
    ...openStages.map((s) => ({
      id: `to_${s.id}`,
      label: L(`Move to ${s.en}`, `推进到${s.zh}`),
      from: "*" as const,
      to: s.id,
    })),
    {
      id: "close_won",
      label: L("Close won", "赢单"),
      from: ["proposal", "negotiation"],
      to: "closed_won",
    },
    {
      id: "close_lost",
      label: L("Close lost", "输单"),
      from: "*" as const,
      to: "closed_lost",
      skipExitGuards: true,
    },
    {
      id: "reopen",
      label: L("Reopen", "重新打开"),
      from: ["closed_won", "closed_lost"],
      to: "negotiation",
      roles: ["manager", "revops"],
      requiredFields: ["reopen_reason"],
      skipExitGuards: true,
      effects: [{ kind: "setFields", values: { closed_at: "IF(FALSE, NOW())" } }],
    },
  ],
  history: { fields: ["amount", "close_date", "probability", "forecast_category"] },
};

/**
 * The lead machine (§1.3): New → Working ↔ Nurturing → Qualified (converted) | Disqualified.
 * Converting finds the account by the email's domain, then by the company name, or creates it;
 * creates the contact, an opportunity in Prospecting with the lead's source and a contact role,
 * and links the lead to all three. Permissions make a converted lead read-only.
 */
export const leadStatus: StateMachine = {
  kind: "stateMachine",
  id: "lead_status",
  label: L("Lead status", "线索状态"),
  entity: "lead",
  field: "status",
  initial: "new",
  states: [
    { id: "new", label: L("New", "新建") },
    { id: "working", label: L("Working", "跟进中") },
    { id: "nurturing", label: L("Nurturing", "培育中") },
    { id: "qualified", label: L("Qualified (converted)", "已确认（已转化）"), final: true },
    { id: "disqualified", label: L("Disqualified", "已取消资格"), final: true },
  ],
  transitions: [
    { id: "work", label: L("Start working", "开始跟进"), from: ["new", "nurturing"], to: "working" },
    { id: "nurture", label: L("Nurture", "转入培育"), from: ["working"], to: "nurturing" },
    {
      id: "convert",
      label: L("Convert", "转化"),
      from: ["new", "working", "nurturing"],
      to: "qualified",
      guard: "NOT(ISBLANK(company)) OR NOT(ISBLANK(email_domain))",
      guardMessage: L("Enter the company or an email before converting", "转化前请填写公司或邮箱"),
      effects: [
        {
          kind: "createRecord",
          entity: "account",
          as: "account",
          findBy: [["domain"], ["name"]],
          values: {
            name: "COALESCE(company, email_domain)",
            domain: "email_domain",
            owner: "COALESCE(owner, $user.id)",
            team: "team",
          },
        },
        {
          kind: "createRecord",
          entity: "contact",
          as: "contact",
          values: {
            first_name: "first_name",
            last_name: "last_name",
            email: "email",
            phone: "phone",
            title: "title",
            owner: "COALESCE(owner, $user.id)",
            team: "team",
          },
          links: { account: "account" },
        },
        {
          kind: "createRecord",
          entity: "opportunity",
          as: "opportunity",
          values: {
            name: "LEFT(COALESCE(company, email_domain) & ' – new business', 120)",
            lead_source: "lead_source",
            campaign: "utm_campaign",
            close_date: "DATEADD(TODAY(), 90, 'day')",
            owner: "COALESCE(owner, $user.id)",
            team: "team",
          },
          links: { account: "account" },
        },
        {
          kind: "createRecord",
          entity: "opportunity_contact_role",
          values: { role: "'champion'", is_primary: "TRUE" },
          links: { opportunity: "opportunity", contact: "contact" },
        },
        {
          kind: "setFields",
          values: { converted_at: "NOW()", sql_at: "COALESCE(sql_at, NOW())" },
          links: { converted_account: "account", converted_contact: "contact", converted_opportunity: "opportunity" },
        },
      ],
    },
    {
      id: "disqualify",
      label: L("Disqualify", "取消资格"),
      from: ["new", "working", "nurturing"],
      to: "disqualified",
      requiredFields: ["disqualify_reason"],
    },
  ],
};
