import type { Permission } from "@plinth/runtime";

/**
 * The permission matrix of sales-domain §1.8. O = own (`owner = $user.id`), T = the user's
 * team (`team = $user.team`; reps' and managers' `team` attribute), A = all.
 */
const OWN = "owner = $user.id";
const TEAM = "team = $user.team";
const OWN_DEAL = "opportunity.owner = $user.id";
/** Line items of a closed deal are locked for reps like the deal itself (V6). */
const OWN_OPEN_DEAL = "opportunity.owner = $user.id AND NOT(opportunity.stage IN ('closed_won', 'closed_lost'))";
const TEAM_DEAL = "opportunity.team = $user.team";
const NOT_CONVERTED = "NOT(status = 'qualified')";
const crud = ["read", "create", "update", "delete", "export", "import"];

export const permissions: Permission[] = [
  // Sales rep: own records; reads the unassigned lead queue and the team's accounts and contacts.
  { role: "rep", entity: "lead", actions: ["read", "export"], rowScope: `${OWN} OR ISBLANK(owner)` },
  // A rep may claim an unassigned lead from the queue (the claimed lead must then be theirs).
  {
    role: "rep",
    entity: "lead",
    actions: ["create", "update"],
    rowScope: `(${OWN} OR ISBLANK(owner)) AND ${NOT_CONVERTED}`,
  },
  { role: "rep", entity: "account", actions: ["read"], rowScope: `${OWN} OR ${TEAM}` },
  { role: "rep", entity: "account", actions: ["create", "update"], rowScope: OWN },
  { role: "rep", entity: "contact", actions: ["read"], rowScope: `${OWN} OR ${TEAM}` },
  { role: "rep", entity: "contact", actions: ["create", "update"], rowScope: OWN },
  { role: "rep", entity: "opportunity", actions: ["read", "create", "update", "export"], rowScope: OWN },
  {
    role: "rep",
    entity: "opportunity_contact_role",
    actions: ["read", "create", "update", "delete"],
    rowScope: OWN_DEAL,
  },
  { role: "rep", entity: "opportunity_line_item", actions: ["read"], rowScope: OWN_DEAL },
  { role: "rep", entity: "opportunity_line_item", actions: ["create", "update", "delete"], rowScope: OWN_OPEN_DEAL },
  { role: "rep", entity: "stage_history", actions: ["read"], rowScope: OWN_DEAL },
  { role: "rep", entity: "activity", actions: ["read", "create", "update"], rowScope: OWN },
  { role: "rep", entity: "quota", actions: ["read"], rowScope: OWN },
  { role: "rep", entity: "forecast_submission", actions: ["read", "create", "update"], rowScope: OWN },

  // Sales manager: the team; reopens and overrides probability (V4, V6 and the reopen transition).
  { role: "manager", entity: "lead", actions: ["read", "export"], rowScope: `${TEAM} OR ISBLANK(owner)` },
  {
    role: "manager",
    entity: "lead",
    actions: ["create", "update", "delete"],
    rowScope: `${TEAM} AND ${NOT_CONVERTED}`,
  },
  { role: "manager", entity: "account", actions: crud, rowScope: TEAM },
  { role: "manager", entity: "contact", actions: crud, rowScope: TEAM },
  { role: "manager", entity: "opportunity", actions: ["read", "create", "update", "export"], rowScope: TEAM },
  { role: "manager", entity: "opportunity_contact_role", actions: crud, rowScope: TEAM_DEAL },
  { role: "manager", entity: "opportunity_line_item", actions: crud, rowScope: TEAM_DEAL },
  { role: "manager", entity: "stage_history", actions: ["read", "export"], rowScope: TEAM_DEAL },
  { role: "manager", entity: "activity", actions: crud, rowScope: TEAM },
  { role: "manager", entity: "quota", actions: ["read", "export"], rowScope: TEAM },
  { role: "manager", entity: "forecast_submission", actions: ["read", "create", "update", "export"], rowScope: TEAM },

  // RevOps admin: everything (stage configuration is the app schema itself); converted leads stay read-only.
  { role: "revops", entity: "lead", actions: ["read", "create", "delete", "export", "import"] },
  { role: "revops", entity: "lead", actions: ["update"], rowScope: NOT_CONVERTED },
  ...[
    "account",
    "contact",
    "opportunity",
    "opportunity_contact_role",
    "opportunity_line_item",
    "stage_history",
    "activity",
    "quota",
    "forecast_submission",
  ].map((entity) => ({ role: "revops", entity, actions: crud })),

  // Executive: reads everything.
  { role: "executive", entity: "*", actions: ["read", "export"] },

  // Marketing: leads (no delete), reads accounts, contacts and opportunities (source attribution).
  { role: "marketing", entity: "lead", actions: ["read", "create", "export", "import"] },
  { role: "marketing", entity: "lead", actions: ["update"], rowScope: NOT_CONVERTED },
  { role: "marketing", entity: "account", actions: ["read"] },
  { role: "marketing", entity: "contact", actions: ["read"] },
  { role: "marketing", entity: "opportunity", actions: ["read"] },

  // Finance: won deals only; accounts, contacts, quotas.
  { role: "finance", entity: "opportunity", actions: ["read", "export"], rowScope: "stage = 'closed_won'" },
  { role: "finance", entity: "opportunity_line_item", actions: ["read"], rowScope: "opportunity.stage = 'closed_won'" },
  { role: "finance", entity: "account", actions: ["read"] },
  { role: "finance", entity: "contact", actions: ["read"] },
  { role: "finance", entity: "quota", actions: ["read", "export"] },
  { role: "finance", entity: "forecast_submission", actions: ["read", "export"] },
];
