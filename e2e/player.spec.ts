import { expect, type Page, type Response, test } from "@playwright/test";

/** Set E2E_SCREENSHOT_DIR to keep screenshots of the table page in both languages. */
const screenshotDir = process.env.E2E_SCREENSHOT_DIR;

const isList = (query: string) => (response: Response) =>
  response.url().includes("/api/apps/starter/data/opportunity?") && response.url().includes(query);

/** Amounts shown in the Amount column of the rendered rows ("CN¥995,730.00" → 995730). */
async function amounts(page: Page): Promise<number[]> {
  const index = await page
    .locator(".plinth-grid-head [role=columnheader]")
    .evaluateAll((ths) => ths.findIndex((th) => /Amount|金额/.test(th.textContent ?? "")));
  const texts = await page
    .locator(`.plinth-grid-body [data-row-id] [role=cell]:nth-child(${index + 1})`)
    .allInnerTexts();
  return texts.map((t) => Number(t.replace(/[^\d.-]/g, "")));
}

/**
 * Load every row: click "Load more" until the server has no next page; returns the number of
 * rows loaded. A virtual table also asks for the next page by itself near the end of the loaded
 * rows, so the button may be busy or gone by the time it is clicked: each round waits for the
 * count to move, whoever asked.
 */
async function loadAll(page: Page): Promise<number> {
  const more = page.getByRole("button", { name: /Load more|加载更多/ });
  const count = page.getByTestId("row-count");
  const allLoaded = /all loaded|已全部加载/;
  for (let before = (await count.textContent()) ?? ""; !allLoaded.test(before); ) {
    await more.click({ timeout: 2000 }).catch(() => undefined);
    await expect(count).not.toHaveText(before);
    before = (await count.textContent()) ?? "";
  }
  await expect(count).toContainText(allLoaded);
  return Number(/\d+/.exec((await count.textContent()) ?? "")?.[0]);
}

