import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { signIn } from "./signIn.js";

/** The Forecast page's "Pipeline by stage" query (packages/server/src/demo/starterApp.ts). */
const byStage = {
  entity: "opportunity",
  groupBy: [{ field: "stage" }],
  measures: [
    { id: "amount", aggregate: "sum", field: "amount" },
    { id: "deals", aggregate: "count" },
  ],
};

/** The total of a measure as the server's /query answers it (same session, CSRF token from /me). */
async function apiTotal(request: APIRequestContext, measure: string, filter?: string): Promise<number> {
  const me = (await (await request.get("/api/auth/me")).json()) as { csrfToken: string };
  const response = await request.post("/api/apps/starter/query", {
    data: filter ? { ...byStage, filter } : byStage,
    headers: { "x-csrf-token": me.csrfToken },
  });
  expect(response.ok()).toBe(true);
  const { rows } = (await response.json()) as { rows: Record<string, number>[] };
  return rows.reduce((sum, row) => sum + (row[measure] ?? 0), 0);
}

async function shownTotal(page: Page, measure: string): Promise<number> {
  const legend = page.getByTestId("widget-by_stage").getByTestId(`total-${measure}`);
  await expect(legend).toBeVisible();
  return Number(await legend.getAttribute("data-value"));
}

test("manager.east opens Forecast: charts, totals match /query, the period filter, 中文", async ({ page }) => {
  // A fixed "today" (the browser's): the period bounds are computed from it, so the numbers are stable.
  await page.clock.setFixedTime(new Date("2026-06-15T10:00:00"));
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) consoleErrors.push(m.text());
  });

  await signIn(page, "manager.east");
  await page.getByRole("menuitem", { name: "Forecast" }).click();
  await expect(page).toHaveURL(/\/apps\/starter\/forecast$/);
  await expect(page.getByRole("heading", { name: "Forecast" })).toBeVisible();

  // Both widgets render an ECharts canvas, with the HTML legend (measure labels and totals).
  const byStageCard = page.getByTestId("widget-by_stage");
  await expect(byStageCard.getByText("Pipeline by stage")).toBeVisible();
  await expect(byStageCard.locator("canvas").first()).toBeVisible();
  await expect(page.getByTestId("widget-won_by_month").locator("canvas").first()).toBeVisible();
  await expect(byStageCard.getByTestId("legend")).toContainText("Amount");
  await expect(byStageCard.getByTestId("total-deals")).toContainText("Count · Total");

  // The count the widget shows is the API's answer.
  const all = await apiTotal(page.request, "deals");
  expect(all).toBeGreaterThan(0);
  expect(await shownTotal(page, "deals")).toBe(all);
  await expect(byStageCard.getByTestId("total-deals")).toContainText(new Intl.NumberFormat("en-US").format(all));

  // Period: last 12 months up to 2026-06-15 → the server's numbers for that filter, fewer than all.
  await page.getByLabel("Period").click();
  await page.locator(".ant-select-item-option", { hasText: "Last 12 months" }).click();
  const last12 = await apiTotal(
    page.request,
    "deals",
    "close_date >= DATE(2025, 6, 16) AND close_date <= DATE(2026, 6, 15)",
  );
  expect(last12).toBeLessThan(all);
  await expect(byStageCard.getByTestId("total-deals")).toHaveAttribute("data-value", String(last12));
  await expect(byStageCard.getByTestId("total-amount")).toHaveAttribute(
    "data-value",
    String(
      await apiTotal(page.request, "amount", "close_date >= DATE(2025, 6, 16) AND close_date <= DATE(2026, 6, 15)"),
    ),
  );

  // 中文: widget titles from the schema, the dashboard's words from its strings.
  await page.getByText("中文", { exact: true }).click();
  await expect(page.getByRole("heading", { name: "预测" })).toBeVisible();
  await expect(byStageCard.getByText("各阶段管道")).toBeVisible();
  await expect(page.getByTestId("widget-won_by_month").getByText("每月赢单")).toBeVisible();
  await expect(byStageCard.getByTestId("total-deals")).toContainText("数量 · 合计");
  await expect(page.getByTestId("dashboard-filters")).toContainText("最近 12 个月");

  // Drill-down: the table page reads `?filter=` (what a click on a bar navigates to).
  await page.goto(`/apps/starter/opportunities?filter=${encodeURIComponent("stage = 'won'")}`);
  await expect(page.locator(".plinth-grid-body [data-row-id]").first()).toBeVisible();
  await expect(page.getByLabel("筛选")).toHaveValue("stage = 'won'");

  expect(consoleErrors).toEqual([]);
});

test("manager.east narrows Forecast to one owner, picked by name", async ({ page }) => {
  await signIn(page, "manager.east");
  await page.getByRole("menuitem", { name: "Forecast" }).click();

  // Six kinds of widget: KPIs, bar, line, funnel, pie and a table grouped by owner (names, not ids).
  const byOwner = page.getByTestId("widget-by_owner");
  await expect(byOwner.getByRole("row")).toHaveCount(3); // header + the two East owners
  await expect(byOwner).toContainText("Li Lei (rep, East)");
  await expect(byOwner).toContainText("Wang Fang (manager, East)");
  for (const id of ["open_pipeline", "weighted", "won_total", "funnel", "by_region"]) {
    await expect(page.getByTestId(`widget-${id}`)).toBeVisible();
  }

  await page.getByLabel("Owner").click();
  await page.locator(".ant-select-item-option", { hasText: "Li Lei (rep, East)" }).click();
  await expect(byOwner.getByRole("row")).toHaveCount(2);
  await expect(byOwner).toContainText("Li Lei (rep, East)");
  await expect(byOwner).not.toContainText("Wang Fang");
});
