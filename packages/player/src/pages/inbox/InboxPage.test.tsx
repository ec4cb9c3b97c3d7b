// @vitest-environment happy-dom
import type { Locale, MemorySource, MemoryUser } from "@plinth/runtime";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { approvalsPage, manager, pipelineApp, rep } from "../testing/pipelineApp.js";
import { pipelineSource, renderPage } from "../testing/renderPage.js";
import { InboxPage } from "./InboxPage.js";

let asRep: MemorySource;
let asManager: MemorySource;

/** Rita asks for a discount on a deal of hers (the approval's entry criteria want one above 0). */
async function askForDiscount(id: string, discount: number) {
  const record = await asRep.get("opportunity", id);
  await asRep.update("opportunity", id, Number(record.version), { discount });
  await asRep.action("opportunity", id, "submit", { workflow: "discount_approval" });
}

beforeEach(async () => {
  asRep = pipelineSource(rep);
  asManager = asRep.as(manager.id);
  // Alpha waits for Mona; Mona approved Gamma and rejected Beta, which notifies Rita (the submitter).
  await askForDiscount("o-3", 5);
  await asManager.action("opportunity", "o-3", "approve", { workflow: "discount_approval", comment: "fine" });
  await askForDiscount("o-2", 30);
  await asManager.action("opportunity", "o-2", "reject", { workflow: "discount_approval", comment: "too deep" });
  await askForDiscount("o-1", 10);
});
afterEach(cleanup);

async function showInbox(source: MemorySource, user: MemoryUser, locale: Locale = "en") {
  const shown = renderPage(<InboxPage app={pipelineApp} page={approvalsPage} source={source} />, {
    source,
    user,
    locale,
  });
  await screen.findByTestId("inbox");
  return shown;
}

const card = (testId: string) => screen.getByTestId(testId);
const bodyRows = (testId: string) =>
  within(card(testId))
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("cell"));
const unreadMarks = () => within(card("inbox-notifications")).queryAllByText("unread");

describe("InboxPage", () => {
  it("lists the approvals waiting for an approver with the record's title, the step and the submitter", async () => {
    const { navigate } = await showInbox(asManager, manager);
    const rows = bodyRows("inbox-approvals");
    expect(rows).toHaveLength(1);
    const [record, workflow, step, submitted] = rows[0] ?? [];
    expect(record?.textContent).toBe("Opportunity · Alpha");
    expect(workflow?.textContent).toBe("Discount approval");
    expect(step?.textContent).toBe("Manager");
    expect(submitted?.textContent).toMatch(/ by Rita Rep$/);
    expect(within(card("inbox-approvals")).getByText("1 item")).toBeTruthy();

    // The record's link opens its detail page, where the approve button is.
    fireEvent.click(within(card("inbox-approvals")).getByRole("link", { name: "Opportunity · Alpha" }));
    expect(navigate).toHaveBeenCalledWith({
      kind: "record",
      appId: "pipe",
      entity: "opportunity",
      id: "o-1",
      mode: "view",
    });
  });

  it("shows the user's notifications newest first with unread marks, and 'Mark all read' clears them", async () => {
    await showInbox(asRep, rep);
    expect(within(card("inbox-approvals")).getByText("Nothing is waiting for your approval.")).toBeTruthy();
    expect(bodyRows("inbox-notifications").map(([message]) => message?.textContent)).toEqual([
      "Your request 'Discount approval' was rejected at step 'Manager': too deep unread",
      "Your request 'Discount approval' was approved. unread",
    ]);
    expect(unreadMarks()).toHaveLength(2);

    fireEvent.click(screen.getByRole("button", { name: "Mark all read" }));
    await waitFor(() => expect(unreadMarks()).toHaveLength(0));
    expect(screen.queryByRole("button", { name: "Mark all read" })).toBeNull();
    expect(bodyRows("inbox-notifications").map(([message]) => message?.textContent)).toEqual([
      "Your request 'Discount approval' was rejected at step 'Manager': too deep",
      "Your request 'Discount approval' was approved.",
    ]);
    // Read on the data source too: a new load of the inbox has nothing unread.
    const { notifications } = await asRep.inbox();
    expect(notifications.map((n) => n.readAt !== null)).toEqual([true, true]);
  });

  it("marks a notification read when its record is opened from it", async () => {
    const { navigate } = await showInbox(asRep, rep);
    fireEvent.click(screen.getByRole("link", { name: "Your request 'Discount approval' was approved." }));
    expect(navigate).toHaveBeenCalledWith({
      kind: "record",
      appId: "pipe",
      entity: "opportunity",
      id: "o-3",
      mode: "view",
    });
    await waitFor(() => expect(unreadMarks()).toHaveLength(1));
    const { notifications } = await asRep.inbox();
    expect(notifications.map((n) => [n.recordId, n.readAt !== null])).toEqual([
      ["o-2", false],
      ["o-3", true],
    ]);
  });

  it("speaks Chinese: headings, the schema's Chinese labels, the messages and 'mark all read'", async () => {
    await showInbox(asManager, manager, "zh-CN");
    expect(screen.getByText("待我审批")).toBeTruthy();
    const [record, workflow, step, submitted] = bodyRows("inbox-approvals")[0] ?? [];
    expect(record?.textContent).toBe("商机 · Alpha");
    expect(workflow?.textContent).toBe("折扣审批");
    expect(step?.textContent).toBe("经理");
    expect(submitted?.textContent).toMatch(/^Rita Rep 于 .+ 提交$/);
    cleanup();

    await showInbox(asRep, rep, "zh-CN");
    expect(bodyRows("inbox-notifications").map(([message]) => message?.textContent)).toEqual([
      "您的申请“折扣审批”在步骤“经理”被驳回：too deep 未读",
      "您的申请“折扣审批”已获批准。 未读",
    ]);
    fireEvent.click(screen.getByRole("button", { name: "全部标为已读" }));
    await waitFor(() => expect(within(card("inbox-notifications")).queryAllByText("未读")).toHaveLength(0));
  });
});
