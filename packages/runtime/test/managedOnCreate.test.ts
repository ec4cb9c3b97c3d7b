import { describe, expect, it } from "vitest";
import type { App } from "../src/schema/types.js";
import { managedFieldOnCreate } from "../src/workflow/managedFields.js";

const app = {
  schemaVersion: 1,
  id: "deals",
  version: "1.0.0",
  entities: [
    {
      id: "deal",
      fields: [
        { id: "stage", kind: "select", options: [{ value: "new" }, { value: "won" }] },
        {
          id: "approval",
          kind: "select",
          default: "none",
          options: [{ value: "none" }, { value: "pending" }, { value: "approved" }],
        },
      ],
    },
  ],
  workflows: [
    {
      kind: "stateMachine",
      id: "flow",
      entity: "deal",
      field: "stage",
      initial: "new",
      states: [{ id: "new" }, { id: "won", final: true }],
      transitions: [{ id: "win", from: ["new"], to: "won" }],
    },
    {
      kind: "approval",
      id: "ok",
      entity: "deal",
      statusField: "approval",
      steps: [{ id: "boss", approvers: { kind: "role", role: "boss" } }],
    },
  ],
} as unknown as App;

describe("managedFieldOnCreate", () => {
  it("accepts a new record at the machine's initial state and the status's default, or blank", () => {
    expect(managedFieldOnCreate(app, "deal", { stage: "new", approval: "none" })).toBeUndefined();
    expect(managedFieldOnCreate(app, "deal", {})).toBeUndefined();
  });

  it("names the field, its workflow and where it starts otherwise", () => {
    expect(managedFieldOnCreate(app, "deal", { stage: "won" })).toEqual({
      field: "stage",
      workflow: "flow",
      kind: "stage",
      start: "new",
    });
    expect(managedFieldOnCreate(app, "deal", { stage: "new", approval: "approved" })).toMatchObject({
      field: "approval",
      kind: "approvalStatus",
      start: "none",
    });
  });

  it("lets a stage machine's start stand for an approval that mirrors its status into the same field", () => {
    const shared = {
      ...app,
      workflows: [app.workflows?.[0], { ...(app.workflows?.[1] as object), statusField: "stage" }],
    } as unknown as App;
    expect(managedFieldOnCreate(shared, "deal", { stage: "new" })).toBeUndefined();
    expect(managedFieldOnCreate(shared, "deal", { stage: "won" })).toMatchObject({ kind: "stage", start: "new" });
  });
});
