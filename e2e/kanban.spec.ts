import { expect, type Locator, type Page, test } from "@playwright/test";
import { signIn } from "./signIn.js";

// Six columns side by side: wide enough that every column is on screen (no horizontal scrolling).
test.use({ viewport: { width: 1900, height: 1000 } });

const column = (page: Page, stage: string) => page.locator(`[data-testid="kanban-column"][data-column="${stage}"]`);
const cards = (page: Page, stage: string) => column(page, stage).getByTestId("kanban-card");

/** The column's card count, from its total line ("17 cards · CN¥9,876,543.00"). */
async function count(page: Page, stage: string): Promise<number> {
  const text = (await column(page, stage).getByTestId("kanban-total").textContent()) ?? "";
  const match = /^(\d+)/.exec(text.trim());
  if (!match) throw new Error(`no count in "${text}"`);
  return Number(match[1]);
}

/** A mouse drag dnd-kit's PointerSensor recognises: press, a small move to start, then the long move. */
async function drag(page: Page, card: Locator, target: Locator): Promise<void> {
  const from = await card.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error("card or column not on screen");
  const x = from.x + from.width / 2;
  const y = from.y + from.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 10, y + 10, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 200), { steps: 20 });
  await page.mouse.up();
}

/**
 * The first Prospecting card whose record may move: the demo seeds discount requests that lock
 * their records while pending, and other specs may have moved cards before this one runs.
 */
async function movableCard(page: Page) {
  const filter = encodeURIComponent("stage = 'prospecting' AND discount_status <> 'pending'");
  const response = await page.request.get(`/api/apps/starter/data/opportunity?filter=${filter}&limit=500`);
  expect(response.ok()).toBe(true);
  const free = new Set(((await response.json()) as { records: { id: string }[] }).records.map((r) => r.id));
  const ids = await cards(page, "prospecting").evaluateAll((els) => els.map((e) => e.getAttribute("data-card-id")));
  const id = ids.find((i) => i !== null && free.has(i));
  if (!id) throw new Error("no movable Prospecting card");
  return cards(page, "prospecting").and(page.locator(`[data-card-id="${id}"]`));
}

async function openPipeline(page: Page): Promise<void> {
  await signIn(page, "rep.east");
  await page.getByRole("menuitem", { name: "Pipeline" }).click();
  await expect(page).toHaveURL(/\/apps\/starter\/pipeline$/);
  await expect(page.getByRole("heading", { name: "Pipeline" })).toBeVisible();
  const titles = await page.locator(".plinth-kanban-column-title").allTextContents();
  expect(titles).toEqual(["Prospecting", "Qualification", "Proposal", "Negotiation", "Closed won", "Closed lost"]);
  await expect(cards(page, "prospecting").first()).toBeVisible();
  await expect(column(page, "prospecting").getByTestId("kanban-total")).toHaveText(/^\d+ cards? · CN¥[\d,]+\.\d\d$/);
}

test("rep.east drags a Prospecting card to Qualification", async ({ page }) => {
  await openPipeline(page);
  const [prospecting, qualification] = [await count(page, "prospecting"), await count(page, "qualification")];
  expect(await cards(page, "prospecting").count()).toBe(prospecting);
  const card = await movableCard(page);
  const id = await card.getAttribute("data-card-id");
  const name = (await card.locator(".plinth-kanban-card-title").textContent()) ?? "";
  const action = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.url().endsWith(`/opportunity/${id}/actions/qualify`),
  );

  await drag(page, card, column(page, "qualification"));

  expect((await action).status()).toBe(200);
  await expect(column(page, "qualification").locator(`[data-card-id="${id}"]`)).toBeVisible();
  await expect(column(page, "prospecting").locator(`[data-card-id="${id}"]`)).toHaveCount(0);
  await expect(page.getByText(`“${name}” moved to Qualification.`)).toBeVisible();
  await expect.poll(() => count(page, "qualification")).toBe(qualification + 1);
  await expect.poll(() => count(page, "prospecting")).toBe(prospecting - 1);

  // The move is stored: after a reload the card is still in Qualification.
  await page.reload();
  await expect(column(page, "qualification").locator(`[data-card-id="${id}"]`)).toBeVisible();
});

