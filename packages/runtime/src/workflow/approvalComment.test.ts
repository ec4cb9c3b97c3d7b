import { describe, expect, it } from "vitest";
import { approvalContext, promotionApp } from "../../test/fixtures/promotionApp.js";
import { standardFunctions } from "../expr/functions/index.js";
import { createRuntime } from "../runtime.js";
import type { App } from "../schema/types.js";
import { approvalTransition } from "./approval.js";
import type { ApprovalResult, ApprovalState } from "./approval.types.js";
import { compileApproval } from "./approvalProgram.js";

/** `$approval.comment` in an approval's effects: the comment of the decision that caused them. */

const T0 = "2026-06-01T09:00:00.000Z";
const T1 = "2026-06-01T10:00:00.000Z";

function withEffects(onReject: unknown[], extra: Record<string, unknown> = {}): App {
  const app = promotionApp() as unknown as { workflows: Array<Record<string, unknown>> };
  const workflow = app.workflows.find((w) => w.id === "promotion_approval") as Record<string, unknown>;
  Object.assign(workflow, { onReject }, extra);
  return app as unknown as App;
}

function ok(result: ApprovalResult): Extract<ApprovalResult, { ok: true }> {
  if (!result.ok) throw new Error(result.issues.map((i) => i.message.en).join("\n"));
  return result;
}

describe("$approval.comment", () => {
  it("holds the rejection's comment in onReject effects, and is blank on submit", () => {
    const app = withEffects([{ kind: "setFields", values: { title: "'Rejected: ' & $approval.comment" } }], {
      onSubmit: [{ kind: "setFields", values: { title: "COALESCE($approval.comment, 'none')" } }],
    });
    expect(
      createRuntime()
        .validateApp(app)
        .issues.filter((i) => i.severity === "error"),
    ).toEqual([]);
    const approval = compileApproval(app, "promotion_approval", { functions: standardFunctions });
    const record = { title: "Summer TPR", region: "east", planned_spend: 60_000 };
    const submitted = ok(
      approvalTransition(approval, undefined, { type: "submit", user: "rep_e", at: T0 }, approvalContext(record, T0)),
    );
    expect(submitted.effects).toContainEqual({
      kind: "effects",
      on: "submit",
      effects: [{ kind: "setFields", values: { title: "none" } }],
    });
    const rejected = ok(
      approvalTransition(
        approval,
        submitted.state as ApprovalState,
        { type: "reject", user: "rsm_e", at: T1, comment: "ROI below 1.0, cut display fee" },
        approvalContext(record, T1),
      ),
    );
    expect(rejected.effects).toContainEqual({
      kind: "effects",
      on: "reject",
      effects: [{ kind: "setFields", values: { title: "Rejected: ROI below 1.0, cut display fee" } }],
    });
  });

  it("exists only in an approval's effects: a step condition using it is a design-time error", () => {
    const app = promotionApp() as unknown as {
      workflows: Array<{ id: string; steps?: Array<Record<string, unknown>> }>;
    };
    const step = app.workflows.find((w) => w.id === "promotion_approval")?.steps?.[0] as Record<string, unknown>;
    step.condition = "$approval.comment = 'x'";
    const issues = createRuntime()
      .validateApp(app)
      .issues.filter((i) => i.severity === "error");
    expect(issues.map((i) => i.path)).toEqual(["/workflows/0/steps/0/condition"]);
  });
});
