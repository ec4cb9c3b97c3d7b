import type { Page } from "@playwright/test";

/**
 * Sign in as a demo user (password `demo`) and open the Sales starter app, in whichever
 * language the player is showing.
 */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel(/User name|用户名/).fill(username);
  await page.getByLabel(/Password|密码/).fill("demo");
  await page.getByRole("button", { name: /Sign in|登录/ }).click();
  await page.getByRole("link", { name: /Sales starter|销售入门/ }).click();
}
