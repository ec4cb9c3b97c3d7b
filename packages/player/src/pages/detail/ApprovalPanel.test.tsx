// @vitest-environment happy-dom
import type { App, ApprovalRequest, AvailableActions } from "@plinth/runtime";
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithI18n } from "../table/testing.js";
import { ApprovalPanel } from "./ApprovalPanel.js";

const app = {
  schemaVersion: 1,
  id: "a",
  workflows: [
    {
      kind: "approval",
      id: "discount",
      label: { en: "Discount approval", "zh-CN": "折扣审批" },
      entity: "deal",
      steps: [{ id: "mgr", label: { en: "Manager", "zh-CN": "经理" }, approvers: { kind: "role", role: "m" } }],
    },
  ],
} as unknown as App;

const AT = "2026-06-01T10:00:00.000Z";
const request = (status: string, timeline: object[]): ApprovalRequest =>
  ({
    id: "r1",
    workflow: "discount",
    status,
    createdAt: AT,
    updatedAt: AT,
    state: {
      workflow: "discount",
      definition: app.workflows?.[0],
      status,
      round: 1,
      submitter: "u1",
      submittedAt: AT,
      steps: [],
      timeline,
    },
  }) as unknown as ApprovalRequest;

const names: Record<string, string> = { u1: "Li Lei", u2: "Wang Fang" };

function show(actions: AvailableActions, requests: ApprovalRequest[], locale: "en" | "zh-CN" = "en") {
  const act = vi.fn(async () => true);
  renderWithI18n(
    <ApprovalPanel
      app={app}
      actions={actions}
      requests={requests}
      locale={locale}
      busy={undefined}
      act={act}
      userName={(id) => names[id] ?? id}
      dateTime={() => "today"}
    />,
    locale,
  );
  return act;
}

afterEach(cleanup);

describe("ApprovalPanel", () => {
  it("offers the approvals the user may ask for, with the workflow's label and an optional comment", () => {
    const act = show(
      { transitions: [], submit: [{ workflow: "discount", label: app.workflows?.[0]?.label }], approval: null },
      [],
    );
    fireEvent.change(screen.getByRole("textbox", { name: "Comment" }), { target: { value: "  please  " } });
    fireEvent.click(screen.getByRole("button", { name: "Ask for approval: Discount approval" }));
    expect(act).toHaveBeenCalledWith("submit", { workflow: "discount", comment: "please" });
    expect(screen.getByText("No approval requests.")).toBeTruthy();
  });

  it("lets an approver approve or reject with the comment, and shows no recall", () => {
    const pending = { id: "r1", workflow: "discount", status: "pending", pendingForMe: true, canRecall: false };
    const act = show({ transitions: [], submit: [], approval: pending }, [request("pending", [])]);
    expect(screen.getByText("This record waits for your approval.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Recall request" })).toBeNull();
    fireEvent.change(screen.getByRole("textbox", { name: "Comment" }), { target: { value: "too deep" } });
    fireEvent.click(screen.getByRole("button", { name: "Reject" }));
    expect(act).toHaveBeenCalledWith("reject", { workflow: "discount", comment: "too deep" });
    fireEvent.click(screen.getByRole("button", { name: "Approve" }));
    expect(act).toHaveBeenLastCalledWith("approve", { workflow: "discount", comment: "too deep" });
  });

  it("lets the submitter recall, and offers nothing else", () => {
    const mine = { id: "r1", workflow: "discount", status: "pending", pendingForMe: false, canRecall: true };
    const act = show({ transitions: [], submit: [], approval: mine }, [request("pending", [])]);
    expect(screen.queryByRole("button", { name: "Approve" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Recall request" }));
    expect(act).toHaveBeenCalledWith("recall", { workflow: "discount" });
  });

  it("tells the timeline in words: people's names, the step's label, comments, the status", () => {
    show({ transitions: [], submit: [], approval: null }, [
      request("approved", [
        { at: AT, type: "submitted", user: "u1" },
        { at: AT, type: "activated", step: "mgr", detail: { approvers: ["u2"] } },
        { at: AT, type: "approved", user: "u2", step: "mgr", comment: "fine" },
      ]),
    ]);
    const panel = screen.getByTestId("approval");
    expect(within(panel).getByText("Discount approval")).toBeTruthy();
    expect(within(panel).getByTestId("approval-status").textContent).toBe("Approved");
    expect(panel.textContent).toContain("Li Lei asked for approval");
    expect(panel.textContent).toContain("Step “Manager” is waiting for Wang Fang");
    expect(panel.textContent).toContain("Wang Fang approved “Manager”");
    expect(panel.textContent).toContain("“fine”");
  });

  it("speaks Chinese with the schema's Chinese labels", () => {
    show(
      { transitions: [], submit: [], approval: null },
      [request("rejected", [{ at: AT, type: "rejected", user: "u2", step: "mgr", comment: "不行" }])],
      "zh-CN",
    );
    const panel = screen.getByTestId("approval");
    expect(within(panel).getByText("折扣审批")).toBeTruthy();
    expect(within(panel).getByTestId("approval-status").textContent).toBe("已驳回");
    expect(panel.textContent).toContain("Wang Fang 在“经理”驳回");
  });
});
