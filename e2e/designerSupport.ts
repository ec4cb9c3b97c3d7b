import { expect, type Locator, type Page } from "@playwright/test";

/** The designer's helpers, shared by designer.spec.ts and journey.spec.ts. */

/** Sign in to the designer as admin and open an app (a button "Open <app>" on its app list). */
export async function openDesigner(page: Page, app = "Sales starter"): Promise<void> {
  await page.goto("/designer/");
  await page.getByLabel("User name").fill("admin");
  await page.getByLabel("Password").fill("demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: `Open ${app}` }).click();
  await expect(page.getByText("All changes saved")).toBeVisible();
}

/** Open an entity and one of its fields in the data model panel. */
export async function openField(page: Page, entity: string | RegExp, field: string): Promise<void> {
  await page.getByRole("navigation", { name: "Entities" }).getByRole("button", { name: entity }).click();
  await page.getByRole("button", { name: `Open field ${field}` }).click();
}

/** The data model panel's inspector of a field. */
export function inspector(page: Page, field: string): Locator {
  return page
    .locator(".ant-card")
    .filter({ has: page.getByRole("heading", { name: new RegExp(`^Field .* \\(${field}\\)`) }) });
}

/** Drag with the mouse in small steps (dnd-kit's pointer sensor starts after a few pixels). */
export async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error("drag: an element is not on screen");
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(
      a.x + a.width / 2 + ((b.x + b.width / 2 - (a.x + a.width / 2)) * i) / 12,
      a.y + a.height / 2 + ((b.y + b.height / 2 - (a.y + a.height / 2)) * i) / 12,
    );
  }
  await page.mouse.up();
}

/** Pick an option of an Ant Design select in the designer (its open dropdown). */
export async function pick(page: Page, combobox: string, option: string): Promise<void> {
  await page.getByRole("combobox", { name: combobox }).click();
  await page
    .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)")
    .getByText(option, { exact: true })
    .click();
}

/** Add a form page for an entity on the Pages panel; the canvas is then open. */
export async function addFormPage(page: Page, entity: string, pageId: string): Promise<Locator> {
  await page.getByRole("menuitem", { name: "Pages" }).click();
  await pick(page, "Kind", "Form");
  await pick(page, "Entity", entity);
  await page.getByLabel("Page id").fill(pageId);
  await page.getByRole("button", { name: "Add page" }).click();
  const canvas = page.getByRole("region", { name: "Canvas" });
  await expect(canvas).toBeVisible();
  return canvas;
}

/** Check and publish the open app; resolves once the designer reports the published version. */
export async function publish(page: Page): Promise<void> {
  await page.getByRole("menuitem", { name: "Publish" }).click();
  await page.getByRole("button", { name: "Check publish" }).click();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByText(/Published version \d+/)).toBeVisible();
}
