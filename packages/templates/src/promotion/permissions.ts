import { l } from "./labels.js";

export const roles = [
  { id: "rep", label: l("Sales rep (requester)", "销售代表（申请人）") },
  { id: "manager", label: l("Regional Sales Manager", "区域销售经理") },
  { id: "director", label: l("Regional Director", "区域总监") },
  { id: "region_finance", label: l("Region Finance BP", "区域财务BP") },
  { id: "region_admin", label: l("Regional admin", "区域管理员") },
  { id: "hq_trade", label: l("HQ Trade Marketing", "总部通路市场部") },
  { id: "hq_finance", label: l("HQ Finance", "总部财务") },
  { id: "hq_pricing", label: l("HQ Pricing", "总部价格管理") },
  { id: "hq_gm", label: l("VP Sales / GM", "销售副总裁/总经理") },
  { id: "auditor", label: l("Auditor", "审计") },
  { id: "hq_admin", label: l("HQ admin", "总部管理员") },
] as const;

const regional = ["rep", "manager", "director", "region_finance", "region_admin"] as const;
const hq = ["hq_trade", "hq_finance", "hq_pricing", "hq_gm", "auditor", "hq_admin"] as const;

/** Row scopes by region (§2.8): `$user.region` is the region code. */
const own = {
  promotion: "region.code = $user.region",
  promotion_line: "promotion.region.code = $user.region",
  budget_pool: "region.code = $user.region",
  fund_transaction: "region.code = $user.region",
  claim: "region.code = $user.region",
  claim_evidence: "claim.region.code = $user.region",
  evidence_photo: "claim.region.code = $user.region",
  claim_document: "claim.region.code = $user.region",
  payment: "promotion.region.code = $user.region",
  execution_check: "promotion.region.code = $user.region",
  sales_actual: "region.code = $user.region",
} as const;

const read = (roleIds: readonly string[], entity: string, rowScope?: string, actions = ["read", "export"]) =>
  roleIds.map((role) => ({ role, entity, actions, ...(rowScope ? { rowScope } : {}) }));

/** Who may do what (§2.8). Nobody may update or delete the ledger: it is append-only. */
export const permissions = [
  // Master data: everyone reads; HQ admin maintains; a regional admin edits its own region's row
  // (its limit within the HQ cap, which only HQ sets).
  ...["region", "channel", "customer", "store", "sku"].flatMap((e) => read([...regional, ...hq], e)),
  ...["region", "channel", "customer", "store", "sku", "budget_pool"].map((entity) => ({
    role: "hq_admin",
    entity,
    actions: ["read", "create", "update", "delete", "export", "import"],
  })),
  {
    role: "region_admin",
    entity: "region",
    actions: ["read", "update"],
    rowScope: "code = $user.region",
    readOnlyFields: ["code", "region_no", "hq_limit_cap", "parent"],
  },
  // Promotion requests: the region's people work on their region's requests; HQ reads them all.
  ...["promotion", "promotion_line"].flatMap((entity) => [
    ...["rep", "manager", "director"].map((role) => ({
      role,
      entity,
      actions: ["read", "create", "update", "export"],
      rowScope: own[entity as keyof typeof own],
    })),
    ...read(["region_finance", "region_admin"], entity, own[entity as keyof typeof own], ["read", "update", "export"]),
    ...read(["hq_trade", "hq_pricing", "hq_gm", "auditor"], entity),
    ...read(["hq_finance", "hq_admin"], entity, undefined, ["read", "update", "export"]),
  ]),
  // Pools and the ledger: the region reads its own balances; HQ Finance allocates and transfers.
  ...read(regional, "budget_pool", own.budget_pool),
  ...read(regional, "fund_transaction", own.fund_transaction),
  ...read(["hq_trade", "hq_pricing", "hq_gm", "auditor", "hq_admin"], "budget_pool"),
  ...read(["hq_trade", "hq_pricing", "hq_gm", "auditor", "hq_admin"], "fund_transaction"),
  { role: "hq_finance", entity: "budget_pool", actions: ["read", "create", "update", "export"] },
  { role: "hq_finance", entity: "fund_transaction", actions: ["read", "create", "export"] },
  // Change requests: the region's people raise them; the same people and HQ approve them.
  ...["rep", "manager", "director"].map((role) => ({
    role,
    entity: "change_request",
    actions: ["read", "create", "update"],
    rowScope: "promotion.region.code = $user.region",
  })),
  ...read(["region_finance", "region_admin"], "change_request", "promotion.region.code = $user.region"),
  ...read(["hq_trade", "hq_finance", "hq_pricing", "hq_gm", "auditor", "hq_admin"], "change_request"),
  // Transfers: Region Finance asks for money into its region's pool, HQ Finance approves.
  {
    role: "region_finance",
    entity: "budget_transfer",
    actions: ["read", "create", "update"],
    rowScope: "to_pool.region.code = $user.region",
  },
  { role: "hq_finance", entity: "budget_transfer", actions: ["read", "create", "update", "export"] },
  ...read(["director", "region_admin"], "budget_transfer", "to_pool.region.code = $user.region"),
  ...read(["hq_trade", "auditor", "hq_admin"], "budget_transfer"),
  // Claims and settlement: the requester claims and uploads the evidence, Region Finance judges it
  // (a photo's surroundings, a document's acceptance) and verifies, HQ Finance pays; the auditor
  // may flag a claim.
  ...(["claim", "claim_evidence", "evidence_photo", "claim_document"] as const).flatMap((entity) => {
    const scope = own[entity];
    const judged: Record<string, string[]> = {
      claim: ["verified_amount", "verifier", "verified_at", "flagged"],
      evidence_photo: ["shows_surroundings"],
      claim_document: ["accepted"],
    };
    return [
      {
        role: "rep",
        entity,
        actions: ["read", "create", "update"],
        rowScope: scope,
        ...(judged[entity] ? { readOnlyFields: judged[entity] } : {}),
      },
      ...read(["manager", "director"], entity, scope),
      { role: "region_finance", entity, actions: ["read", "update", "export"], rowScope: scope },
      ...read(["hq_trade", "hq_pricing", "hq_gm", "hq_admin"], entity),
      { role: "hq_finance", entity, actions: ["read", "update", "export"] },
      ...(entity === "claim"
        ? [
            {
              role: "auditor",
              entity,
              actions: ["read", "update", "export"],
              readOnlyFields: [
                "claimed_amount",
                "verified_amount",
                "status",
                "promotion",
                "region",
                "payment_method",
                "rejection_reason",
                "verifier",
                "verified_at",
              ],
            },
          ]
        : read(["auditor"], entity)),
    ];
  }),
  { role: "region_finance", entity: "payment", actions: ["read", "create", "export"], rowScope: own.payment },
  { role: "hq_finance", entity: "payment", actions: ["read", "create", "export"] },
  ...read(["rep", "manager", "director"], "payment", own.payment),
  ...read(["hq_trade", "auditor", "hq_admin"], "payment"),
  // Mid-event audits.
  ...["rep", "manager"].map((role) => ({
    role,
    entity: "execution_check",
    actions: ["read", "create"],
    rowScope: own.execution_check,
  })),
  ...read(["director", "region_finance"], "execution_check", own.execution_check),
  ...read(["hq_trade", "hq_finance", "hq_admin"], "execution_check"),
  { role: "auditor", entity: "execution_check", actions: ["read", "create", "update", "export"] },
  // Sales actuals for ROI.
  ...read(regional, "sales_actual", own.sales_actual),
  ...read([...hq], "sales_actual"),
];
