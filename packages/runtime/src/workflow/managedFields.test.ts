import { describe, expect, it } from "vitest";
import type { App } from "../schema/types.js";
import { managedFieldChange, workflowManagedFields } from "./managedFields.js";

const app = {
  workflows: [
    { id: "pipeline", kind: "stateMachine", entity: "deal", field: "stage" },
    { id: "discount", kind: "approval", entity: "deal", statusField: "discount_status" },
    { id: "quiet", kind: "approval", entity: "deal" },
    { id: "other", kind: "stateMachine", entity: "account", field: "tier" },
  ],
} as unknown as App;

describe("workflow-managed fields", () => {
  it("lists the stage field and the approval status mirror of an entity only", () => {
    expect(workflowManagedFields(app, "deal")).toEqual([
      { field: "stage", workflow: "pipeline", kind: "stage" },
      { field: "discount_status", workflow: "discount", kind: "approvalStatus" },
    ]);
    expect(workflowManagedFields(app, "contact")).toEqual([]);
  });

  it("refuses a changed stage or status, allows an unchanged one and other fields", () => {
    const stored = { stage: "lead", discount_status: null, amount: 5 };
    expect(managedFieldChange(app, "deal", stored, { stage: "won" })?.field).toBe("stage");
    expect(managedFieldChange(app, "deal", stored, { discount_status: "approved" })?.kind).toBe("approvalStatus");
    expect(managedFieldChange(app, "deal", stored, { stage: "lead", amount: 9 })).toBeUndefined();
    expect(managedFieldChange(app, "deal", stored, { discount_status: undefined })).toBeUndefined();
    expect(managedFieldChange(app, "deal", stored, { tier: "gold" })).toBeUndefined();
  });
});
