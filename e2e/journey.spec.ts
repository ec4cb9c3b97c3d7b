import { type Browser, type BrowserContext, expect, type Locator, type Page, test } from "@playwright/test";
import { addFormPage, drag as dragOnCanvas, openDesigner, publish } from "./designerSupport.js";
import { journeyStep } from "./journeyStep.js";

/**
 * The cross-template journey (issue 10, point 2), through the player and the designer as people
 * would use them, on the demo's three templates (`plinth serve --demo --demo-scale test`):
 *
 *   01 a pipeline rep creates a lead and converts it: the opportunity exists;
 *   02 the rep drags it on the kanban: the Prospecting exit guard (lead source) refuses the move
 *      and says so; the rep fills the lead source (and the amount), and the move passes;
 *   03 the rep's manager sees it on the Forecast dashboard: the open pipeline of that rep, the
 *      same number /query answers, includes the deal's amount;
 *   04 promotion: a 180,000 East request climbs Manager → Director → Region Finance → HQ Trade →
 *      HQ Finance (each approving from the inbox), HQ Finance rejects with a comment: Draft again,
 *      the comment on the record, East's pool `available` back where it was;
 *   05 CVI: HR takes the open quarter through Locked, Calibration, Published, Appeal and Final,
 *      Finance marks it Paid; an employee reads their own score and gets "does not exist" for a
 *      teammate's;
 *   06 designer: admin adds a field to the pipeline's opportunity, drags it onto a new opportunity
 *      form, publishes (the pipeline app itself, not the starter app); the rep reloads, fills it,
 *      saves, and the value is stored;
 *   07 the rep switches the opportunity page to 中文: the chrome and the schema's labels are Chinese.
 *
 * Every step is a `test.step`; a failing step saves a full-page screenshot of the page it was on
 * to test-results/journey/<nn>-<step-slug>.png (e.g.
 * test-results/journey/02-rep-moves-the-deal-on-the-kanban-past-the-stage-exit-guard.png) before
 * the error is reported (journeyStep.ts; Playwright empties test-results/ when a run starts). The API is used only to check results (the
 * records behind what the pages show) and, in step 05, to learn a teammate's score id, which the
 * employee's own pages never reveal (that is the point).
 *
 * Other specs share the server (one data folder per run): this one uses the pipeline, promotion and
 * CVI apps, which no other spec changes, and finds its own records by unique names.
 */

test.describe.configure({ mode: "serial" });
// The pipeline's seven kanban columns side by side, no horizontal scrolling.
test.use({ viewport: { width: 1900, height: 1000 } });

const stamp = Date.now().toString(36);
const contexts = new Map<string, Page>();

/** A browser of its own per person, signed in once and kept for the journey (like a second tab). */
async function as(browser: Browser, username: string): Promise<Page> {
  const open = contexts.get(username);
  if (open) return open;
  const context: BrowserContext = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/");
  await page.getByLabel(/User name|用户名/).fill(username);
  await page.getByLabel(/Password|密码/).fill("demo");
  await page.getByRole("button", { name: /Sign in|登录/ }).click();
  await expect(page.getByRole("button", { name: /Sign out|退出登录/ })).toBeVisible();
  contexts.set(username, page);
  return page;
}

/** Open an app from the signed-in person's app list. */
async function openApp(page: Page, label: string): Promise<void> {
  if (new URL(page.url()).pathname !== "/apps/") await page.goto("/apps/");
  await page.getByRole("link", { name: label, exact: true }).click();
  await expect(page.getByRole("menu").first()).toBeVisible();
}

test.afterAll(async () => {
  for (const page of contexts.values()) await page.context().close();
  contexts.clear();
});

interface Me {
  user: { id: string };
  csrfToken: string;
}
type Row = Record<string, unknown> & { id: string };

