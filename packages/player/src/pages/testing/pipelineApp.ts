import type { App, DashboardPage, InboxPage, KanbanPage } from "@plinth/runtime";

/**
 * A small sales app for the page renderers' component tests (kanban, dashboard, inbox, record
 * detail): opportunities with a stage machine (one transition guarded by `amount > 0`), a discount
 * approval by managers (the core notifies the submitter of the decision), and a page of each
 * kind. Reps see their own opportunities; managers see all.
 */
const label = (en: string, zh: string) => ({ en, "zh-CN": zh });

const stages = [
  { value: "prospecting", label: label("Prospecting", "潜在客户") },
  { value: "qualification", label: label("Qualification", "资格确认") },
  { value: "proposal", label: label("Proposal", "方案报价") },
  { value: "won", label: label("Won", "赢单") },
  { value: "lost", label: label("Lost", "输单") },
];

export const pipelinePage = {
  kind: "kanban",
  id: "pipeline",
  label: label("Pipeline", "销售管道"),
  entity: "opportunity",
  groupBy: "stage",
  cardFields: ["name", "amount"],
  sumField: "amount",
} as const satisfies KanbanPage;

export const forecastPage = {
  kind: "dashboard",
  id: "forecast",
  label: label("Forecast", "预测"),
  filters: [{ id: "region", entity: "opportunity", field: "region" }],
  widgets: [
    {
      id: "pipeline_total",
      label: label("Pipeline total", "管道总额"),
      type: "kpi",
      query: { entity: "opportunity", measures: [{ id: "amount", aggregate: "sum", field: "amount" }] },
      layout: { x: 0, y: 0, w: 6, h: 2 },
    },
    {
      id: "deal_count",
      label: label("Deals", "商机数"),
      type: "kpi",
      query: { entity: "opportunity", measures: [{ id: "deals", aggregate: "count" }] },
      layout: { x: 6, y: 0, w: 6, h: 2 },
    },
    {
      id: "by_region",
      label: label("By region", "按区域"),
      type: "pie",
      query: {
        entity: "opportunity",
        groupBy: [{ field: "region" }],
        measures: [{ id: "amount", aggregate: "sum", field: "amount" }],
      },
      layout: { x: 0, y: 2, w: 6, h: 5 },
    },
    {
      id: "by_stage",
      label: label("By stage", "按阶段"),
      type: "bar",
      query: {
        entity: "opportunity",
        groupBy: [{ field: "stage" }],
        measures: [
          { id: "amount", aggregate: "sum", field: "amount" },
          { id: "deals", aggregate: "count" },
        ],
      },
      layout: { x: 6, y: 2, w: 6, h: 5 },
    },
    {
      id: "by_owner",
      label: label("By owner", "按负责人"),
      type: "table",
      query: {
        entity: "opportunity",
        groupBy: [{ field: "owner" }],
        measures: [
          { id: "deals", label: label("Deals", "商机数"), aggregate: "count" },
          { id: "amount", label: label("Pipeline", "管道金额"), aggregate: "sum", field: "amount" },
        ],
        sort: [{ by: "amount", direction: "desc" }],
      },
      layout: { x: 0, y: 7, w: 12, h: 5 },
    },
  ],
} as const satisfies DashboardPage;

export const approvalsPage = {
  kind: "inbox",
  id: "approvals",
  label: label("Approvals", "审批"),
  workflows: ["discount_approval"],
} as const satisfies InboxPage;

