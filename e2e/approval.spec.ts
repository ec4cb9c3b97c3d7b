import { expect, test } from "@playwright/test";
import { signIn } from "./signIn.js";

/**
 * The demo's discount approval through the player: the East manager finds the seeded requests in
 * the inbox, approves one with a comment on its detail page, reads the timeline in Chinese, and
 * the rep who asked finds the answer among their notifications.
 */
test("manager.east approves a discount from the inbox; rep.east is told", async ({ page }) => {
  await signIn(page, "manager.east");
  // The menu's badge: 2 requests waiting + 3 unread notifications.
  await expect(page.getByTestId("inbox-badge")).toContainText("5");
  await page.getByRole("menuitem", { name: /Approvals/ }).click();
  const waiting = page.getByTestId("inbox-approvals");
  await expect(waiting.getByRole("row")).toHaveCount(3); // header + the two seeded requests
  await expect(waiting).toContainText("Li Lei (rep, East)");
  await expect(page.getByTestId("inbox-notifications")).toContainText(
    "Li Lei (rep, East) asks for your approval on 'Discount approval' (step 'Regional manager').",
  );

  const first = waiting.getByRole("link", { name: /Deal \d+/ }).first();
  const deal = ((await first.textContent()) ?? "").replace(/^.*·\s*/, "").trim();
  await first.click();
  const panel = page.getByTestId("approval-panel");
  await expect(panel).toContainText("This record waits for your approval.");
  await expect(panel.getByTestId("approval-status")).toHaveText("Pending");
  await panel.getByRole("textbox", { name: "Comment" }).fill("Fine for this account");
  await panel.getByRole("button", { name: "Approve" }).click();
  await expect(panel.getByTestId("approval-status")).toHaveText("Approved");
  await expect(panel).toContainText("Wang Fang (manager, East) approved “Regional manager”");
  await expect(panel).toContainText("“Fine for this account”");
  await expect(page.locator('[data-field="discount_status"]')).toHaveText("Approved");
  // Approved once is approved: no new request is offered.
  await expect(panel.getByRole("button", { name: /Ask for approval/ })).toHaveCount(0);

  await page.getByText("中文", { exact: true }).click();
  await expect(panel.getByTestId("approval-status")).toHaveText("已批准");
  await expect(panel).toContainText("同意了“区域经理”");

  await page.getByRole("menuitem", { name: /审批/ }).click();
  await expect(page.getByTestId("inbox-approvals").getByRole("row")).toHaveCount(2);
  await expect(page.getByTestId("inbox-badge")).toContainText("4");
  await page.getByRole("button", { name: "全部标为已读" }).click();
  await expect(page.getByTestId("inbox-notifications").locator("[data-unread]")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("inbox-notifications").locator("[data-unread]")).toHaveCount(0);
  await expect(page.getByTestId("inbox-badge")).toContainText("1");
  await page.getByRole("button", { name: /退出登录/ }).click();

  await signIn(page, "rep.east");
  await page.getByRole("menuitem", { name: /Approvals|审批/ }).click();
  await expect(page.getByTestId("inbox-notifications").locator("[data-unread]").first()).toBeVisible();
  const notes = page.getByTestId("inbox-notifications");
  await expect(notes).toContainText(/Your request 'Discount approval' was approved|您的申请“折扣审批”已获批准/);
  await expect(notes.getByRole("link").first()).toBeVisible();
  expect(deal).toMatch(/^Deal \d+$/);
});

test("admin reads a record's change history; a rep never sees it", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto(`/apps/starter/opportunities?filter=${encodeURIComponent("name = 'Deal 13'")}`);
  await page.locator(".plinth-grid-body [data-row-id] a, .plinth-grid-body [data-row-id] button").first().click();
  const history = page.getByTestId("audit-history");
  await history.getByText(/Change history \(\d+ entries\)/).click();
  await expect(history).toContainText("Created");
  await expect(history).toContainText("Name: Deal 13");
  await expect(history).toContainText("Asked for approval");
  await expect(history).toContainText("Discount approval: Not submitted → Pending");
  await page.getByRole("button", { name: "Sign out" }).click();

  await signIn(page, "rep.east");
  await page.goto(`/apps/starter/opportunities?filter=${encodeURIComponent("name = 'Deal 13'")}`);
  await page.locator(".plinth-grid-body [data-row-id] a, .plinth-grid-body [data-row-id] button").first().click();
  await expect(page.getByTestId("approval-panel")).toBeVisible();
  await expect(page.getByTestId("audit-history")).toHaveCount(0);
});