/** The server's answers with the page's session (to check what the pages show). */
async function api(page: Page) {
  const me = (await (await page.request.get("/api/auth/me")).json()) as Me;
  const get = async <T = Row>(url: string): Promise<T> => {
    const response = await page.request.get(url);
    expect(response.status(), `GET ${url}`).toBe(200);
    return (await response.json()) as T;
  };
  return {
    me,
    get,
    list: async (app: string, entity: string, filter: string): Promise<Row[]> =>
      (await get<{ records: Row[] }>(`/api/apps/${app}/data/${entity}?filter=${encodeURIComponent(filter)}&limit=500`))
        .records,
    status: async (url: string) => (await page.request.get(url)).status(),
    query: async (app: string, body: object): Promise<Record<string, number>[]> => {
      const response = await page.request.post(`/api/apps/${app}/query`, {
        data: body,
        headers: { "x-csrf-token": me.csrfToken },
      });
      expect(response.status(), await response.text()).toBe(200);
      return ((await response.json()) as { rows: Record<string, number>[] }).rows;
    },
  };
}

/** Choose an option of the select labelled `label`, typing `text` to find it. */
async function choose(page: Page, label: string | RegExp, text: string): Promise<void> {
  const box = page.getByRole("combobox", { name: label });
  await box.click();
  await box.fill(text);
  await page.locator(".ant-select-item-option").filter({ visible: true }).filter({ hasText: text }).first().click();
}

const column = (page: Page, stage: string) => page.locator(`[data-testid="kanban-column"][data-column="${stage}"]`);

