import { readFile } from "node:fs/promises";
import { type APIRequestContext, expect, type Page, type Response, request, test } from "@playwright/test";

/** Set E2E_SCREENSHOT_DIR to keep screenshots of the table page. */
const screenshotDir = process.env.E2E_SCREENSHOT_DIR;

const isList = (query: string) => (response: Response) =>
  response.url().includes("/api/apps/starter/data/opportunity?") && response.url().includes(query);

interface Opportunity {
  id: string;
  name: string;
  amount: number | null;
  stage: string;
  discount_status: string | null;
}

/** A signed-in API client (cookie session plus the CSRF token on unsafe requests). */
async function apiAs(baseURL: string, username: string): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await request.newContext({ baseURL });
  const login = await api.post("/api/auth/login", { data: { username, password: "demo" } });
  expect(login.status()).toBe(200);
  return { api, csrf: ((await login.json()) as { csrfToken: string }).csrfToken };
}

/** Open the antd select labelled `label` and click the option titled `title`. */
async function pick(page: Page, label: string, title: string) {
  await page.getByRole("combobox", { name: label }).click();
  const option = page.locator(
    `.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${title}"]`,
  );
  await expect(option).toBeVisible();
  await option.click();
}

/** The numbers in the row count ("12 of 40 rows loaded · …"): loaded, and the total when shown. */
async function counts(page: Page): Promise<{ loaded: number; total: number | undefined }> {
  const text = (await page.getByTestId("row-count").textContent()) ?? "";
  const numbers = [...text.matchAll(/\d+/g)].map((m) => Number(m[0]));
  return { loaded: numbers[0] ?? 0, total: numbers[1] };
}

const FILTER = "amount > 500000 AND stage IN ('negotiation', 'proposal')";

