import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./signIn.js";

/** Open the select labelled `label`, type `search` when given, and choose the option with `text`. */
async function choose(page: Page, label: string, text: string, search?: string) {
  const control = page.getByRole("combobox", { name: label });
  await control.click();
  if (search) await page.keyboard.type(search);
  const option = page
    .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")
    .filter({ hasText: text })
    .first();
  await expect(option).toBeVisible();
  await option.click();
}

async function signInToTable(page: Page, username: string) {
  await signIn(page, username);
  await expect(page).toHaveURL(/\/apps\/starter\/opportunities$/);
}

test("a manager picks a date and an owner by name, uploads and downloads a file, and sees the account's related list", async ({
  page,
}) => {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      consoleErrors.push(message.text());
    }
  });
  const name = `Widgets deal ${Date.now()}`;
  await signInToTable(page, "manager.east");

  await page.getByRole("button", { name: "New" }).click();
  await expect(page.getByRole("heading", { name: "New Opportunity" })).toBeVisible();
  await page.getByLabel("Name").fill(name);
  await choose(page, "Account", "");
  await choose(page, "Region", "East");

  // The date: a click opens antd's calendar (loaded on first use); pick the 15th of the month shown.
  await page.getByLabel("Close date").click();
  const calendar = page.locator(".ant-picker-dropdown:not(.ant-picker-dropdown-hidden)");
  await expect(calendar).toBeVisible();
  await calendar.locator("td.ant-picker-cell-in-view", { hasText: /^15$/ }).click();
  const closeDate = page.getByLabel("Close date");
  await expect(closeDate).toHaveValue(/^\d{4}-\d{2}-15$/);
  const picked = await closeDate.inputValue();

  // The owner: searched and chosen by name (not by id).
  await choose(page, "Owner", "Li Lei (rep, East)", "Li");
  await expect(page.locator(".ant-select").filter({ hasText: "Li Lei (rep, East)" })).toBeVisible();

  // A file: uploaded as soon as it is chosen, listed when done.
  await page.locator('input[type="file"]').setInputFiles({
    name: "quote.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("Quote for the widgets deal"),
  });
  await expect(page.locator(".ant-upload-list-item-done", { hasText: "quote.txt" })).toBeVisible();
  await page.screenshot({ path: "test-results/widgets-form.png", fullPage: true });

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/apps\/starter\/record\/opportunity\/[^/]+$/);
  const detail = page.getByTestId("record-detail");
  await expect(detail.getByRole("heading", { name })).toBeVisible();
  await expect(detail.locator('[data-field="close_date"]')).toHaveText(picked);
  await expect(detail.locator('[data-field="owner"]')).toHaveText("Li Lei (rep, East)");

  // The file downloads from the record, under its own name.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    detail.locator('[data-field="files"]').getByRole("link", { name: "quote.txt" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("quote.txt");
  expect(readFileSync(await download.path(), "utf8")).toBe("Quote for the widgets deal");

  // The account's detail page lists its opportunities, this one among them, linked.
  const recordId = page.url().split("/").pop() as string;
  const stored = await page.request.get(`/api/apps/starter/data/opportunity/${recordId}`);
  const account = ((await stored.json()) as { account: string }).account;
  await page.goto(`/apps/starter/record/account/${account}`);
  const related = page.getByTestId("related-opportunity-account");
  await expect(related).toBeVisible();
  await expect(related.getByRole("link", { name })).toBeVisible();
  await page.screenshot({ path: "test-results/widgets-account.png", fullPage: true });

  // "New Opportunity" there opens the form with the account filled in.
  const accountName = (await page.getByTestId("record-detail").getByRole("heading").first().textContent()) ?? "";
  await related.getByRole("link", { name: "New Opportunity" }).click();
  await expect(page).toHaveURL(new RegExp(`/new/opportunity/with/account/${account}$`));
  await expect(page.locator(".ant-select, .plinth-select-wrap").filter({ hasText: accountName }).first()).toBeVisible();

  // Back on the deal, the link opens it again.
  await page.goBack();
  await related.getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`/record/opportunity/${recordId}$`));

  expect(consoleErrors).toEqual([]);
});
