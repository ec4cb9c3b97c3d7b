/** A label in both languages. */
export const L = (en: string, zh: string) => ({ en, "zh-CN": zh }) as const;

/** A select option. */
export const opt = (value: string, en: string, zh: string) => ({ value, label: L(en, zh) }) as const;

/** One stage of the template's default stage set (sales-domain §1.1). */
export interface StageDef {
  readonly id: string;
  readonly en: string;
  readonly zh: string;
  readonly order: number;
  readonly probability: number;
  readonly category: string;
  /** Days in the stage before the deal counts as stale (open stages only). */
  readonly maxDays?: number;
}

export const stages: readonly StageDef[] = [
  {
    id: "prospecting",
    en: "Prospecting",
    zh: "潜在客户",
    order: 1,
    probability: 10,
    category: "pipeline",
    maxDays: 14,
  },
  {
    id: "qualification",
    en: "Qualification",
    zh: "资格确认",
    order: 2,
    probability: 20,
    category: "pipeline",
    maxDays: 21,
  },
  {
    id: "needs_analysis",
    en: "Needs Analysis",
    zh: "需求分析",
    order: 3,
    probability: 40,
    category: "pipeline",
    maxDays: 21,
  },
  { id: "proposal", en: "Proposal", zh: "方案报价", order: 4, probability: 60, category: "best_case", maxDays: 21 },
  { id: "negotiation", en: "Negotiation", zh: "商务谈判", order: 5, probability: 80, category: "commit", maxDays: 30 },
  { id: "closed_won", en: "Closed Won", zh: "赢单", order: 6, probability: 100, category: "closed" },
  { id: "closed_lost", en: "Closed Lost", zh: "输单", order: 7, probability: 0, category: "omitted" },
];

export const openStages = stages.filter((s) => s.maxDays !== undefined);

/** `stage IN (...)` of the closed stages, for formulas. */
export const CLOSED = "stage IN ('closed_won', 'closed_lost')";
export const OPEN = "NOT(stage IN ('closed_won', 'closed_lost'))";

/** `SWITCH(stage, 'a', x, ...)` over the stage set. */
export function bystage(value: (s: StageDef) => number | undefined, fallback?: number): string {
  const parts = stages.flatMap((s) => {
    const v = value(s);
    return v === undefined ? [] : [`'${s.id}', ${v}`];
  });
  return `SWITCH(stage, ${parts.join(", ")}${fallback === undefined ? "" : `, ${fallback}`})`;
}

export const forecastCategories = [
  opt("pipeline", "Pipeline", "管道"),
  opt("best_case", "Best Case", "最佳情况"),
  opt("commit", "Commit", "承诺"),
  opt("closed", "Closed", "已成交"),
  opt("omitted", "Omitted", "已排除"),
];

export const leadSources = [
  opt("web", "Web", "网站"),
  opt("whitepaper", "Whitepaper", "白皮书"),
  opt("event", "Event", "活动"),
  opt("referral", "Referral", "推荐"),
  opt("partner", "Partner", "合作伙伴"),
  opt("cold_call", "Cold call", "陌生电话"),
  opt("other", "Other", "其他"),
];

export const lostReasons = [
  opt("price", "Price", "价格"),
  opt("lost_to_competitor", "Lost to competitor", "输给竞争对手"),
  opt("no_budget", "No budget", "无预算"),
  opt("no_decision", "No decision / went dark", "无决策 / 失联"),
  opt("timing", "Timing", "时机"),
  opt("product_gap", "Product gap", "产品差距"),
  opt("other", "Other", "其他"),
];

export const competitors = [
  opt("salesforce", "Salesforce", "Salesforce"),
  opt("hubspot", "HubSpot", "HubSpot"),
  opt("dynamics", "Microsoft Dynamics", "微软 Dynamics"),
  opt("fxiaoke", "Fxiaoke", "纷享销客"),
  opt("other", "Other", "其他"),
];

export const regions = [
  opt("east", "East", "华东"),
  opt("north", "North", "华北"),
  opt("south", "South", "华南"),
  opt("west", "West", "西部"),
];

export const industries = [
  opt("manufacturing", "Manufacturing", "制造"),
  opt("retail", "Retail", "零售"),
  opt("technology", "Technology", "科技"),
  opt("finance", "Finance", "金融"),
  opt("healthcare", "Healthcare", "医疗"),
  opt("logistics", "Logistics", "物流"),
];

export const contactRoles = [
  opt("decision_maker", "Decision Maker", "决策者"),
  opt("economic_buyer", "Economic Buyer", "经济买家"),
  opt("champion", "Champion", "内部支持者"),
  opt("influencer", "Influencer", "影响者"),
  opt("technical_evaluator", "Technical Evaluator", "技术评估者"),
  opt("user", "User", "使用者"),
];
