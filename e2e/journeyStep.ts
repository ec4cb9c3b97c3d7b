import { mkdir } from "node:fs/promises";
import { type Page, test } from "@playwright/test";

/** Where a failing journey step leaves its screenshot (Playwright's outputDir, cleaned each run). */
export const STEP_SHOTS = "test-results/journey";

/** "Rep moves the deal on the kanban" → "rep-moves-the-deal-on-the-kanban". */
export function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

/**
 * A `test.step` that, when it fails (an assertion, an error or its own timeout), saves a full-page
 * screenshot of the page it names to `test-results/journey/<nn>-<slug>.png` and rethrows. `page`
 * may be a function: a step that signs in several people names the page it is on when it fails.
 * The step has its own timeout (below the test's) so a stuck step still gets its screenshot.
 */
export async function journeyStep<T>(
  nn: number,
  title: string,
  page: Page | (() => Page | undefined),
  body: () => Promise<T>,
  timeout = 90_000,
): Promise<T> {
  try {
    return await test.step(`${String(nn).padStart(2, "0")} ${title}`, body, { timeout });
  } catch (error) {
    const target = typeof page === "function" ? page() : page;
    if (target && !target.isClosed()) {
      await mkdir(STEP_SHOTS, { recursive: true });
      const path = `${STEP_SHOTS}/${String(nn).padStart(2, "0")}-${slug(title)}.png`;
      await target.screenshot({ path, fullPage: true, timeout: 10_000 }).catch(() => undefined);
    }
    throw error;
  }
}