test("manager.east signs in, sorts, filters, switches to Chinese and signs out", async ({ page }) => {
  const offsite: string[] = [];
  const consoleErrors: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["127.0.0.1", "localhost"].includes(url.hostname) && url.protocol !== "data:") offsite.push(request.url());
  });
  page.on("console", (message) => {
    // The browser logs every 4xx answer; the expected ones (no session yet, a wrong password, a wrong
    // formula) are checked on screen, so only script errors count here.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      consoleErrors.push(message.text());
    }
  });

  // Sign in: first a wrong password (the server's message), then the right one.
  await page.goto("/");
  await expect(page).toHaveURL(/\/apps\/$/);
  await expect(page.getByRole("heading", { name: "Sign in to Plinth" })).toBeVisible();
  await page.getByLabel("User name").fill("manager.east");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("The user name or password is wrong.");
  await page.getByLabel("Password").fill("demo");
  await page.getByRole("button", { name: "Sign in" }).click();

  // The app list, then the starter app: it opens on its first navigation page, the opportunities table.
  await page.getByRole("link", { name: "Sales starter" }).click();
  await expect(page).toHaveURL(/\/apps\/starter\/opportunities$/);
  await expect(page.getByRole("heading", { name: "Opportunities" })).toBeVisible();
  for (const name of ["Opportunities", "Pipeline", "Forecast"]) {
    await expect(page.getByRole("menuitem", { name })).toBeVisible();
  }
  for (const header of ["Number", "Name", "Account", "Stage", "Amount", "Close date"]) {
    await expect(page.getByRole("columnheader", { name: header })).toBeVisible();
  }
  await expect(page.locator(".plinth-grid-body [data-row-id]").first()).toBeVisible();

  // Rows of region east only: the API (same session) says so, and the UI shows none outside east.
  const api = await page.request.get("/api/apps/starter/data/opportunity?limit=500&fields=region");
  const visible = ((await api.json()) as { records: { region: string }[] }).records;
  expect(visible.length).toBeGreaterThan(0);
  expect(new Set(visible.map((r) => r.region))).toEqual(new Set(["east"]));
  expect(await loadAll(page)).toBe(visible.length);
  await page.getByLabel("Filter").fill("region <> 'east'");
  await Promise.all([page.waitForResponse(isList("filter=")), page.getByRole("button", { name: "Apply" }).click()]);
  await expect(page.getByText("No records.")).toBeVisible();
  await expect(page.getByTestId("row-count")).toContainText("0 rows loaded");
  await page.getByRole("button", { name: "Clear" }).click();
  await expect(page.locator(".plinth-grid-body [data-row-id]").first()).toBeVisible();

  // Sort by amount on the server: first click ascending, second descending.
  const amountHeader = page.getByRole("columnheader", { name: "Amount" });
  await Promise.all([page.waitForResponse(isList("sort=amount")), amountHeader.getByRole("button").click()]);
  await expect(amountHeader).toHaveAttribute("aria-sort", "ascending");
  const ascending = await amounts(page);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await Promise.all([page.waitForResponse(isList("sort=-amount")), amountHeader.getByRole("button").click()]);
  await expect(amountHeader).toHaveAttribute("aria-sort", "descending");
  const descending = await amounts(page);
  expect(descending.length).toBeGreaterThan(1);
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  expect(descending[0]).toBe(Math.max(...ascending, ...descending));

  // A wrong formula: the server's message under the filter box.
  await page.getByLabel("Filter").fill("amount >");
  await Promise.all([page.waitForResponse(isList("filter=")), page.getByRole("button", { name: "Apply" }).click()]);
  await expect(page.getByTestId("filter-error")).toContainText("Expected a value but found the end of the formula");

  // amount > 500000: fewer rows, each above the limit.
  await page.getByLabel("Filter").fill("amount > 500000");
  await Promise.all([page.waitForResponse(isList("filter=")), page.getByRole("button", { name: "Apply" }).click()]);
  await expect(page.getByTestId("filter-error")).toHaveCount(0);
  const filtered = await loadAll(page);
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(visible.length);
  for (const amount of await amounts(page)) expect(amount).toBeGreaterThan(500000);
  await page.locator(".plinth-grid-scroll").evaluate((el) => el.scrollTo(0, 0));
  if (screenshotDir) await page.screenshot({ path: `${screenshotDir}/player-table-en.png` });

  // 中文: the chrome through i18next, the schema's labels in zh-CN.
  await page.getByText("中文", { exact: true }).click();
  await expect(page.getByRole("heading", { name: "商机" })).toBeVisible();
  for (const header of ["编号", "名称", "客户", "阶段", "金额", "预计成交日期"]) {
    await expect(page.getByRole("columnheader", { name: header })).toBeVisible();
  }
  await expect(page.getByRole("menuitem", { name: "销售管道" })).toBeVisible();
  await expect(page.getByRole("button", { name: "应用" })).toBeVisible();
  await expect(page.getByTestId("row-count")).toContainText(`已加载 ${filtered} 行`);
  await expect(
    page
      .locator(".plinth-grid-body")
      .getByText(/潜在客户|资格确认|方案报价|商务谈判|赢单|输单/)
      .first(),
  ).toBeVisible();
  await expect(page.getByText("销售入门")).toBeVisible();
  if (screenshotDir) await page.screenshot({ path: `${screenshotDir}/player-table-zh.png` });

  // Another page kind: the kanban page, its columns labelled in Chinese.
  await page.getByRole("menuitem", { name: "销售管道" }).click();
  await expect(page).toHaveURL(/\/apps\/starter\/pipeline$/);
  await expect(page.getByRole("heading", { name: "销售管道" })).toBeVisible();
  await expect(page.locator('[data-testid="kanban-column"][data-column="prospecting"]')).toContainText("潜在客户");

  // Sign out: back to the sign-in page, and the session is gone on reload.
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page.getByRole("heading", { name: "登录 Plinth" })).toBeVisible();
  await page.goto("/apps/starter/opportunities");
  await expect(page.getByRole("heading", { name: "登录 Plinth" })).toBeVisible();
  expect((await page.request.get("/api/auth/me")).status()).toBe(401);

  expect(offsite).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
