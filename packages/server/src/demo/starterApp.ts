import type { App } from "@plinth/runtime";

const regions = [
  { value: "east", label: { en: "East", "zh-CN": "华东" } },
  { value: "north", label: { en: "North", "zh-CN": "华北" } },
  { value: "south", label: { en: "South", "zh-CN": "华南" } },
  { value: "west", label: { en: "West", "zh-CN": "西部" } },
];

const stages = [
  { value: "prospecting", label: { en: "Prospecting", "zh-CN": "潜在客户" } },
  { value: "qualification", label: { en: "Qualification", "zh-CN": "资格确认" } },
  { value: "proposal", label: { en: "Proposal", "zh-CN": "方案报价" } },
  { value: "negotiation", label: { en: "Negotiation", "zh-CN": "商务谈判" } },
  { value: "won", label: { en: "Closed won", "zh-CN": "赢单" } },
  { value: "lost", label: { en: "Closed lost", "zh-CN": "输单" } },
];

/**
 * A small sales app the demo installs until the real templates ship (Templates issue):
 * accounts and opportunities, a stage machine, a rule, row scopes per role, a dashboard.
 */
export const starterApp = {
  schemaVersion: 1,
  id: "starter",
  version: "0.1.0",
  label: { en: "Sales starter", "zh-CN": "销售入门" },
  settings: { currency: "CNY" },
  // HQ's red lines for regional variants (the designer's "New regional variant"): the stages are
  // HQ's, and a region may lower the largest deal amount but not raise it.
  locks: [
    {
      target: "/entities/opportunity/fields/stage",
      mode: "frozen",
      reason: { en: "HQ pipeline stages", "zh-CN": "总部统一的销售阶段" },
    },
    {
      target: "/entities/opportunity/fields/amount/max",
      mode: "tightenOnly",
      reason: { en: "HQ deal size cap", "zh-CN": "总部单笔金额上限" },
    },
  ],
  roles: [
    { id: "rep", label: { en: "Sales rep", "zh-CN": "销售代表" } },
    { id: "manager", label: { en: "Regional manager", "zh-CN": "区域经理" }, inherits: ["rep"] },
    { id: "finance", label: { en: "Finance", "zh-CN": "财务" } },
    { id: "auditor", label: { en: "Auditor", "zh-CN": "审计" } },
  ],
  entities: [
    {
      id: "account",
      label: { en: "Account", "zh-CN": "客户" },
      titleField: "name",
      fields: [
        { id: "name", kind: "text", label: { en: "Name", "zh-CN": "名称" }, required: true, unique: true },
        { id: "region", kind: "select", label: { en: "Region", "zh-CN": "区域" }, options: regions, required: true },
        {
          id: "industry",
          kind: "select",
          label: { en: "Industry", "zh-CN": "行业" },
          options: [
            { value: "retail", label: { en: "Retail", "zh-CN": "零售" } },
            { value: "manufacturing", label: { en: "Manufacturing", "zh-CN": "制造" } },
            { value: "technology", label: { en: "Technology", "zh-CN": "科技" } },
          ],
        },
        {
          id: "open_pipeline",
          kind: "rollup",
          label: { en: "Open pipeline", "zh-CN": "未结管道" },
          from: "opportunity",
          via: "account",
          aggregate: "sum",
          field: "amount",
          filter: "stage <> 'won' AND stage <> 'lost'",
        },
      ],
    },
    {
      id: "opportunity",
      label: { en: "Opportunity", "zh-CN": "商机" },
      titleField: "name",
      fields: [
        { id: "name", kind: "text", label: { en: "Name", "zh-CN": "名称" }, required: true, maxLength: 120 },
        { id: "number", kind: "autonumber", label: { en: "Number", "zh-CN": "编号" }, prefix: "OPP-", padding: 5 },
        {
          id: "account",
          kind: "relation",
          label: { en: "Account", "zh-CN": "客户" },
          target: "account",
          required: true,
          inverse: { id: "opportunities" },
        },
        { id: "region", kind: "select", label: { en: "Region", "zh-CN": "区域" }, options: regions, required: true },
        { id: "amount", kind: "currency", label: { en: "Amount", "zh-CN": "金额" }, currency: "CNY", min: 0 },
        { id: "probability", kind: "percent", label: { en: "Probability", "zh-CN": "赢率" }, default: 10 },
        {
          id: "stage",
          kind: "select",
          label: { en: "Stage", "zh-CN": "阶段" },
          options: stages,
          default: "prospecting",
        },
        {
          id: "lost_reason",
          kind: "select",
          label: { en: "Loss reason", "zh-CN": "输单原因" },
          visibleWhen: "stage = 'lost'",
          options: [
            { value: "price", label: { en: "Price", "zh-CN": "价格" } },
            { value: "competitor", label: { en: "Lost to competitor", "zh-CN": "输给竞争对手" } },
            { value: "no_budget", label: { en: "No budget", "zh-CN": "无预算" } },
          ],
        },
        { id: "close_date", kind: "date", label: { en: "Close date", "zh-CN": "预计成交日期" }, required: true },
        {
          id: "owner",
          kind: "user",
          label: { en: "Owner", "zh-CN": "负责人" },
          default: "$user",
          required: true,
          roles: ["rep", "manager"],
        },
        { id: "notes", kind: "longText", label: { en: "Notes", "zh-CN": "备注" } },
        { id: "discount", kind: "percent", label: { en: "Discount", "zh-CN": "折扣" }, min: 0, max: 100, default: 0 },
        {
          id: "discount_status",
          kind: "select",
          label: { en: "Discount approval", "zh-CN": "折扣审批" },
          options: [
            { value: "none", label: { en: "Not submitted", "zh-CN": "未提交" } },
            { value: "pending", label: { en: "Pending", "zh-CN": "审批中" } },
            { value: "approved", label: { en: "Approved", "zh-CN": "已批准" } },
            { value: "rejected", label: { en: "Rejected", "zh-CN": "已驳回" } },
            { value: "recalled", label: { en: "Recalled", "zh-CN": "已撤回" } },
          ],
          default: "none",
        },
        {
          id: "files",
          kind: "attachment",
          label: { en: "Files", "zh-CN": "附件" },
          maxFiles: 5,
          maxSizeMb: 10,
        },
        {
          id: "expected_revenue",
          kind: "formula",
          label: { en: "Expected revenue", "zh-CN": "预期收入" },
          expression: "ROUND(amount * probability / 100, 2)",
          resultType: "number",
          format: "currency",
        },
      ],
      rules: [
        {
          id: "loss_reason_required",
          invalidWhen: "stage = 'lost' AND ISBLANK(lost_reason)",
          field: "lost_reason",
          message: { en: "Loss reason required", "zh-CN": "请填写输单原因" },
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
        { id: "prospecting", onEnter: [{ kind: "setFields", values: { probability: "10" } }] },
        { id: "qualification", onEnter: [{ kind: "setFields", values: { probability: "20" } }] },
        { id: "proposal", onEnter: [{ kind: "setFields", values: { probability: "60" } }] },
        { id: "negotiation", onEnter: [{ kind: "setFields", values: { probability: "80" } }] },
        { id: "won", final: true, onEnter: [{ kind: "setFields", values: { probability: "100" } }] },
        { id: "lost", final: true, onEnter: [{ kind: "setFields", values: { probability: "0" } }] },
      ],
      transitions: [
        { id: "qualify", label: { en: "Qualify", "zh-CN": "确认资格" }, from: ["prospecting"], to: "qualification" },
        {
          id: "propose",
          label: { en: "Send proposal", "zh-CN": "提交方案" },
          from: ["qualification"],
          to: "proposal",
          guard: "amount > 0",
          requiredFields: ["amount"],
        },
        { id: "negotiate", label: { en: "Negotiate", "zh-CN": "开始谈判" }, from: ["proposal"], to: "negotiation" },
        { id: "win", label: { en: "Mark won", "zh-CN": "赢单" }, from: ["negotiation", "proposal"], to: "won" },
        {
          id: "lose",
          label: { en: "Mark lost", "zh-CN": "输单" },
          from: ["prospecting", "qualification", "proposal", "negotiation"],
          to: "lost",
          requiredFields: ["lost_reason"],
        },
      ],
    },
    {
      kind: "approval",
      id: "discount_approval",
      label: { en: "Discount approval", "zh-CN": "折扣审批" },
      entity: "opportunity",
      entryCriteria: "discount > 0",
      entryMessage: { en: "Set a discount before asking for approval", "zh-CN": "请先填写折扣再提交审批" },
      submitters: ["rep"],
      statusField: "discount_status",
      allowRecall: true,
      steps: [
        {
          id: "manager",
          label: { en: "Regional manager", "zh-CN": "区域经理" },
          approvers: { kind: "role", role: "manager", match: "$approver.region = region" },
          sla: { hours: 24, remindAfterHours: 8 },
        },
        {
          id: "finance",
          label: { en: "Finance", "zh-CN": "财务" },
          condition: "discount > 20",
          approvers: { kind: "role", role: "finance" },
        },
      ],
    },
  ],
  permissions: [
    { role: "rep", entity: "account", actions: ["read"] },
    {
      role: "rep",
      entity: "opportunity",
      actions: ["read", "create", "update", "export", "import"],
      rowScope: "owner = $user.id",
      readOnlyFields: ["probability", "discount_status"],
    },
    { role: "manager", entity: "account", actions: ["read", "create", "update"], rowScope: "region = $user.region" },
    {
      role: "manager",
      entity: "opportunity",
      actions: ["read", "create", "update", "delete", "export", "import"],
      rowScope: "region = $user.region",
    },
    {
      role: "finance",
      entity: "opportunity",
      actions: ["read", "export"],
      rowScope: "stage = 'won'",
      hiddenFields: ["notes"],
    },
    { role: "finance", entity: "account", actions: ["read"] },
  ],
  pages: [
    {
      kind: "table",
      id: "opportunities",
      label: { en: "Opportunities", "zh-CN": "商机" },
      entity: "opportunity",
      columns: [
        { field: "number" },
        { field: "name" },
        { field: "account" },
        { field: "stage" },
        { field: "amount" },
        { field: "close_date" },
      ],
      sort: [{ by: "close_date", direction: "asc" }],
    },
    {
      kind: "kanban",
      id: "pipeline",
      label: { en: "Pipeline", "zh-CN": "销售管道" },
      entity: "opportunity",
      groupBy: "stage",
      cardFields: ["name", "amount"],
      sumField: "amount",
    },
    {
      kind: "dashboard",
      id: "forecast",
      label: { en: "Forecast", "zh-CN": "预测" },
      filters: [
        { id: "region", entity: "opportunity", field: "region" },
        { id: "owner", entity: "opportunity", field: "owner" },
      ],
      widgets: [
        {
          id: "open_pipeline",
          label: { en: "Open pipeline", "zh-CN": "在途管道" },
          type: "kpi",
          query: {
            entity: "opportunity",
            filter: "NOT(stage IN ('won', 'lost'))",
            measures: [{ id: "amount", aggregate: "sum", field: "amount" }],
          },
          layout: { x: 0, y: 0, w: 4, h: 2 },
        },
        {
          id: "weighted",
          label: { en: "Weighted forecast", "zh-CN": "加权预测" },
          type: "kpi",
          query: {
            entity: "opportunity",
            filter: "NOT(stage IN ('won', 'lost'))",
            measures: [{ id: "expected", aggregate: "sum", field: "expected_revenue" }],
          },
          format: "currency",
          layout: { x: 4, y: 0, w: 4, h: 2 },
        },
        {
          id: "won_total",
          label: { en: "Won", "zh-CN": "已赢单" },
          type: "kpi",
          query: {
            entity: "opportunity",
            filter: "stage = 'won'",
            measures: [{ id: "amount", aggregate: "sum", field: "amount" }],
          },
          layout: { x: 8, y: 0, w: 4, h: 2 },
        },
        {
          id: "by_stage",
          label: { en: "Pipeline by stage", "zh-CN": "各阶段管道" },
          type: "bar",
          query: {
            entity: "opportunity",
            groupBy: [{ field: "stage" }],
            measures: [
              { id: "amount", aggregate: "sum", field: "amount" },
              { id: "deals", aggregate: "count" },
            ],
          },
        },
        {
          id: "won_by_month",
          label: { en: "Won by month", "zh-CN": "每月赢单" },
          type: "line",
          query: {
            entity: "opportunity",
            filter: "stage = 'won'",
            groupBy: [{ field: "close_date", bucket: "month" }],
            measures: [{ id: "amount", aggregate: "sum", field: "amount" }],
          },
        },
        {
          id: "funnel",
          label: { en: "Deals per stage", "zh-CN": "各阶段商机数" },
          type: "funnel",
          query: {
            entity: "opportunity",
            filter: "stage <> 'lost'",
            groupBy: [{ field: "stage" }],
            measures: [{ id: "deals", aggregate: "count" }],
          },
        },
        {
          id: "by_region",
          label: { en: "Pipeline by region", "zh-CN": "各区域管道" },
          type: "pie",
          query: {
            entity: "opportunity",
            groupBy: [{ field: "region" }],
            measures: [{ id: "amount", aggregate: "sum", field: "amount" }],
          },
        },
        {
          id: "by_owner",
          label: { en: "By owner", "zh-CN": "按负责人" },
          type: "table",
          query: {
            entity: "opportunity",
            groupBy: [{ field: "owner" }],
            measures: [
              { id: "deals", label: { en: "Deals", "zh-CN": "商机数" }, aggregate: "count" },
              { id: "amount", label: { en: "Pipeline", "zh-CN": "管道金额" }, aggregate: "sum", field: "amount" },
              {
                id: "won",
                label: { en: "Won", "zh-CN": "赢单金额" },
                aggregate: "sum",
                field: "amount",
                filter: "stage = 'won'",
              },
            ],
            sort: [{ by: "amount", direction: "desc" }],
          },
        },
      ],
    },
    {
      kind: "inbox",
      id: "approvals",
      label: { en: "Approvals", "zh-CN": "审批" },
      workflows: ["discount_approval"],
    },
  ],
  navigation: [
    { kind: "page", page: "opportunities" },
    { kind: "page", page: "pipeline" },
    { kind: "page", page: "forecast" },
    { kind: "page", page: "approvals" },
  ],
} satisfies App;