/** A mouse drag dnd-kit's PointerSensor recognises: press, a small move to start, then the long move. */
async function dragCard(page: Page, card: Locator, target: Locator): Promise<void> {
  await card.scrollIntoViewIfNeeded();
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

/** The journey's pipeline deal, shared by steps 01–03, 06 and 07. */
const deal = {
  company: `Journey Works ${stamp}`,
  get name() {
    return `${this.company} – new business`;
  },
  id: "",
  url: "",
  amount: 250_000,
};

test("pipeline: a rep's lead becomes an opportunity, passes its stage guard and shows on the manager's forecast", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const rep = await as(browser, "pl.rep01");

  await journeyStep(1, "rep creates a lead and converts it", rep, async () => {
    await openApp(rep, "Sales pipeline");
    await rep.getByRole("menuitem", { name: "Leads" }).click();
    await rep.getByRole("button", { name: "New" }).click();
    await expect(rep.getByRole("heading", { name: "New Lead" })).toBeVisible();
    await rep.getByLabel("First name").fill("Ada");
    await rep.getByLabel("Last name").fill(`Journey ${stamp}`);
    await rep.getByLabel("Company").fill(deal.company);
    // No lead source: step 02 meets the guard that asks for it.
    await rep.getByRole("button", { name: "Save" }).click();
    await expect(rep).toHaveURL(/\/apps\/pipeline\/record\/lead\/[^/]+$/);
    const detail = rep.getByTestId("record-detail");
    await expect(detail.locator('[data-field="status"]')).toHaveText("New");

    await detail.locator('[data-action="convert"]').click();
    await expect(detail.locator('[data-field="status"]')).toHaveText("Qualified (converted)");
    await expect(detail.locator('[data-field="converted_opportunity"]')).not.toBeEmpty();

    // Check: the lead names one new opportunity of the rep, in Prospecting, on the new account.
    const server = await api(rep);
    const leadId = rep.url().split("/").at(-1) as string;
    const lead = await server.get(`/api/apps/pipeline/data/lead/${leadId}`);
    const [opportunity, ...more] = await server.list("pipeline", "opportunity", `name = '${deal.name}'`);
    expect(more).toEqual([]);
    expect(opportunity).toMatchObject({
      id: lead.converted_opportunity,
      stage: "prospecting",
      owner: server.me.user.id,
      account: lead.converted_account,
      lead_source: null,
    });
    deal.id = String(opportunity?.id);
  });

  await journeyStep(2, "rep moves the deal on the kanban past the stage exit guard", rep, async () => {
    await rep.getByRole("menuitem", { name: "Pipeline" }).click();
    await expect(rep).toHaveURL(/\/apps\/pipeline\/pipeline$/);
    const card = rep.locator(`[data-testid="kanban-card"][data-card-id="${deal.id}"]`);
    await expect(column(rep, "prospecting").locator(`[data-card-id="${deal.id}"]`)).toBeVisible();

    // Refused: the guard's own message, and the card stays where it was.
    const refused = rep.waitForResponse(
      (r) => r.request().method() === "POST" && r.url().endsWith(`/opportunity/${deal.id}/actions/to_qualification`),
    );
    await dragCard(rep, card, column(rep, "qualification"));
    const refusal = await refused;
    expect(refusal.status()).toBe(422);
    const { error } = (await refusal.json()) as {
      error: { code: string; details: { issues: Array<{ params: { exitGuard?: string } }> } };
    };
    expect([error.code, error.details.issues.map((i) => i.params.exitGuard)]).toEqual([
      "workflow.guardFailed",
      ["lead_source"],
    ]);
    await expect(
      rep
        .getByRole("alert")
        .filter({ hasText: `“${deal.name}” stays in Prospecting: Prospecting exit: set the lead source` }),
    ).toBeVisible();
    await expect(column(rep, "prospecting").locator(`[data-card-id="${deal.id}"]`)).toBeVisible();

    // The rep finds the deal, fills what the guard asks for (and sizes the deal), and saves.
    await rep.getByRole("menuitem", { name: "Opportunities" }).click();
    await rep.getByRole("textbox", { name: "Filter" }).fill(`name = '${deal.name}'`);
    await rep.getByRole("button", { name: "Apply" }).click();
    await rep.getByRole("button", { name: `Open ${deal.name}` }).click();
    const detail = rep.getByTestId("record-detail");
    await expect(detail.getByRole("heading", { name: deal.name })).toBeVisible();
    deal.url = new URL(rep.url()).pathname;
    await detail.getByRole("button", { name: "Edit" }).click();
    await choose(rep, "Lead source", "Referral");
    await rep.getByLabel("Amount").fill(String(deal.amount));
    await rep.getByRole("button", { name: "Save" }).click();
    await expect(rep).toHaveURL(new RegExp(`${deal.url}$`));
    await expect(detail.locator('[data-field="lead_source"]')).toHaveText("Referral");

    // The same move now passes.
    await rep.getByRole("menuitem", { name: "Pipeline" }).click();
    await expect(column(rep, "prospecting").locator(`[data-card-id="${deal.id}"]`)).toBeVisible();
    const moved = rep.waitForResponse(
      (r) => r.request().method() === "POST" && r.url().endsWith(`/opportunity/${deal.id}/actions/to_qualification`),
    );
    await dragCard(rep, card, column(rep, "qualification"));
    expect((await moved).status()).toBe(200);
    await expect(rep.getByText(`“${deal.name}” moved to Qualification.`)).toBeVisible();
    await expect(column(rep, "qualification").locator(`[data-card-id="${deal.id}"]`)).toBeVisible();

    const stored = await (await api(rep)).get(`/api/apps/pipeline/data/opportunity/${deal.id}`);
    expect(stored).toMatchObject({ stage: "qualification", lead_source: "referral", amount: deal.amount });
  });

  let manager: Page | undefined;
  await journeyStep(
    3,
    "the manager sees the deal in the forecast",
    () => manager,
    async () => {
      manager = await as(browser, "pl.mgr1");
      await openApp(manager, "Sales pipeline");
      await manager.getByRole("menuitem", { name: "Forecast", exact: true }).click();
      await expect(manager.getByRole("heading", { name: "Forecast" })).toBeVisible();
      await manager.getByLabel("Owner").click();
      await manager
        .locator(".ant-select-item-option")
        .filter({ visible: true })
        .filter({ hasText: "Rep 01 (east-1)" })
        .click();

      // "Pipeline by stage" for Rep 01: its amount total is /query's, and it holds the new deal.
      const server = await api(manager);
      const repId = (await api(rep)).me.user.id;
      const open = "NOT(stage IN ('closed_won', 'closed_lost'))";
      const sum = async (filter: string) =>
        (
          await server.query("pipeline", {
            entity: "opportunity",
            filter,
            measures: [{ id: "amount", aggregate: "sum", field: "amount" }],
          })
        )[0]?.amount ?? 0;
      const withDeal = await sum(`${open} AND owner = '${repId}'`);
      const withoutDeal = await sum(`${open} AND owner = '${repId}' AND id <> '${deal.id}'`);
      expect(withDeal - withoutDeal).toBe(deal.amount);
      const total = manager.getByTestId("widget-pipeline_by_stage").getByTestId("total-amount");
      await expect(total).toHaveAttribute("data-value", String(withDeal));
      await expect(total).toContainText(new Intl.NumberFormat("en-US").format(withDeal));
    },
  );
});

