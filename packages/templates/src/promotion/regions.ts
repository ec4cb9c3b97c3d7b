/**
 * The 23 sales regions of the article's case (§2.3). The first five carry the spec's numbers;
 * the other 18 are plausible defaults: limits and budgets shrink with the size of the market,
 * expense-ratio targets rise where distribution costs more.
 */
export interface RegionSeed {
  readonly no: string;
  /** The code used in the data and in users' `region` attribute. */
  readonly code: string;
  readonly en: string;
  readonly zh: string;
  readonly limit: number;
  /** The quarter's allocated budget (CNY). */
  readonly budget: number;
  /** Expense-ratio target, percent. */
  readonly target: number;
}

export const regions: readonly RegionSeed[] = [
  { no: "R01", code: "east", en: "East", zh: "华东", limit: 100_000, budget: 2_000_000, target: 7.5 },
  { no: "R02", code: "south", en: "South", zh: "华南", limit: 100_000, budget: 1_800_000, target: 7.5 },
  { no: "R03", code: "north", en: "North", zh: "华北", limit: 80_000, budget: 1_500_000, target: 8 },
  { no: "R04", code: "southwest", en: "Southwest", zh: "西南", limit: 60_000, budget: 900_000, target: 8.5 },
  { no: "R05", code: "northeast", en: "Northeast", zh: "东北", limit: 50_000, budget: 700_000, target: 9 },
  { no: "R06", code: "shanghai", en: "Shanghai", zh: "上海", limit: 100_000, budget: 1_600_000, target: 7 },
  { no: "R07", code: "beijing", en: "Beijing", zh: "北京", limit: 100_000, budget: 1_500_000, target: 7 },
  { no: "R08", code: "zhejiang", en: "Zhejiang", zh: "浙江", limit: 90_000, budget: 1_300_000, target: 7.5 },
  { no: "R09", code: "jiangsu", en: "Jiangsu", zh: "江苏", limit: 90_000, budget: 1_300_000, target: 7.5 },
  { no: "R10", code: "guangdong", en: "Guangdong", zh: "广东", limit: 100_000, budget: 1_700_000, target: 7.5 },
  { no: "R11", code: "fujian", en: "Fujian", zh: "福建", limit: 70_000, budget: 900_000, target: 8 },
  { no: "R12", code: "shandong", en: "Shandong", zh: "山东", limit: 80_000, budget: 1_200_000, target: 8 },
  { no: "R13", code: "henan", en: "Henan", zh: "河南", limit: 70_000, budget: 1_000_000, target: 8.5 },
  { no: "R14", code: "hubei", en: "Hubei", zh: "湖北", limit: 70_000, budget: 950_000, target: 8 },
  { no: "R15", code: "hunan", en: "Hunan", zh: "湖南", limit: 60_000, budget: 850_000, target: 8.5 },
  { no: "R16", code: "sichuan", en: "Sichuan", zh: "四川", limit: 70_000, budget: 1_000_000, target: 8.5 },
  { no: "R17", code: "chongqing", en: "Chongqing", zh: "重庆", limit: 60_000, budget: 700_000, target: 8.5 },
  { no: "R18", code: "shaanxi", en: "Shaanxi", zh: "陕西", limit: 50_000, budget: 650_000, target: 9 },
  { no: "R19", code: "yunnan", en: "Yunnan", zh: "云南", limit: 50_000, budget: 550_000, target: 9.5 },
  { no: "R20", code: "guangxi", en: "Guangxi", zh: "广西", limit: 50_000, budget: 550_000, target: 9 },
  { no: "R21", code: "hebei", en: "Hebei", zh: "河北", limit: 60_000, budget: 800_000, target: 8.5 },
  { no: "R22", code: "northwest", en: "Northwest", zh: "西北", limit: 40_000, budget: 500_000, target: 10 },
  { no: "R23", code: "xinjiang", en: "Xinjiang", zh: "新疆", limit: 40_000, budget: 400_000, target: 10 },
];

/** HQ's cap on any region's single-request limit (a region may set its limit lower, never higher). */
export const HQ_LIMIT_CAP = 120_000;
/** The HQ variable reserve, spent only by transfer. */
export const HQ_RESERVE_BUDGET = 1_000_000;