test("a card dropped where no transition leads goes back, with the reason", async ({ page }) => {
  await openPipeline(page);
  const [prospecting, won] = [await count(page, "prospecting"), await count(page, "won")];
  const card = await movableCard(page);
  const id = await card.getAttribute("data-card-id");
  const name = (await card.locator(".plinth-kanban-card-title").textContent()) ?? "";

  await drag(page, card, column(page, "won"));

  await expect(
    page.getByText(`“${name}” cannot move from Prospecting to Closed won: there is no such step in the workflow.`),
  ).toBeVisible();
  await expect(column(page, "prospecting").locator(`[data-card-id="${id}"]`)).toBeVisible();
  await expect(column(page, "won").locator(`[data-card-id="${id}"]`)).toHaveCount(0);
  expect(await count(page, "prospecting")).toBe(prospecting);
  expect(await count(page, "won")).toBe(won);
});

test("a card moves with the keyboard too: Space, Right arrow, Space", async ({ page }) => {
  await openPipeline(page);
  const qualification = await count(page, "qualification");
  const card = await movableCard(page);
  const id = await card.getAttribute("data-card-id");
  const action = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.url().endsWith(`/opportunity/${id}/actions/qualify`),
  );

  await card.focus();
  await page.keyboard.press("Space");
  await expect(card).toHaveAttribute("aria-pressed", "true"); // lifted
  // dnd-kit's keyboard sensor starts listening for arrows a task after the lift: wait for an
  // announcement about this card (rendered after that; "Picked up" is at once replaced by "is
  // over Prospecting") so the arrow is not pressed into the void under load.
  const name = (await card.locator(".plinth-kanban-card-title").textContent()) ?? "";
  await expect(page.getByRole("status").filter({ hasText: `“${name}”` })).toBeAttached();
  // Under load the first arrow can still land before the sensor listens: press it again only while
  // the card is still over Prospecting, so it never moves two columns.
  await expect(async () => {
    const over = async (stage: string) => /is-over/.test((await column(page, stage).getAttribute("class")) ?? "");
    if (!(await over("qualification")) && (await over("prospecting"))) await page.keyboard.press("ArrowRight");
    await expect(column(page, "qualification")).toHaveClass(/is-over/, { timeout: 1500 });
  }).toPass({ timeout: 15_000 });
  await page.keyboard.press("Space");

  expect((await action).status()).toBe(200);
  await expect(column(page, "qualification").locator(`[data-card-id="${id}"]`)).toBeVisible();
  await expect.poll(() => count(page, "qualification")).toBe(qualification + 1);
});

test("a move the server refuses (422: Lost reason missing) goes back, with the server's message", async ({ page }) => {
  await openPipeline(page);
  const [prospecting, lost] = [await count(page, "prospecting"), await count(page, "lost")];
  const card = await movableCard(page);
  const id = await card.getAttribute("data-card-id");
  const name = (await card.locator(".plinth-kanban-card-title").textContent()) ?? "";
  const action = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.url().endsWith(`/opportunity/${id}/actions/lose`),
  );

  await drag(page, card, column(page, "lost"));

  const response = await action;
  expect(response.status()).toBe(422);
  const body = (await response.json()) as { error: { details?: { messages?: { en?: string } }; message?: string } };
  const reason = body.error.details?.messages?.en ?? body.error.message ?? "";
  expect(reason).not.toBe("");
  await expect(page.getByText(`“${name}” stays in Prospecting: ${reason}`)).toBeVisible();
  await expect(column(page, "prospecting").locator(`[data-card-id="${id}"]`)).toBeVisible();
  await expect(column(page, "lost").locator(`[data-card-id="${id}"]`)).toHaveCount(0);
  expect(await count(page, "prospecting")).toBe(prospecting);
  expect(await count(page, "lost")).toBe(lost);
});