/** YYYY-MM-DD, `days` after today (the promotion's dates only need to lie ahead). */
const ahead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("promotion: East's 180,000 request climbs to HQ Finance, is rejected with a comment and releases its reservation", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const title = `Journey display ${stamp}`;
  const comment = "ROI below 1.0, cut display fee";
  let current: Page | undefined;
  const rep = await as(browser, "tp.east.rep");
  let url = "";
  let poolId = "";
  let before = 0;

  await journeyStep(
    4,
    "a 180,000 East promotion routes to HQ Finance and is rejected",
    () => current,
    async () => {
      current = rep;
      await openApp(rep, "Regional promotion approval (TPM)");
      await rep.getByRole("menuitem", { name: "Promotion requests" }).click();
      await rep.getByRole("button", { name: "New" }).click();
      await expect(rep.getByRole("heading", { name: "New Promotion request" })).toBeVisible();
      await rep.getByLabel("Title").fill(title);
      await choose(rep, "Region", "East");
      await choose(rep, "Budget pool", "POOL-EAST");
      for (const label of ["Sell-in from", "In-store from"]) await rep.getByLabel(label).fill(ahead(40));
      for (const label of ["Sell-in to", "In-store to"]) await rep.getByLabel(label).fill(ahead(60));
      // Urgent: the plan may go in on any day of the month (the window is the 1st–15th).
      await rep.getByRole("switch", { name: /Urgent/ }).click();
      await rep.getByRole("button", { name: "Save" }).click();
      await expect(rep).toHaveURL(/\/apps\/promotion\/record\/promotion\/[^/]+$/);
      url = new URL(rep.url()).pathname;
      const detail = rep.getByTestId("record-detail");
      await expect(detail.getByRole("heading", { name: title })).toBeVisible();

      // One display line: 10 stores × 18,000, with units for a revenue ROI of about 2.
      await rep.getByRole("link", { name: "New Promotion line" }).click();
      await choose(rep, "Mechanic", "Display fee");
      await rep.getByLabel("Lump sum (per store for displays)").fill("18000");
      await rep.getByLabel("Stores", { exact: true }).fill("10");
      await rep.getByLabel("Promo price").fill("10");
      await rep.getByLabel("Baseline units").fill("10000");
      await rep.getByLabel("Planned units").fill("46000");
      await rep.getByRole("button", { name: "Save" }).click();
      await expect(rep).toHaveURL(/\/record\/promotion_line\//);
      await rep.goto(url);
      await expect(detail.locator('[data-field="planned_spend"]')).toHaveText("180,000");

      // Check: the pool's available budget before the submit.
      const server = await api(rep);
      const id = url.split("/").at(-1) as string;
      poolId = String((await server.get(`/api/apps/promotion/data/promotion/${id}`)).pool);
      before = Number((await server.get(`/api/apps/promotion/data/budget_pool/${poolId}`)).available);

      const panel = rep.getByTestId("approval-panel");
      await panel.getByRole("button", { name: "Ask for approval: Promotion approval" }).click();
      await expect(panel.getByTestId("approval-status")).toHaveText("Pending");
      await expect(detail.locator('[data-field="status"]')).toHaveText("Pending approval");
      expect(Number((await server.get(`/api/apps/promotion/data/budget_pool/${poolId}`)).available)).toBe(
        before - 180_000,
      );

      // Each approver finds it in their inbox and approves it on the record.
      const steps = [
        ["tp.east.manager", "Regional Sales Manager"],
        ["tp.east.director", "Regional Director"],
        ["tp.east.finance", "Region Finance BP"],
        ["tp.hq.trade", "HQ Trade Marketing"],
        ["tp.hq.finance", "HQ Finance"],
      ] as const;
      for (const [username, step] of steps) {
        const approver = await as(browser, username);
        current = approver;
        await openApp(approver, "Regional promotion approval (TPM)");
        await approver.getByRole("menuitem", { name: /Approvals/ }).click();
        await approver.getByTestId("inbox-approvals").getByRole("link").filter({ hasText: title }).click();
        const theirs = approver.getByTestId("approval-panel");
        await expect(theirs).toContainText("This record waits for your approval.");
        await expect(theirs).toContainText(`Step “${step}” is waiting for`);
        if (username === "tp.hq.finance") {
          await theirs.getByRole("textbox", { name: "Comment" }).fill(comment);
          await theirs.getByRole("button", { name: "Reject" }).click();
          await expect(theirs.getByTestId("approval-status")).toHaveText("Rejected");
          await expect(theirs).toContainText(`rejected at “${step}”`);
        } else {
          await theirs.getByRole("button", { name: "Approve" }).click();
          await expect(theirs).toContainText(`approved “${step}”`);
        }
      }

      // The requester: Draft again (version 2), the comment on the record and in the timeline,
      // and the reservation released.
      current = rep;
      await rep.reload();
      await expect(detail.locator('[data-field="status"]')).toHaveText("Draft");
      await expect(detail.locator('[data-field="version_no"]')).toHaveText("2");
      await expect(detail.locator('[data-field="last_comment"]')).toHaveText(comment);
      await expect(panel.getByTestId("approval-status")).toHaveText("Rejected");
      await expect(panel).toContainText(`“${comment}”`);
      expect(Number((await server.get(`/api/apps/promotion/data/budget_pool/${poolId}`)).available)).toBe(before);
    },
    150_000, // six people sign in and act in turn
  );
});

