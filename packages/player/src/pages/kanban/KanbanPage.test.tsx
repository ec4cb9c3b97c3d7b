// @vitest-environment happy-dom
import type { Locale, MemorySource } from "@plinth/runtime";
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { layOutBoard } from "../testing/boardLayout.js";
import { pipelineApp, pipelinePage, rep } from "../testing/pipelineApp.js";
import { pipelineSource, renderPage } from "../testing/renderPage.js";
import { KanbanPage } from "./KanbanPage.js";

let source: MemorySource;
let restoreLayout: () => void;

beforeEach(() => {
  source = pipelineSource(rep);
  restoreLayout = layOutBoard();
});
afterEach(() => {
  cleanup();
  restoreLayout();
});

async function showBoard(locale: Locale = "en") {
  renderPage(<KanbanPage app={pipelineApp} page={pipelinePage} source={source} />, { source, user: rep, locale });
  // Rita's four opportunities are on the board once the columns have loaded.
  await waitFor(() => expect(screen.getAllByTestId("kanban-card")).toHaveLength(4));
}

const column = (label: string) => screen.getByRole("region", { name: label });
const titlesIn = (label: string) =>
  within(column(label))
    .queryAllByTestId("kanban-card")
    .map((card) => card.querySelector(".plinth-kanban-card-title")?.textContent);
const totalOf = (label: string) => within(column(label)).getByTestId("kanban-total").textContent;
const card = (title: string) => {
  const found = screen.getAllByTestId("kanban-card").find((c) => c.textContent?.startsWith(title));
  if (!found) throw new Error(`no card "${title}"`);
  return found;
};

const announced = () => screen.getByRole("status").textContent;

/**
 * Focus a card and move it one column to the right with dnd-kit's keyboard sensor, as a person
 * does: Space lifts it, ArrowRight carries it until the screen reader says it is over the next
 * column (`over`), Space drops it.
 */
async function moveRight(title: string, over: string) {
  const user = userEvent.setup();
  card(title).focus();
  await user.keyboard("[Space]");
  await user.keyboard("[ArrowRight]");
  await waitFor(() => expect(announced()).toBe(over));
  await user.keyboard("[Space]");
}

describe("KanbanPage", () => {
  it("shows one column per stage with the cards the user may see and each column's count and sum", async () => {
    await showBoard();
    expect(screen.getAllByRole("region").map((r) => r.getAttribute("aria-label"))).toEqual([
      "Prospecting",
      "Qualification",
      "Proposal",
      "Won",
      "Lost",
    ]);
    // Otto's Omega is outside Rita's row scope: neither a card nor in the totals.
    expect(titlesIn("Prospecting")).toEqual(["Alpha"]);
    expect(titlesIn("Qualification")).toEqual(["Beta"]);
    expect(titlesIn("Won")).toEqual(["Delta"]);
    await waitFor(() => expect(totalOf("Prospecting")).toBe("1 card · CN¥1,000.00"));
    expect(totalOf("Proposal")).toBe("1 card · CN¥3,000.00");
    expect(totalOf("Won")).toBe("1 card · CN¥5,000.00");
    expect(totalOf("Lost")).toBe("0 cards · CN¥0.00");
    expect(within(column("Lost")).getByText("No cards")).toBeTruthy();
    // The card's other fields, labelled.
    expect(within(card("Gamma")).getByText("Amount")).toBeTruthy();
    expect(within(card("Gamma")).getByText("CN¥3,000.00")).toBeTruthy();
    // Cards say how to move them with the keyboard.
    expect(card("Alpha").getAttribute("aria-roledescription")).toBe("draggable card");
    expect(card("Alpha").getAttribute("tabindex")).toBe("0");
  });

  it("moves a card with Space, ArrowRight, Space: the transition runs and the card and totals follow", async () => {
    await showBoard();
    await moveRight("Alpha", "“Alpha” is over Qualification.");

    await waitFor(() => expect(titlesIn("Qualification")).toEqual(["Alpha", "Beta"]));
    expect(titlesIn("Prospecting")).toEqual([]);
    expect(await screen.findByText("“Alpha” moved to Qualification.")).toBeTruthy();
    expect((await source.get("opportunity", "o-1")).stage).toBe("qualification");
    const history = await source.history("opportunity", "o-1");
    expect(history.map((h) => [h.transition, h.from, h.to])).toEqual([["qualify", "prospecting", "qualification"]]);
    await waitFor(() => expect(totalOf("Qualification")).toBe("2 cards · CN¥1,000.00"));
    expect(totalOf("Prospecting")).toBe("0 cards · CN¥0.00");
    expect(card("Alpha").getAttribute("aria-busy")).toBe("false");
  });

  it("puts the card back and says why when the transition's guard refuses the move", async () => {
    await showBoard();
    // Beta has no amount: "Send proposal" is guarded by amount > 0.
    await moveRight("Beta", "“Beta” is over Proposal.");

    expect(
      await screen.findByText("“Beta” stays in Qualification: Enter an amount before sending a proposal"),
    ).toBeTruthy();
    await waitFor(() => expect(titlesIn("Qualification")).toEqual(["Beta"]));
    expect(titlesIn("Proposal")).toEqual(["Gamma"]);
    expect((await source.get("opportunity", "o-2")).stage).toBe("qualification");
    expect(await source.history("opportunity", "o-2")).toEqual([]);
    expect(totalOf("Proposal")).toBe("1 card · CN¥3,000.00");
  });

  it("puts the card back when the workflow has no step between the two columns", async () => {
    await showBoard();
    // Won is final: nothing leads from it to Lost.
    await moveRight("Delta", "“Delta” is over Lost.");

    expect(
      await screen.findByText("“Delta” cannot move from Won to Lost: there is no such step in the workflow."),
    ).toBeTruthy();
    await waitFor(() => expect(titlesIn("Won")).toEqual(["Delta"]));
    expect(titlesIn("Lost")).toEqual([]);
    expect((await source.get("opportunity", "o-4")).stage).toBe("won");
  });

  it("speaks Chinese: the stages' Chinese labels, totals and the refusal", async () => {
    await showBoard("zh-CN");
    expect(screen.getAllByRole("region").map((r) => r.getAttribute("aria-label"))).toEqual([
      "潜在客户",
      "资格确认",
      "方案报价",
      "赢单",
      "输单",
    ]);
    await waitFor(() => expect(totalOf("潜在客户")).toBe("1 张卡片 · ¥1,000.00"));
    expect(within(column("输单")).getByText("没有卡片")).toBeTruthy();
    await moveRight("Beta", "“Beta”位于方案报价上方。");
    expect(await screen.findByText("“Beta”仍在资格确认：请先填写金额再提交方案")).toBeTruthy();
    await waitFor(() => expect(titlesIn("资格确认")).toEqual(["Beta"]));
  });
});