test("rep.east filters with the builder, saves a view, edits a cell, exports and imports CSV", async ({
  page,
  baseURL,
}) => {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    // The browser logs every 4xx answer; the expected ones are checked on screen.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      consoleErrors.push(message.text());
    }
  });

  await page.goto("/");
  await page.getByLabel("User name").fill("rep.east");
  await page.getByLabel("Password").fill("demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Sales starter" }).click();
  await expect(page).toHaveURL(/\/apps\/starter\/opportunities$/);
  await expect(page.locator(".plinth-grid-body [data-row-id]").first()).toBeVisible();
  await expect(page.getByTestId("row-count")).toContainText(/\d+ of \d+ rows loaded/);
  const all = (await counts(page)).total as number;

  // What the server says the filter matches (same session, same row scope).
  const matching = async () => {
    const res = await page.request.get(
      `/api/apps/starter/data/opportunity?limit=500&filter=${encodeURIComponent(FILTER)}`,
    );
    return ((await res.json()) as { records: Opportunity[] }).records;
  };
  const expected = await matching();
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(all);

  // The filter builder, by keyboard where antd allows: rows that write the formula box.
  await page.getByRole("button", { name: "Build a filter" }).click();
  await page.getByRole("button", { name: "Add condition" }).click();
  const field1 = page.getByRole("combobox", { name: "Field of condition 1" });
  await field1.click();
  await page.keyboard.type("Amount");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("combobox", { name: "Operator of condition 1" })).toBeVisible();
  await pick(page, "Operator of condition 1", ">");
  await page.getByRole("textbox", { name: "Value of condition 1" }).fill("500000");
  const formula = page.getByRole("textbox", { name: "Filter", exact: true });
  await expect(formula).toHaveValue("amount > 500000");
  await page.getByRole("button", { name: "Add condition" }).click();
  await pick(page, "Field of condition 2", "Stage");
  await pick(page, "Value of condition 2", "Negotiation");
  await pick(page, "Value of condition 2", "Proposal");
  await page.keyboard.press("Escape");
  await expect(formula).toHaveValue(FILTER);
  await Promise.all([page.waitForResponse(isList("filter=")), page.getByRole("button", { name: "Apply" }).click()]);
  await expect(page.getByTestId("row-count")).toContainText(`of ${expected.length} rows loaded`);
  const stages = await page.locator(".plinth-grid-body [data-row-id] [role=cell]:nth-child(5)").allInnerTexts();
  expect(new Set(stages)).toEqual(new Set(stages.filter((s) => ["Negotiation", "Proposal"].includes(s))));

  // Columns: add Probability and move it before Amount.
  await page.getByRole("button", { name: "Columns", exact: true }).click();
  const chooser = page.getByRole("region", { name: "Choose columns" });
  await chooser.getByRole("checkbox", { name: "Show Probability" }).check();
  await chooser.getByRole("button", { name: "Move Probability up" }).click();
  await chooser.getByRole("button", { name: "Move Probability up" }).click();
  await page.getByRole("button", { name: "Columns", exact: true }).click();
  const headers = async () =>
    page.locator(".plinth-grid-head [role=columnheader]:not(.plinth-open-col)").allInnerTexts();
  expect((await headers()).map((h) => h.trim()).filter(Boolean)).toEqual([
    "Number",
    "Name",
    "Account",
    "Stage",
    "Probability",
    "Amount",
    "Close date",
  ]);

  // Save the view on the server, reload, and get it back.
  await expect(page.getByTestId("view-changed")).toBeVisible();
  await page.getByRole("button", { name: "Save view" }).click();
  await page.getByRole("textbox", { name: "View name" }).fill("Big late deals");
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/apps/starter/views") && r.request().method() === "POST"),
    page.keyboard.press("Enter"),
  ]);
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(page.getByTestId("view-changed")).toBeHidden();
  if (screenshotDir) await page.screenshot({ path: `${screenshotDir}/table-view-en.png` });

  await page.reload();
  await expect(page.locator(".plinth-grid-body [data-row-id]").first()).toBeVisible();
  await expect(formula).toHaveValue("");
  await pick(page, "View", "Big late deals");
  await expect(formula).toHaveValue(FILTER);
  await expect(page.getByTestId("row-count")).toContainText(`of ${expected.length} rows loaded`);
  expect((await headers()).map((h) => h.trim())).toContain("Probability");
  const views = await page.request.get("/api/apps/starter/views?page=opportunities");
  expect(((await views.json()) as { views: Array<{ name: string }> }).views.map((v) => v.name)).toEqual([
    "Big late deals",
  ]);
  // Another user does not see it.
  const { api: north } = await apiAs(baseURL as string, "rep.north");
  const theirs = await north.get("/api/apps/starter/views?page=opportunities");
  expect(((await theirs.json()) as { views: unknown[] }).views).toEqual([]);
  await north.dispose();

  // Inline edit of a record without a pending approval (those are locked while the approval runs).
  const target = expected.find((o) => o.discount_status !== "pending") as Opportunity;
  const nameCell = page.locator(`[data-row-id="${target.id}"] [data-cell="${target.id}:name"]`);
  await nameCell.dblclick();
  const editor = page.getByRole("textbox", { name: "Editing Name" });
  await expect(editor).toBeFocused();
  await editor.fill(`${target.name} (edited)`);
  const [saved] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/data/opportunity/${target.id}`) && r.request().method() === "PATCH"),
    page.keyboard.press("Enter"),
  ]);
  expect(saved.status()).toBe(200);
  await expect(nameCell).toHaveText(`${target.name} (edited)`);
  await expect(nameCell).toBeFocused();

  // By keyboard: Enter opens the amount, a negative amount gets the core's message, nothing is sent.
  const amountCell = page.locator(`[data-cell="${target.id}:amount"]`);
  let patched = false;
  page.on("request", (r) => {
    if (r.method() === "PATCH") patched = true;
  });
  await amountCell.focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("-5");
  await page.keyboard.press("Enter");
  await expect(amountCell.getByRole("alert")).toContainText(/Amount/);
  await page.keyboard.press("Escape");
  await expect(amountCell.getByRole("alert")).toHaveCount(0);
  expect(patched).toBe(false);

  // Export: the filtered rows as CSV, with progress; the file holds exactly those rows.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  await expect(page.getByTestId("export-progress")).toContainText(`Exported ${expected.length} rows`);
  const csv = await readFile((await download.path()) as string, "utf8");
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\n");
  expect(lines.length - 1).toBe(expected.length);
  expect(lines[0]).toContain("amount");
  expect(csv).toContain(`${target.name} (edited)`);
  expect(download.suggestedFilename()).toBe("starter-opportunity.csv");

  // Import: two good rows and a bad one, skipping the bad one; the errors name row, field and problem.
  const accounts = await page.request.get("/api/apps/starter/data/account?limit=1");
  const accountId = ((await accounts.json()) as { records: Array<{ id: string }> }).records[0]?.id;
  const upload = [
    "name,account,region,amount,stage,close_date",
    `Imported big one,${accountId},east,900000,negotiation,2027-01-31`,
    `Imported broken,${accountId},east,lots,negotiation,2027-01-31`,
    `Imported big two,${accountId},east,800000,proposal,2027-02-28`,
  ].join("\n");
  await page.getByRole("button", { name: "Import CSV" }).click();
  const dialog = page.getByRole("dialog", { name: "Import records from CSV" });
  await dialog
    .getByLabel("CSV file")
    .setInputFiles({ name: "deals.csv", mimeType: "text/csv", buffer: Buffer.from(upload) });
  await dialog.getByRole("radio", { name: "skip that row, import the rest" }).check();
  await Promise.all([
    page.waitForResponse(isList("filter=")), // the table reloads after the import
    dialog.getByRole("button", { name: "Import" }).click(),
  ]);
  await expect(dialog.getByTestId("import-result")).toContainText("Imported 2 of 3 rows.");
  const errorRow = dialog.locator("table tbody tr");
  await expect(errorRow).toHaveCount(1);
  await expect(errorRow).toContainText("3");
  await expect(errorRow).toContainText("Amount");
  if (screenshotDir) await page.screenshot({ path: `${screenshotDir}/table-import-en.png` });
  await dialog.locator(".ant-modal-footer").getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("row-count")).toContainText(`of ${expected.length + 2} rows loaded`);
  await expect(page.getByRole("cell", { name: "Imported big one", exact: true })).toBeVisible();

  // 中文: the toolbar, the builder and the count.
  await page.getByText("中文", { exact: true }).click();
  await expect(page.getByRole("button", { name: "构建筛选条件" })).toBeVisible();
  await expect(page.getByRole("button", { name: "导出 CSV" })).toBeVisible();
  await expect(page.getByRole("button", { name: "列" })).toBeVisible();
  await expect(page.getByTestId("row-count")).toContainText(`共 ${expected.length + 2} 行`);
  await page.getByRole("button", { name: "构建筛选条件" }).click();
  await expect(page.getByRole("region", { name: "条件构建器" })).toContainText("是其中之一");
  if (screenshotDir) await page.screenshot({ path: `${screenshotDir}/table-zh.png` });

  expect(consoleErrors).toEqual([]);
});

test("scrolling near the end of the loaded rows loads the next page, until all are loaded", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("User name").fill("admin");
  await page.getByLabel("Password").fill("demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Sales starter" }).click();
  await expect(page.getByTestId("row-count")).toContainText(/50 of \d+ rows loaded/);
  const total = (await counts(page)).total as number;
  expect(total).toBeGreaterThan(150);
  const scroller = page.locator(".plinth-grid-scroll");
  // Scroll only: the Load more button is never clicked.
  while ((await counts(page)).loaded < total) {
    const before = (await counts(page)).loaded;
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(async () => (await counts(page)).loaded).toBeGreaterThan(before);
  }
  await expect(page.getByTestId("row-count")).toContainText(`${total} of ${total} rows loaded · all loaded`);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
  await expect(page.locator(".plinth-grid")).toHaveAttribute("aria-rowcount", String(total + 1));
  // A virtual table keeps the column widths its first rows had: rows scrolling past never move
  // the columns sideways.
  await expect(page.locator(".plinth-grid")).toHaveAttribute("data-widths", "fixed");
  const headerWidths = () =>
    page
      .locator(".plinth-grid-head [role=columnheader]")
      .evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().width));
  const widthsAtTop = await headerWidths();
  // Virtual rows are positioned divs, reused as the view moves: after scrolling back up through
  // the middle, every row's id, open button and cells still belong to one record, the rows are in
  // the DOM in the order they are seen (for the keyboard and screen readers), one row height
  // apart, and each says where it is among all rows.
  const headers = await page.locator(".plinth-grid-head [role=columnheader]").allInnerTexts();
  const nameColumn = headers.findIndex((h) => h.trim() === "Name");
  expect(nameColumn).toBeGreaterThan(0);
  const seen: string[][] = [];
  for (const fraction of [0.5, 0.2]) {
    await scroller.evaluate((el, f) => el.scrollTo(0, el.scrollHeight * f), fraction);
    await page.waitForTimeout(100);
    const rows = await page.locator(".plinth-grid-body [data-row-id]").evaluateAll(
      (trs, column) =>
        trs.map((tr) => ({
          id: (tr as HTMLElement).dataset.rowId,
          open: tr.querySelector("button.plinth-open-row")?.getAttribute("aria-label"),
          name: tr.children[column]?.textContent,
          rowIndex: Number(tr.getAttribute("aria-rowindex")),
          top: tr.getBoundingClientRect().top,
        })),
      nameColumn,
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    for (const row of rows) expect(row.open).toBe(`Open ${row.name}`);
    rows.forEach((row, i) => {
      if (i === 0) return;
      expect(row.rowIndex).toBe((rows[0]?.rowIndex ?? 0) + i);
      expect(row.top - (rows[0]?.top ?? 0)).toBeCloseTo(i * 41, 0);
    });
    seen.push(rows.map((r) => String(r.id)));
    expect(await headerWidths()).toEqual(widthsAtTop);
  }
  expect(seen[1]?.filter((id) => seen[0]?.includes(id))).toEqual([]);

  // Editing in place works in the positioned rows too: by double-click and by keyboard, and
  // Escape leaves the cell as it was, with the keyboard on it.
  const rowId = seen[1]?.[6] as string;
  const nameCell = page.locator(`[data-row-id="${rowId}"] [data-cell="${rowId}:name"]`);
  const name = await nameCell.textContent();
  await nameCell.dblclick();
  const editor = page.getByRole("textbox", { name: "Editing Name" });
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue(name ?? "");
  await page.keyboard.press("Escape");
  await expect(nameCell).toHaveText(name ?? "");
  await expect(nameCell).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(editor).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(nameCell).toBeFocused();

  // Every row's cells line up under the header's, also once a wider window gives the columns
  // more room (they share it; none gets narrower than it was).
  const edges = (selector: string) =>
    page
      .locator(selector)
      .evaluateAll((cells) => cells.map((c) => [c.getBoundingClientRect().left, c.getBoundingClientRect().width]));
  const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
  for (const width of [viewport.width, viewport.width + 240]) {
    await page.setViewportSize({ width, height: viewport.height });
    const head = await edges(".plinth-grid-head [role=columnheader]");
    const row = await edges(`[data-row-id="${rowId}"] > [role=cell]`);
    expect(row.map(([left, w]) => [Math.round(left ?? 0), Math.round(w ?? 0)])).toEqual(
      head.map(([left, w]) => [Math.round(left ?? 0), Math.round(w ?? 0)]),
    );
    if (width > viewport.width)
      head.forEach(([, w], i) => expect(w).toBeGreaterThanOrEqual((widthsAtTop[i] ?? 0) - 0.5));
  }
  await page.setViewportSize(viewport);
});