test("CVI: HR and Finance close the open quarter; an employee sees their own score and not a teammate's", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  let current: Page | undefined;
  await journeyStep(
    5,
    "the open CVI quarter is closed and an employee reads only their own score",
    () => current,
    async () => {
      /** Open the period that is in `status` from Setup → Periods; returns its code. */
      const openPeriod = async (page: Page, status: string): Promise<string> => {
        await page.getByRole("menuitem", { name: "Setup" }).click();
        await page.getByRole("menuitem", { name: "Periods" }).click();
        const row = page
          .locator(".plinth-grid-body [data-row-id]")
          .filter({ has: page.getByRole("cell", { name: status, exact: true }) });
        await expect(row).toHaveCount(1);
        const code = (await row.getByRole("cell").nth(1).textContent()) ?? "";
        await row.getByRole("button", { name: `Open ${code}` }).click();
        await expect(page.getByTestId("record-detail").getByRole("heading", { name: code })).toBeVisible();
        return code;
      };

      const hr = await as(browser, "cvi.hr");
      current = hr;
      await openApp(hr, "CVI scorecard");
      const code = await openPeriod(hr, "Open");
      const detail = hr.getByTestId("record-detail");
      for (const [action, status] of [
        ["lock", "Locked"],
        ["calibrate", "Calibration"],
        ["publish", "Published"],
        ["open_appeals", "Appeal"],
        ["finalise", "Final"],
      ] as const) {
        await detail.locator(`[data-action="${action}"]`).click();
        await expect(detail.locator('[data-field="status"]')).toHaveText(status);
      }
      // Finance pays out (the payroll export).
      const finance = await as(browser, "cvi.finance");
      current = finance;
      await openApp(finance, "CVI scorecard");
      expect(await openPeriod(finance, "Final")).toBe(code);
      const payout = finance.getByTestId("record-detail");
      await payout.locator('[data-action="pay"]').click();
      await expect(payout.locator('[data-field="status"]')).toHaveText("Paid");

      // The employee: their own score of that quarter, as the server holds it.
      const employee = await as(browser, "cvi.e001");
      current = employee;
      await openApp(employee, "CVI scorecard");
      await employee.getByRole("menuitem", { name: "Scores" }).click();
      await employee.getByRole("menuitem", { name: "CVI scores" }).click();
      const row = employee
        .locator(".plinth-grid-body [data-row-id]")
        .filter({ has: employee.getByRole("cell", { name: code, exact: true }) });
      await expect(row).toHaveCount(1);
      await row.getByRole("button", { name: /^Open / }).click();
      const score = employee.getByTestId("record-detail");
      await expect(score.getByRole("heading", { name: "CVI score" })).toBeVisible();
      await expect(score.locator('[data-field="employee"]')).toHaveText("Employee 001");
      const mine = await api(employee);
      const ownId = employee.url().split("/").at(-1) as string;
      const own = await mine.get(`/api/apps/cvi/data/cvi_score/${ownId}`);
      expect(own.employee_user).toBe(mine.me.user.id);
      await expect(score.locator('[data-field="final_cvi"]')).toHaveText(String(own.final_cvi));

      // A teammate's score (cvi.e003, same team): its id comes from their manager, since nothing the
      // employee can open names it. The page says it does not exist; the API answers 404.
      const manager = await api(await as(browser, "cvi.m01"));
      const e003 = (await manager.list("cvi", "employee", "name = 'Employee 003'"))[0];
      const [mate] = await manager.list("cvi", "cvi_score", `employee = '${e003?.id}' AND period.code = '${code}'`);
      expect(mate?.id).toBeTruthy();
      current = employee;
      await employee.goto(`/apps/cvi/record/cvi_score/${mate?.id}`);
      await expect(employee.getByRole("alert")).toContainText("This record does not exist or you may not see it.");
      expect(await mine.status(`/api/apps/cvi/data/cvi_score/${mate?.id}`)).toBe(404);
    },
  );
});