export const pipelineApp = {
  schemaVersion: 1,
  id: "pipe",
  version: "1.0.0",
  label: label("Pipeline test", "管道测试"),
  settings: { currency: "CNY" },
  roles: [
    { id: "rep", label: label("Rep", "销售") },
    { id: "manager", label: label("Manager", "经理") },
  ],
  entities: [
    {
      id: "account",
      label: label("Account", "客户"),
      titleField: "name",
      fields: [{ id: "name", kind: "text", label: label("Name", "名称"), required: true }],
    },
    {
      id: "opportunity",
      label: label("Opportunity", "商机"),
      titleField: "name",
      fields: [
        { id: "name", kind: "text", label: label("Name", "名称"), required: true },
        { id: "account", kind: "relation", label: label("Account", "客户"), target: "account" },
        {
          id: "region",
          kind: "select",
          label: label("Region", "区域"),
          options: [
            { value: "east", label: label("East", "华东") },
            { value: "north", label: label("North", "华北") },
          ],
        },
        { id: "amount", kind: "currency", label: label("Amount", "金额"), currency: "CNY", min: 0 },
        { id: "stage", kind: "select", label: label("Stage", "阶段"), options: stages, default: "prospecting" },
        { id: "close_date", kind: "date", label: label("Close date", "成交日期") },
        { id: "owner", kind: "user", label: label("Owner", "负责人"), default: "$user" },
        { id: "discount", kind: "percent", label: label("Discount", "折扣"), default: 0 },
        {
          id: "discount_status",
          kind: "select",
          label: label("Discount approval", "折扣审批"),
          options: [
            { value: "none", label: label("Not submitted", "未提交") },
            { value: "pending", label: label("Pending", "审批中") },
            { value: "approved", label: label("Approved", "已批准") },
            { value: "rejected", label: label("Rejected", "已驳回") },
            { value: "recalled", label: label("Recalled", "已撤回") },
          ],
          default: "none",
        },
      ],
    },
  ],
  workflows: [
    {
      kind: "stateMachine",
      id: "opportunity_stage",
      entity: "opportunity",
      field: "stage",
      initial: "prospecting",
      states: [
        { id: "prospecting" },
        { id: "qualification" },
        { id: "proposal" },
        { id: "won", final: true },
        { id: "lost", final: true },
      ],
      transitions: [
        { id: "qualify", label: label("Qualify", "确认资格"), from: ["prospecting"], to: "qualification" },
        {
          id: "propose",
          label: label("Send proposal", "提交方案"),
          from: ["qualification"],
          to: "proposal",
          guard: "amount > 0",
          guardMessage: label("Enter an amount before sending a proposal", "请先填写金额再提交方案"),
        },
        { id: "win", label: label("Mark won", "赢单"), from: ["proposal"], to: "won" },
        {
          id: "lose",
          label: label("Mark lost", "输单"),
          from: ["prospecting", "qualification", "proposal"],
          to: "lost",
        },
      ],
    },
    {
      kind: "approval",
      id: "discount_approval",
      label: label("Discount approval", "折扣审批"),
      entity: "opportunity",
      entryCriteria: "discount > 0",
      submitters: ["rep"],
      statusField: "discount_status",
      allowRecall: true,
      steps: [{ id: "manager", label: label("Manager", "经理"), approvers: { kind: "role", role: "manager" } }],
    },
  ],
  permissions: [
    { role: "rep", entity: "account", actions: ["read"] },
    {
      role: "rep",
      entity: "opportunity",
      actions: ["read", "create", "update"],
      rowScope: "owner = $user.id",
      readOnlyFields: ["discount_status"],
    },
    { role: "manager", entity: "account", actions: ["read"] },
    { role: "manager", entity: "opportunity", actions: ["read", "create", "update"] },
  ],
  pages: [pipelinePage, forecastPage, approvalsPage],
} as unknown as App;

export const rep = {
  id: "u-rep",
  username: "rep",
  displayName: "Rita Rep",
  roles: ["rep"],
  attributes: { region: "east" },
};
export const manager = {
  id: "u-mgr",
  username: "mgr",
  displayName: "Mona Manager",
  roles: ["manager"],
  attributes: { region: "east" },
};
export const otherRep = { id: "u-otto", username: "otto", displayName: "Otto Other", roles: ["rep"] };

/** A calendar day as the date field stores it, `yearsAgo` years before `today`. */
export function dayOf(today: Date, yearsAgo = 0): string {
  const d = new Date(today.getFullYear() - yearsAgo, today.getMonth(), today.getDate());
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const at = "2026-06-01T09:00:00.000Z";
const row = (id: string, values: Record<string, unknown>) => ({
  id,
  version: 1,
  createdAt: at,
  updatedAt: at,
  createdBy: values.owner ?? null,
  updatedBy: values.owner ?? null,
  discount: 0,
  discount_status: "none",
  ...values,
});

/**
 * Rita's four opportunities (one per open stage and one won three years ago) and one of Otto's,
 * which Rita cannot see. Close dates count from `today` so the dashboard's period filter has
 * something to drop.
 */
export function pipelineRecords(today: Date) {
  return {
    account: [row("a-1", { name: "Acme" }), row("a-2", { name: "Globex" })],
    opportunity: [
      row("o-1", {
        name: "Alpha",
        account: "a-1",
        region: "east",
        amount: 1000,
        stage: "prospecting",
        close_date: dayOf(today),
        owner: rep.id,
      }),
      row("o-2", {
        name: "Beta",
        account: "a-1",
        region: "east",
        amount: 0,
        stage: "qualification",
        close_date: dayOf(today),
        owner: rep.id,
      }),
      row("o-3", {
        name: "Gamma",
        account: "a-2",
        region: "north",
        amount: 3000,
        stage: "proposal",
        close_date: dayOf(today),
        owner: rep.id,
      }),
      row("o-4", {
        name: "Delta",
        account: "a-2",
        region: "north",
        amount: 5000,
        stage: "won",
        close_date: dayOf(today, 3),
        owner: rep.id,
      }),
      row("o-5", {
        name: "Omega",
        account: "a-1",
        region: "east",
        amount: 700,
        stage: "prospecting",
        close_date: dayOf(today),
        owner: otherRep.id,
      }),
    ],
  };
}
