import type { App, InboxApproval, SourceNotification } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { recordRoutePath } from "../detail/recordRoute.js";
import { activeStepLabels, byNewest, notificationText, recordRoute, workflowLabel } from "./model.js";
import { inboxStrings } from "./strings.js";

const approval = {
  id: "a1",
  workflow: "wf",
  entity: "deal",
  recordId: "r 1",
  updatedAt: "2024-01-02T00:00:00Z",
  state: {
    workflow: "wf",
    definition: {
      id: "wf",
      label: { en: "Deal approval", "zh-CN": "交易审批" },
      steps: [
        { id: "s1", label: { en: "Manager", "zh-CN": "经理" } },
        { id: "s2", label: { en: "Finance", "zh-CN": "财务" } },
      ],
    },
    status: "pending",
    round: 1,
    submitter: "u1",
    submittedAt: "2024-01-01T00:00:00Z",
    steps: [
      { id: "s1", status: "approved" },
      { id: "s2", status: "active" },
    ],
    timeline: [],
  },
} as unknown as InboxApproval;

describe("inbox model", () => {
  it("links to the record's detail page", () => {
    expect(recordRoutePath(recordRoute("crm", "deal", "r 1"))).toBe("/apps/crm/record/deal/r%201");
  });

  it("labels the workflow and the active step in the locale", () => {
    const app = { id: "crm", workflows: [] } as unknown as App;
    expect(workflowLabel(app, approval, "zh-CN")).toBe("交易审批");
    expect(activeStepLabels(approval, "en")).toEqual(["Finance"]);
    expect(activeStepLabels(approval, "zh-CN")).toEqual(["财务"]);
  });

  it("shows the message in the locale, English as the fallback", () => {
    const n = { message: { en: "Hi" } } as unknown as SourceNotification;
    expect(notificationText(n, "zh-CN")).toBe("Hi");
    expect(notificationText({ message: { en: "Hi", "zh-CN": "你好" } } as SourceNotification, "zh-CN")).toBe("你好");
  });

  it("sorts newest first", () => {
    expect(byNewest([{ at: "2024-01-01" }, { at: "2024-02-01" }], (x) => x.at).map((x) => x.at)).toEqual([
      "2024-02-01",
      "2024-01-01",
    ]);
  });

  it("has the same keys in both languages", () => {
    expect(Object.keys(inboxStrings["zh-CN"].inbox).sort()).toEqual(Object.keys(inboxStrings.en.inbox).sort());
  });
});