test("designer: admin adds a field to the pipeline's opportunity form and publishes; the rep fills it; 中文", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  expect(deal.id, "the pipeline test made the deal").not.toBe("");
  const rep = await as(browser, "pl.rep01");
  let admin: Page | undefined;

  await journeyStep(
    6,
    "admin adds a field to the opportunity form and publishes; the rep fills it",
    () => admin ?? rep,
    async () => {
      // A tall window: the opportunity's ~50 fields make a long palette, and the field dragged
      // from its end and the canvas it is dropped on must both be on screen.
      const context = await browser.newContext({ viewport: { width: 1900, height: 2000 } });
      admin = await context.newPage();
      contexts.set("admin (designer)", admin);
      await openDesigner(admin, "Sales pipeline");
      await admin
        .getByRole("navigation", { name: "Entities" })
        .getByRole("button", { name: /Opportunity/ })
        .first()
        .click();
      const add = admin.getByRole("region", { name: "Add field" });
      await add.getByLabel("New field id").fill("deal_tier");
      await add.getByLabel("Label · English").fill("Deal tier");
      await add.getByRole("button", { name: "Add field" }).click();
      await expect(admin.getByRole("button", { name: "Open field deal_tier" })).toBeVisible();

      const canvas = await addFormPage(admin, "Opportunity", "opportunity_form");
      await dragOnCanvas(
        admin,
        admin.getByRole("button", { name: "Drag Deal tier onto the page" }),
        canvas.locator(".pages-end").first(),
      );
      await expect(canvas.getByText("Deal tier")).toBeVisible();
      await publish(admin);
      admin = undefined; // a failure from here on is the rep's: their page is the screenshot

      // The rep, on the deal's page since step 02: reload, edit, fill the new field, save.
      await rep.goto(deal.url);
      await rep.reload();
      const detail = rep.getByTestId("record-detail");
      await expect(detail.getByRole("heading", { name: deal.name })).toBeVisible();
      await detail.getByRole("button", { name: "Edit" }).click();
      await expect(rep).toHaveURL(new RegExp(`${deal.url}/edit$`));
      await rep.getByLabel("Deal tier").fill("Strategic");
      await rep.getByRole("button", { name: "Save" }).click();
      await expect(rep).toHaveURL(new RegExp(`${deal.url}$`));
      await expect(detail.locator('[data-field="deal_tier"]')).toHaveText("Strategic");
      const stored = await (await api(rep)).get(`/api/apps/pipeline/data/opportunity/${deal.id}`);
      expect(stored).toMatchObject({ deal_tier: "Strategic", stage: "qualification", amount: deal.amount });
    },
  );

  await journeyStep(7, "the rep reads the deal in Chinese", rep, async () => {
    const detail = rep.getByTestId("record-detail");
    await rep.getByText("中文", { exact: true }).click();
    // The player's own words…
    await expect(detail.getByRole("button", { name: "编辑" })).toBeVisible();
    await expect(rep.getByRole("button", { name: /退出登录/ })).toBeVisible();
    // …and the schema's: menu, field labels and a stage.
    await expect(rep.getByRole("menuitem", { name: "销售管道" })).toBeVisible();
    await expect(rep.getByRole("menuitem", { name: "线索" })).toBeVisible();
    await expect(detail.getByRole("rowheader", { name: "金额", exact: true })).toBeVisible();
    await expect(detail.getByRole("rowheader", { name: "线索来源", exact: true })).toBeVisible();
    await expect(detail.locator('[data-field="stage"]')).toHaveText("资格确认");
    await expect(detail.locator('[data-field="lead_source"]')).toHaveText("推荐");
  });
});
