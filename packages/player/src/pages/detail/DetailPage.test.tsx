// @vitest-environment happy-dom
import type { Locale, MemorySource, MemoryUser } from "@plinth/runtime";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { manager, pipelineApp, rep } from "../testing/pipelineApp.js";
import { pipelineSource, renderPage } from "../testing/renderPage.js";
import { RecordDetail } from "./DetailPage.js";

/** A fixed calendar day, so close dates read the same on every run. */
const TODAY = new Date(2026, 5, 30);

let asRep: MemorySource;

beforeEach(() => {
  asRep = pipelineSource(rep, TODAY);
});
afterEach(cleanup);

async function showRecord(id: string, user: MemoryUser = rep, locale: Locale = "en") {
  const source = user.id === rep.id ? asRep : asRep.as(user.id);
  const shown = renderPage(<RecordDetail app={pipelineApp} entity="opportunity" id={id} />, { source, user, locale });
  await screen.findByTestId("record-detail");
  return shown;
}

/** The value shown beside a field's label in the record's description list. */
function shownValue(label: string): string | null {
  const cell = screen
    .getAllByText(label, { selector: "th, th *" })
    .map((el) => el.closest("th"))
    .find((th) => th?.textContent === label);
  if (!cell) throw new Error(`no field labelled "${label}"`);
  return cell.nextElementSibling?.textContent ?? null;
}

/** The card of record actions (its title is "Actions", or "操作" in Chinese). */
const actionsCard = (title = "Actions") => screen.getByText(title).closest(".ant-card") as HTMLElement;
const actionButtons = (title?: string) =>
  within(actionsCard(title))
    .queryAllByRole("button")
    .map((b) => b.textContent);
const historyRows = () =>
  within(screen.getByTestId("stage-history"))
    .getAllByRole("row")
    .slice(1)
    .map((row) =>
      within(row)
        .queryAllByRole("cell")
        .slice(1)
        .map((cell) => cell.textContent),
    );

describe("RecordDetail", () => {
  it("offers Edit only where the user may update the record", async () => {
    await showRecord("o-1");
    expect(screen.getByRole("button", { name: /Edit/ })).toBeTruthy();
    cleanup();
    // Reps read accounts but may not change them.
    renderPage(<RecordDetail app={pipelineApp} entity="account" id="a-1" />, { source: asRep, user: rep });
    await screen.findByTestId("record-detail");
    expect(screen.queryByRole("button", { name: /Edit/ })).toBeNull();
  });

  it("shows the record's fields with their labels and formatted values", async () => {
    const { navigate } = await showRecord("o-3");
    expect(screen.getByRole("heading", { level: 3, name: "Gamma" })).toBeTruthy();
    expect(shownValue("Name")).toBe("Gamma");
    expect(shownValue("Region")).toBe("North");
    expect(shownValue("Amount")).toBe("CN¥3,000.00");
    expect(shownValue("Stage")).toBe("Proposal");
    expect(shownValue("Close date")).toBe("2026-06-30");
    expect(shownValue("Discount")).toBe("0%");
    expect(shownValue("Discount approval")).toBe("Not submitted");
    // Relations and people by name, once their titles have loaded.
    await waitFor(() => expect(shownValue("Account")).toBe("Globex"));
    await waitFor(() => expect(shownValue("Owner")).toBe("Rita Rep"));

    // The button's name is its icon's label and its text.
    fireEvent.click(screen.getByRole("button", { name: "edit Edit" }));
    expect(navigate).toHaveBeenCalledWith({
      kind: "record",
      appId: "pipe",
      entity: "opportunity",
      id: "o-3",
      mode: "edit",
    });
  });

  it("offers the transitions from the record's stage; taking one changes the stage and adds to the history", async () => {
    await showRecord("o-1");
    expect(shownValue("Stage")).toBe("Prospecting");
    expect(actionButtons()).toEqual(["Qualify", "Mark lost"]);
    expect(within(screen.getByTestId("stage-history")).getByText("No stage changes yet.")).toBeTruthy();

    fireEvent.click(within(actionsCard()).getByRole("button", { name: "Qualify" }));
    await waitFor(() => expect(shownValue("Stage")).toBe("Qualification"));
    expect(actionButtons()).toEqual(["Send proposal", "Mark lost"]);
    expect(historyRows()).toEqual([["Qualify", "Prospecting", "Qualification", "Rita Rep"]]);
    expect((await asRep.get("opportunity", "o-1")).stage).toBe("qualification");
  });

  it("shows why a transition was refused and leaves the stage as it was", async () => {
    await showRecord("o-2");
    fireEvent.click(within(actionsCard()).getByRole("button", { name: "Send proposal" }));
    const alert = await within(actionsCard()).findByRole("alert");
    expect(alert.textContent).toContain("Enter an amount before sending a proposal");
    expect(shownValue("Stage")).toBe("Qualification");
    expect((await asRep.get("opportunity", "o-2")).stage).toBe("qualification");
  });

  it("lets the owner ask for approval and the approver approve it with a comment", async () => {
    const record = await asRep.get("opportunity", "o-3");
    await asRep.update("opportunity", "o-3", Number(record.version), { discount: 15 });

    await showRecord("o-3");
    fireEvent.click(screen.getByRole("button", { name: "Ask for approval: Discount approval" }));
    await waitFor(() => expect(shownValue("Discount approval")).toBe("Pending"));
    expect(within(screen.getByTestId("approval")).getByTestId("approval-status").textContent).toBe("Pending");
    expect(screen.queryByRole("button", { name: "Approve" })).toBeNull();
    cleanup();

    await showRecord("o-3", manager);
    expect(screen.getByText("This record waits for your approval.")).toBeTruthy();
    fireEvent.change(screen.getByRole("textbox", { name: "Comment" }), { target: { value: "ok this once" } });
    fireEvent.click(screen.getByRole("button", { name: "Approve" }));
    await waitFor(() => expect(shownValue("Discount approval")).toBe("Approved"));
    const panel = screen.getByTestId("approval");
    expect(within(panel).getByTestId("approval-status").textContent).toBe("Approved");
    expect(panel.textContent).toContain("Rita Rep asked for approval");
    expect(panel.textContent).toContain("Mona Manager approved “Manager”");
    expect(panel.textContent).toContain("“ok this once”");
    expect(screen.queryByRole("button", { name: "Approve" })).toBeNull();
    // Rita hears of it in her inbox.
    const { notifications } = await asRep.inbox();
    expect(notifications.map((n) => n.message.en)).toEqual(["Your request 'Discount approval' was approved."]);
  });

  it("speaks Chinese: the schema's Chinese labels, values and transitions", async () => {
    await showRecord("o-3", rep, "zh-CN");
    expect(shownValue("金额")).toBe("¥3,000.00");
    expect(shownValue("阶段")).toBe("方案报价");
    expect(shownValue("区域")).toBe("华北");
    expect(actionButtons("操作")).toEqual(["赢单", "输单"]);
    fireEvent.click(within(actionsCard("操作")).getByRole("button", { name: "赢单" }));
    await waitFor(() => expect(shownValue("阶段")).toBe("赢单"));
    expect(within(actionsCard("操作")).getByText("没有可用的操作。")).toBeTruthy();
  });
});
