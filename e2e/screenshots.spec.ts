import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./signIn.js";

/**
 * The README's pictures, taken from the real app by the test suite: the designer, a kanban board
 * and a dashboard. Each run writes them to test-results/screenshots/; with PLINTH_SCREENSHOTS=1
 * they also replace docs/images/ (then commit them).
 */
const folders = [
  join("test-results", "screenshots"),
  ...(process.env.PLINTH_SCREENSHOTS === "1" ? ["docs/images"] : []),
];

async function save(page: Page, name: string): Promise<void> {
  for (const folder of folders) {
    mkdirSync(folder, { recursive: true });
    await page.screenshot({ path: join(folder, `${name}.png`) });
  }
}

test.use({ viewport: { width: 1440, height: 860 } });

test("the designer, with the pipeline's stage machine open", async ({ page }) => {
  await page.goto("/designer/");
  await page.getByLabel("User name").fill("admin");
  await page.getByLabel("Password").fill("demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Open Sales starter" }).click();
  await expect(page.getByText("All changes saved")).toBeVisible();
  await page.getByRole("menuitem", { name: "Workflows" }).click();
  await page.waitForTimeout(500);
  await save(page, "designer");
});

test("the pipeline as a kanban board", async ({ page }) => {
  await signIn(page, "rep.east");
  await page.getByRole("menuitem", { name: "Pipeline" }).click();
  await expect(page.locator(".plinth-kanban-card").first()).toBeVisible();
  await save(page, "kanban");
});

test("the forecast dashboard", async ({ page }) => {
  await signIn(page, "manager.east");
  await page.getByRole("menuitem", { name: "Forecast" }).click();
  await expect(page.getByTestId("widget-by_stage").getByTestId("total-amount")).toBeVisible();
  // Charts draw after their data: wait until every canvas has been painted.
  await page.waitForTimeout(800);
  await save(page, "dashboard");
});
