import type { App, TablePage } from "@plinth/runtime";

/**
 * A small app for the table page's component tests: deals with a field of most kinds, a rep
 * role that sees only their own deals, may not change the probability and may not see notes;
 * deals are owned by reps (a manager may not own one, but may read and change every deal).
 */
const label = (en: string, zh = en) => ({ en, "zh-CN": zh });

export const dealsPage = {
  kind: "table",
  id: "deals",
  label: label("Deals", "商机"),
  entity: "deal",
  columns: [{ field: "name" }, { field: "amount" }, { field: "stage" }, { field: "owner" }],
} as const satisfies TablePage;

export const testApp = {
  schemaVersion: 1,
  id: "t",
  version: "1.0.0",
  label: label("Test"),
  roles: [
    { id: "rep", label: label("Rep") },
    { id: "manager", label: label("Manager") },
  ],
  entities: [
    {
      id: "account",
      label: label("Account", "客户"),
      titleField: "name",
      fields: [{ id: "name", kind: "text", label: label("Name", "名称") }],
    },
    {
      id: "deal",
      label: label("Deal", "商机"),
      titleField: "name",
      fields: [
        { id: "name", kind: "text", label: label("Name", "名称"), required: true, unique: true, maxLength: 20 },
        { id: "amount", kind: "currency", label: label("Amount", "金额"), currency: "CNY", min: 0 },
        {
          id: "stage",
          kind: "select",
          label: label("Stage", "阶段"),
          options: [
            { value: "open", label: label("Open", "进行中") },
            { value: "won", label: label("Won", "赢单") },
          ],
        },
        { id: "probability", kind: "percent", label: label("Probability", "赢率") },
        { id: "notes", kind: "longText", label: label("Notes", "备注") },
        { id: "owner", kind: "user", label: label("Owner", "负责人"), default: "$user", roles: ["rep"] },
        { id: "account", kind: "relation", label: label("Account", "客户"), target: "account" },
        { id: "close", kind: "date", label: label("Close date", "成交日期") },
        { id: "score", kind: "formula", label: label("Score"), expression: "amount * 2", resultType: "number" },
        { id: "files", kind: "attachment", label: label("Files", "附件") },
      ],
    },
  ],
  permissions: [
    { role: "rep", entity: "account", actions: ["read"] },
    {
      role: "rep",
      entity: "deal",
      actions: ["read", "create", "update"],
      rowScope: "owner = $user.id",
      readOnlyFields: ["probability"],
      hiddenFields: ["notes"],
    },
    { role: "manager", entity: "account", actions: ["read"] },
    { role: "manager", entity: "deal", actions: ["read", "update"] },
  ],
  pages: [dealsPage],
} as unknown as App;

export const rep = { id: "u-rep", username: "rep", displayName: "Rita Rep", roles: ["rep"] };
export const other = { id: "u-other", username: "other", displayName: "Otto Other", roles: ["rep"] };
export const manager = { id: "u-mgr", username: "mgr", displayName: "Mona Manager", roles: ["manager"] };

const at = "2026-06-01T09:00:00.000Z";
const row = (id: string, values: Record<string, unknown>) => ({
  id,
  version: 1,
  createdAt: at,
  updatedAt: at,
  createdBy: values.owner ?? null,
  updatedBy: values.owner ?? null,
  ...values,
});

/**
 * The app's people as user pickers list them: reps, a manager (who may not own a deal), someone
 * whose id needs quoting in a formula, and someone without a role in the app (never listed).
 */
export const testPeople = [
  { id: rep.id, name: rep.displayName, roles: ["rep"] },
  { id: other.id, name: other.displayName, roles: ["rep"] },
  { id: "u-li", name: "李雷", roles: ["rep"] },
  { id: "u-o'neil", name: "Olive O'Neil", roles: ["rep"] },
  { id: manager.id, name: manager.displayName, roles: ["manager"] },
  { id: "u-gone", name: "Gus Gone", roles: [] },
];

/** Two deals of the rep, one of someone else (which the rep cannot see). */
export const testRecords = {
  account: [row("a-1", { name: "Acme" })],
  deal: [
    row("d-1", { name: "Alpha", amount: 100, stage: "open", owner: rep.id, account: "a-1", probability: 10 }),
    row("d-2", { name: "Beta", amount: 200, stage: "won", owner: rep.id, account: "a-1", probability: 20 }),
    row("d-3", { name: "Gamma", amount: 300, stage: "open", owner: other.id, account: "a-1", probability: 30 }),
  ],
};
