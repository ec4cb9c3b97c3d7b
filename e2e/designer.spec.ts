import { expect, test } from "@playwright/test";
import { addFormPage, drag, inspector, openDesigner, openField, publish } from "./designerSupport.js";
import { signIn } from "./signIn.js";

/**
 * The designer through the browser, against the real server: build a change and publish it, then
 * use it in the player; rename a field used by a formula; and a regional variant's locked node
 * refusing an edit. Each step leaves a screenshot in test-results/ on failure.
 */

test("admin adds a field, drags it onto a new account form, labels it in both languages, lets reps edit accounts and publishes; rep.east uses it", async ({
  page,
  browser,
}) => {
  await openDesigner(page);

  // Data model: a new text field on accounts.
  await page
    .getByRole("navigation", { name: "Entities" })
    .getByRole("button", { name: /Account/ })
    .click();
  const add = page.getByRole("region", { name: "Add field" });
  await add.getByLabel("New field id").fill("tier");
  await add.getByLabel("Label · English").fill("Tier");
  await add.getByRole("button", { name: "Add field" }).click();
  await expect(page.getByRole("button", { name: "Open field tier" })).toBeVisible();
  // Its Chinese label, in the field's inspector.
  await page.getByRole("button", { name: "Open field tier" }).click();
  await inspector(page, "tier").getByLabel("Label · Chinese").fill("客户等级");

  // Pages: a form page for accounts, with the name and the new field dragged onto it.
  const canvas = await addFormPage(page, "Account", "account_form");
  await drag(page, page.getByRole("button", { name: "Drag Tier onto the page" }), canvas.locator(".pages-end").first());
  await expect(canvas.getByText("Tier")).toBeVisible();
  await page.screenshot({ path: "test-results/designer-canvas.png", fullPage: true });

  // Permissions: sales reps may update accounts.
  await page.getByRole("menuitem", { name: "Permissions" }).click();
  await page.getByRole("checkbox", { name: "Sales rep may update Account" }).check();

  // Publish.
  await publish(page);

  // The player, as rep.east: open an account, edit it with the new form, see the value.
  const rep = await browser.newPage();
  await signIn(rep, "rep.east");
  const accountId = await rep.evaluate(async () => {
    const res = await fetch("/api/apps/starter/data/account?limit=1");
    return ((await res.json()) as { records: Array<{ id: string }> }).records[0]?.id;
  });
  await rep.goto(`/apps/starter/record/account/${accountId}`);
  await rep.getByRole("button", { name: "Edit" }).click();
  await rep.getByLabel("Tier").fill("Strategic");
  await rep.getByRole("button", { name: "Save" }).click();
  await expect(rep.getByTestId("record-detail").locator('[data-field="tier"]')).toHaveText("Strategic");
  await rep.screenshot({ path: "test-results/designer-player-tier.png", fullPage: true });
});

test("renaming a field rewrites the formula that uses it", async ({ page }) => {
  await openDesigner(page);
  await openField(page, /Opportunity/, "probability");
  await page.getByLabel("Rename field probability to").fill("win_chance");
  await page.getByRole("button", { name: "Rename field probability" }).click();
  await expect(page.getByText(/Renamed in \d+ places?/)).toBeVisible();
  await page.getByRole("button", { name: "Open field expected_revenue" }).click();
  await expect(page.getByText("ROUND(amount * win_chance / 100, 2)").first()).toBeVisible();
  // The same formula in the Monaco formula editor (bundled locally), with the core's verdict.
  await inspector(page, "expected_revenue")
    .locator(".ant-form-item")
    .filter({ hasText: "Expression (formula)" })
    .getByRole("button", { name: "Formula editor" })
    .click();
  const dialog = page.getByRole("dialog", { name: "Formula editor" });
  await expect(dialog.locator(".monaco-editor .view-lines")).toContainText("win_chance");
  await page.screenshot({ path: "test-results/designer-formula-editor.png" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  // Undo puts every use back.
  await page.getByRole("button", { name: /^Undo: Rename field probability/ }).click();
  await page.getByRole("button", { name: "Open field expected_revenue" }).click();
  await expect(page.getByText("ROUND(amount * probability / 100, 2)").first()).toBeVisible();
});

test("a regional variant shows what HQ locked and refuses to change it", async ({ page }) => {
  await openDesigner(page);
  await page.getByRole("button", { name: "All apps" }).click();
  await page.getByRole("button", { name: "New regional variant of Sales starter" }).click();
  await page.getByLabel("Id of the new app").fill("starter_east");
  await page.getByLabel("Name").fill("Sales East");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByText("Regional variant of Sales starter")).toBeVisible();
  await openField(page, /Opportunity/, "stage");
  const stage = inspector(page, "stage");
  await expect(stage.locator('[data-overlay="locked"]')).toBeVisible();
  await stage.getByLabel("Label · English").fill("Phase");
  await expect(
    page.getByRole("alert").filter({ hasText: "locked by the template (HQ pipeline stages)" }),
  ).toBeVisible();
  // An unlocked change is kept, and saved as the variant's overlay.
  await openField(page, /Opportunity/, "name");
  await inspector(page, "name").getByLabel("Label · English").fill("Deal name");
  await expect(inspector(page, "name").locator('[data-overlay="overridden"]')).toBeVisible();
  await expect(page.getByText("All changes saved")).toBeVisible();
  const draft = await page.evaluate(async () => (await fetch("/api/apps/starter_east?draft=1")).json());
  expect(draft.app.overlay).toContainEqual({
    op: "set",
    target: "/entities/opportunity/fields/name/label",
    value: expect.objectContaining({ en: "Deal name" }),
  });
  expect(draft.app.entities).toBeUndefined();
});
