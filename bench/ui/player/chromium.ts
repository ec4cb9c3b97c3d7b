/**
 * The player benchmarks' additions to bench/ui/browser.ts (which launches Chromium): the
 * player's build and the bench pages served on the Plinth server's own origin (so the API calls
 * are same-origin and carry the session cookie), and a signed-in browser context.
 */
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { type Browser, type BrowserContext, chromium } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "../browser.js";

/**
 * Chromium with the shared flags except the two that lift the 60 Hz frame cap
 * (`--disable-gpu-vsync`, `--disable-frame-rate-limit`): with them, every running animation (a
 * loading spinner) draws as fast as it can and takes a core from the server on this 2-core
 * machine, which a user's browser never does. The dashboard benchmark runs with the cap.
 */
export function launchCappedChromium(): Promise<Browser> {
  const args = CHROMIUM_ARGS.filter((a) => a !== "--disable-gpu-vsync" && a !== "--disable-frame-rate-limit");
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args });
}

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Answer every request under `origin` + `prefix` from the folder `dir` (a Vite build), with
 * index.html for paths that are not files (the player's client-side routes). Requests outside the
 * prefix (`/api/...`) go to the real server untouched. Routing turns off the browser's HTTP cache,
 * so each navigation fetches the bundle again: a cold load, which only makes the player slower.
 */
export async function serveFolder(context: BrowserContext, origin: string, prefix: string, dir: string) {
  await context.route(
    (url) => url.origin === origin && url.pathname.startsWith(prefix),
    async (route) => {
      const path = new URL(route.request().url()).pathname.slice(prefix.length);
      const file = normalize(join(dir, path));
      const inside = file.startsWith(dir);
      const target = inside && (await isFile(file)) ? file : join(dir, "index.html");
      if (!(await isFile(target))) return route.fulfill({ status: 404, body: "" });
      await route.fulfill({
        status: 200,
        body: await readFile(target),
        headers: { "content-type": contentTypes[extname(target)] ?? "application/octet-stream" },
      });
    },
  );
}

/** A browser context signed in as `username` (the session cookie comes back from POST /api/auth/login). */
export async function signedInContext(
  browser: Browser,
  origin: string,
  username: string,
  password: string,
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1200 }, locale: "en-US" });
  const answer = await context.request.post(`${origin}/api/auth/login`, { data: { username, password } });
  if (!answer.ok()) throw new Error(`sign-in as ${username} failed: ${answer.status()} ${await answer.text()}`);
  // tsx (esbuild keepNames) wraps named functions in `__name(...)`; functions handed to
  // page.evaluate are serialised with it, so the page needs a no-op of that name.
  await context.addInitScript({ content: "globalThis.__name ??= (fn) => fn;" });
  return context;
}
