/** A label in both languages (every label of the template has both). */
export const l = (en: string, zh: string) => ({ en, "zh-CN": zh });

/** Select options from [value, en, zh] triples. */
export const options = (items: ReadonlyArray<readonly [string, string, string]>) =>
  items.map(([value, en, zh]) => ({ value, label: l(en, zh) }));

export const regions = options([
  ["east", "East", "华东"],
  ["north", "North", "华北"],
  ["south", "South", "华南"],
  ["west", "West", "西部"],
]);

/** Job roles: the peer groups are role × region. */
export const jobRoles = options([
  ["ae", "Account executive", "客户经理"],
  ["am", "Account manager", "大客户经理"],
  ["csm", "Customer success manager", "客户成功经理"],
  ["se", "Solutions engineer", "售前工程师"],
]);

/** The five CVI dimensions (sales-domain §3.1). */
export const dimensions = options([
  ["d1", "D1 New-customer contract amount", "D1 新客户签约额"],
  ["d2", "D2 Customer health improvement", "D2 客户健康度提升"],
  ["d3", "D3 Knowledge-asset contribution", "D3 知识资产贡献"],
  ["d4", "D4 Collaboration projects", "D4 协作项目参与"],
  ["d5", "D5 Training and sharing", "D5 培训与分享"],
]);

export const tracks = options([
  ["kpi", "KPI only", "仅 KPI"],
  ["dual", "Dual track", "双轨"],
  ["cvi", "CVI only", "仅 CVI"],
]);

/** Approval status mirrors (the approval engine's statuses plus a draft). */
export const approvalStatuses = options([
  ["draft", "Draft", "草稿"],
  ["pending", "Pending", "审批中"],
  ["approved", "Approved", "已批准"],
  ["rejected", "Rejected", "已驳回"],
  ["returned", "Returned", "已退回"],
  ["recalled", "Recalled", "已撤回"],
]);

export const periodStatuses = options([
  ["draft", "Draft", "草稿"],
  ["open", "Open", "进行中"],
  ["locked", "Locked", "已锁定"],
  ["calibration", "Calibration", "校准中"],
  ["published", "Published", "已发布"],
  ["appeal", "Appeal", "申诉期"],
  ["final", "Final", "已定稿"],
  ["paid", "Paid", "已发放"],
]);
