import type { EvalEnv } from "../expr/values.js";
import type { App, Party } from "../schema/types.js";
import type { ApprovalContext } from "./approval.types.js";

/**
 * Test support (not part of the public API): a trade-promotion app after the sales domain's
 * §2.4–2.5, a user directory and an `ApprovalContext` over them. Kept here because workflow
 * tests are the only users; it belongs in test/fixtures once that folder is shared.
 */
export function promotionApp() {
  const sameRegion = "$approver.region = region.code";
  return {
    $schema: "https://plinth.dev/schemas/app/v1/app.json",
    schemaVersion: 1,
    id: "tpm",
    version: "1.0.0",
    label: { en: "Trade promotions", "zh-CN": "促销申请" },
    roles: [
      { id: "rep" },
      { id: "regional_manager", inherits: ["rep"] },
      { id: "region_finance" },
      { id: "hq_finance" },
      { id: "hq_marketing" },
    ],
    entities: [
      {
        id: "region",
        titleField: "name",
        fields: [
          { id: "code", kind: "text", required: true },
          { id: "name", kind: "text" },
          { id: "single_request_limit", kind: "currency", currency: "CNY" },
        ],
      },
      {
        id: "promotion",
        titleField: "title",
        fields: [
          { id: "title", kind: "text", required: true },
          { id: "region", kind: "relation", target: "region", required: true },
          { id: "planned_spend", kind: "currency", currency: "CNY" },
          { id: "discount_depth", kind: "percent" },
          {
            id: "status",
            kind: "select",
            options: [
              { value: "draft" },
              { value: "pending" },
              { value: "approved" },
              { value: "rejected" },
              { value: "returned" },
              { value: "recalled" },
            ],
          },
          { id: "submitted_at", kind: "datetime" },
          { id: "approved_at", kind: "datetime" },
          { id: "finance_note", kind: "text" },
        ],
      },
    ],
    workflows: [
      {
        kind: "approval",
        id: "promotion_approval",
        entity: "promotion",
        entryCriteria: "planned_spend > 0",
        entryMessage: { en: "Plan some spend before submitting", "zh-CN": "提交前请填写计划费用" },
        submitters: ["rep"],
        statusField: "status",
        steps: [
          {
            id: "regional_manager",
            approvers: { kind: "role", role: "regional_manager", match: sameRegion },
            sla: { hours: 48, remindAfterHours: 24, escalateTo: "manager" },
          },
          {
            id: "region_finance",
            approvers: { kind: "role", role: "region_finance", match: sameRegion },
            editableFields: ["finance_note"],
          },
          {
            id: "hq_marketing",
            condition: "planned_spend > region.single_request_limit",
            approvers: { kind: "role", role: "hq_marketing" },
            parallelGroup: "hq",
          },
          {
            id: "hq_finance",
            condition: "planned_spend > region.single_request_limit",
            approvers: { kind: "role", role: "hq_finance" },
            parallelGroup: "hq",
            mode: "percentage",
            percentage: 50,
            allowReturn: false,
          },
        ],
        onSubmit: [{ kind: "setFields", values: { submitted_at: "$now" } }],
        onApprove: [{ kind: "setFields", values: { approved_at: "$now" } }],
        onReject: [{ kind: "webhook", url: "https://example.com/unreserve", body: { spend: "planned_spend" } }],
      },
    ],
  } satisfies App;
}

export interface DirectoryUser {
  readonly id: string;
  readonly roles: readonly string[];
  readonly region?: string;
  readonly manager?: string;
  readonly admin?: boolean;
}

/** The seed's directory: East (limit 100,000) and North (80,000), HQ above them. */
export const directory: readonly DirectoryUser[] = [
  { id: "rep_e", roles: ["rep"], region: "R01", manager: "rsm_e" },
  { id: "rep_n", roles: ["rep"], region: "R03", manager: "rsm_n" },
  { id: "rsm_e", roles: ["regional_manager"], region: "R01", manager: "dir_e" },
  { id: "rsm_n", roles: ["regional_manager"], region: "R03", manager: "dir_n" },
  { id: "fin_e", roles: ["region_finance"], region: "R01", manager: "cfo" },
  { id: "fin_n", roles: ["region_finance"], region: "R03", manager: "cfo" },
  { id: "hqm1", roles: ["hq_marketing"], manager: "cmo" },
  { id: "hqf1", roles: ["hq_finance"], manager: "cfo" },
  { id: "hqf2", roles: ["hq_finance"], manager: "cfo" },
  { id: "hqf3", roles: ["hq_finance"], manager: "cfo" },
  { id: "dir_e", roles: ["regional_manager"], region: "HQ" },
  { id: "cfo", roles: ["hq_finance"], region: "HQ" },
  { id: "admin", roles: [], admin: true },
];

export const regions: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  east: { code: "R01", name: "East", single_request_limit: 100_000 },
  north: { code: "R03", name: "North", single_request_limit: 80_000 },
};

const expand: Readonly<Record<string, readonly string[]>> = { regional_manager: ["regional_manager", "rep"] };
const rolesOf = (user: DirectoryUser): string[] => user.roles.flatMap((r) => expand[r] ?? [r]);

/** Relation lookup over the region table (`region.code`, `region.single_request_limit`). */
export function lookup(path: readonly string[], record: Readonly<Record<string, unknown>>): unknown {
  const [head, field] = path;
  if (head !== "region" || field === undefined) return null;
  const id = record.region;
  return typeof id === "string" ? (regions[id]?.[field] ?? null) : null;
}

export interface ContextOptions {
  /** Out-of-office windows: delegator → [delegate, from, to). */
  readonly delegations?: Readonly<Record<string, readonly [string, string, string]>>;
  readonly users?: readonly DirectoryUser[];
}

/**
 * An `ApprovalContext` the way a host builds one: parties resolved over the directory, the
 * role party's `match` (`$approver.region = region.code`) evaluated per candidate by hand.
 */
export function approvalContext(
  record: Readonly<Record<string, unknown>>,
  at: string,
  options: ContextOptions = {},
): ApprovalContext {
  const users = options.users ?? directory;
  const byId = new Map(users.map((u) => [u.id, u]));
  const regionCode = lookup(["region", "code"], record);
  const resolve = (party: Party, rec: Readonly<Record<string, unknown>>): string[] => {
    switch (party.kind) {
      case "role":
        return users
          .filter((u) => rolesOf(u).includes(party.role))
          .filter((u) => party.match === undefined || u.region === regionCode)
          .map((u) => u.id);
      case "users":
        return [...party.users];
      case "userField": {
        const v = rec[party.field];
        return typeof v === "string" ? [v] : [];
      }
      case "managerOf": {
        const v = rec[party.field];
        const m = typeof v === "string" ? byId.get(v)?.manager : undefined;
        return m === undefined ? [] : [m];
      }
    }
  };
  const env: EvalEnv = { today: at.slice(0, 10), now: at, user: { id: null }, lookup };
  return {
    record,
    env,
    resolve,
    managerOf: (u) => byId.get(u)?.manager,
    delegateOf: (u, when) => {
      const d = options.delegations?.[u];
      return d !== undefined && when >= d[1] && when < d[2] ? d[0] : undefined;
    },
    rolesOf: (u) => {
      const user = byId.get(u);
      return user ? rolesOf(user) : [];
    },
    isAdmin: (u) => byId.get(u)?.admin === true,
  };
}
