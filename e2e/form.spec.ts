import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./signIn.js";

/** Open the select labelled `label` and choose the option with `text` (the first one when omitted). */
async function choose(page: Page, label: string, text?: string) {
  const control = page.getByRole("combobox", { name: label });
  await control.click();
  const options = page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option");
  const option = text ? options.filter({ hasText: text }).first() : options.first();
  await expect(option).toBeVisible();
  await option.click();
}

test("rep.east creates an opportunity, qualifies it, edits it, and reads it in Chinese", async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      consoleErrors.push(message.text());
    }
  });
  const name = `E2E deal ${Date.now()}`;

  await signIn(page, "rep.east");
  await expect(page).toHaveURL(/\/apps\/starter\/opportunities$/);

  // New: the default form of the opportunity entity (the starter schema has no form page).
  await page.getByRole("button", { name: "New" }).click();
  await expect(page).toHaveURL(/\/apps\/starter\/new\/opportunity$/);
  await expect(page.getByRole("heading", { name: "New Opportunity" })).toBeVisible();

  // Saving with the name blank: the core's required message under the field, nothing sent.
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Name is required. Fill it in.")).toBeVisible();
  await expect(page).toHaveURL(/\/new\/opportunity$/);

  await page.getByLabel("Name").fill(name);
  await expect(page.getByText("Name is required. Fill it in.")).toBeHidden();
  await choose(page, "Account");
  await choose(page, "Region", "East");
  await page.getByLabel("Close date").fill("2027-03-31");
  await page.getByLabel("Amount").fill("120000");
  await page.getByRole("button", { name: "Save" }).click();

  // The detail page of the new record.
  await expect(page).toHaveURL(/\/apps\/starter\/record\/opportunity\/[^/]+$/);
  const detail = page.getByTestId("record-detail");
  await expect(detail.getByRole("heading", { name })).toBeVisible();
  await expect(detail.locator('[data-field="stage"]')).toHaveText("Prospecting");
  await expect(detail.locator('[data-field="amount"]')).toContainText("120,000");
  const history = page.getByTestId("stage-history");
  await expect(history.locator("tbody tr.ant-table-row")).toHaveCount(0);

  // "lose" needs a loss reason: the core refuses, and says which field is missing.
  await detail.locator('[data-action="lose"]').click();
  await expect(detail.getByRole("alert")).toContainText("lost_reason");
  await expect(detail.locator('[data-field="stage"]')).toHaveText("Prospecting");

  // The "qualify" transition: the stage changes and the history gets a row.
  await detail.locator('[data-action="qualify"]').click();
  await expect(detail.locator('[data-field="stage"]')).toHaveText("Qualification");
  const rows = history.locator("tbody tr.ant-table-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Prospecting");
  await expect(rows.first()).toContainText("Qualification");

  // Edit the amount.
  await detail.getByRole("button", { name: "Edit" }).click();
  await expect(page).toHaveURL(/\/record\/opportunity\/[^/]+\/edit$/);
  await expect(page.getByLabel("Name")).toHaveValue(name);
  await page.getByLabel("Amount").fill("250000");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/apps\/starter\/record\/opportunity\/[^/]+$/);
  await expect(detail.locator('[data-field="amount"]')).toContainText("250,000");
  await expect(detail.locator('[data-field="stage"]')).toHaveText("Qualification");

  // 中文: the schema's field labels in Chinese.
  await page.getByText("中文", { exact: true }).click();
  await expect(detail.getByText("金额", { exact: true })).toBeVisible();
  await expect(detail.getByText("预计成交日期", { exact: true })).toBeVisible();
  await expect(detail.locator('[data-field="stage"]')).toHaveText("资格确认");
  await expect(detail.getByRole("button", { name: "编辑" })).toBeVisible();

  expect(consoleErrors).toEqual([]);
});
