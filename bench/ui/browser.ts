/**
 * A shared harness for UI benchmarks in headless Chromium: build benchmark pages with Vite
 * (production mode, workspace packages from their TypeScript sources), serve them from a tiny
 * static server on 127.0.0.1, open them in Debian's Chromium through Playwright, and call the
 * functions a page puts on `window` to collect the figures it measured with `performance.now()`.
 *
 * @example
 * const session = await openBenchSession({ pages: { form: "bench/ui/form/page.tsx" } });
 * try {
 *   const { page } = await session.open("form");
 *   const ms = await page.evaluate(() => window.formBench?.mount("Plinth"));
 * } finally {
 *   await session.close();
 * }
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "@playwright/test";
import react from "@vitejs/plugin-react";
import { build, defaultClientConditions, type Rollup } from "vite";

/** The repository root (this file is bench/ui/browser.ts). */
export const REPO_ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** Chromium flags for quiet, repeatable timing in a headless browser on a shared machine. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // Frames as soon as they are ready instead of on a 60 Hz tick, so "after the next paint"
  // is not rounded up to a vsync interval.
  "--disable-gpu-vsync",
  "--disable-frame-rate-limit",
  // Pages may call gc() to start every timed run from the same heap state.
  "--js-flags=--expose-gc",
];

/** Where Chromium is: `CHROMIUM_PATH`, else Debian's package. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

export interface BuildOptions {
  /** Minify the build (default true); turn it off to read function names in a profile. */
  readonly minify?: boolean;
}

export interface BuiltPages {
  /** The folder holding `<name>.html` and the assets. */
  readonly dir: string;
  readonly names: readonly string[];
}

/**
 * Build benchmark page entries (`name` → path of a .ts/.tsx module, relative to the repo root
 * or absolute) into `outDir` with Vite in production mode, and write one `<name>.html` per entry
 * that loads it. Workspace packages resolve through their `source` export condition.
 */
export async function buildBenchPages(
  pages: Readonly<Record<string, string>>,
  outDir: string,
  options: BuildOptions = {},
): Promise<BuiltPages> {
  const input = Object.fromEntries(Object.entries(pages).map(([name, entry]) => [name, resolve(REPO_ROOT, entry)]));
  const output = await build({
    configFile: false,
    root: REPO_ROOT,
    mode: "production",
    logLevel: "warn",
    plugins: [react()],
    resolve: { conditions: ["source", ...defaultClientConditions], dedupe: ["react", "react-dom"] },
    build: {
      outDir,
      emptyOutDir: true,
      minify: options.minify ?? true,
      sourcemap: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 10_000,
      rollupOptions: { input },
    },
  });
  const outputs = (Array.isArray(output) ? output : [output]) as Rollup.RollupOutput[];
  const chunks = outputs.flatMap((o) => o.output).filter((c): c is Rollup.OutputChunk => c.type === "chunk");
  for (const name of Object.keys(pages)) {
    const chunk = chunks.find((c) => c.isEntry && c.name === name);
    if (!chunk) throw new Error(`Vite produced no entry chunk for the bench page '${name}'.`);
    const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>${name} benchmark</title>
  </head>
  <body>
    <script type="module" src="./${chunk.fileName}"></script>
  </body>
</html>
`;
    await writeFile(join(outDir, `${name}.html`), html);
  }
  return { dir: outDir, names: Object.keys(pages) };
}

const contentTypes: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
};

/** Serve `dir` read-only on 127.0.0.1 (a free port). Module scripts need http, not file://. */
export async function serveStatic(dir: string): Promise<{ readonly origin: string; close(): Promise<void> }> {
  const root = resolve(dir);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, { "content-type": contentTypes[extname(file)] ?? "application/octet-stream" });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Launch headless Chromium (Debian's, or `CHROMIUM_PATH`) with the benchmark flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS] });
}

/** An open bench page. */
export interface BenchPage {
  readonly page: Page;
  /** Errors the page threw or logged since it loaded: a run with any is not to be trusted. */
  errors(): readonly string[];
}

export interface BenchSession {
  readonly browser: Browser;
  /** Chromium's version, for the report. */
  readonly browserVersion: string;
  /**
   * Open a built page in a fresh context (its own cache and storage) and wait until it loaded;
   * a page that logs an error while loading is refused.
   */
  open(name: string, options?: { readonly viewport?: { width: number; height: number } }): Promise<BenchPage>;
  close(): Promise<void>;
}

/**
 * Build the pages, serve them and launch Chromium; `close()` undoes all three (the build goes
 * into a temporary folder that is removed).
 */
export async function openBenchSession(
  options: { readonly pages: Readonly<Record<string, string>> } & BuildOptions,
): Promise<BenchSession> {
  const dir = await mkdtemp(join(tmpdir(), "plinth-bench-ui-"));
  const cleanups: Array<() => Promise<void>> = [() => rm(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const built = await buildBenchPages(options.pages, dir, options);
    const server = await serveStatic(built.dir);
    cleanups.push(server.close);
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    return {
      browser,
      browserVersion: browser.version(),
      async open(name, openOptions = {}) {
        if (!built.names.includes(name)) throw new Error(`No bench page '${name}' was built.`);
        const context = await browser.newContext({ viewport: openOptions.viewport ?? { width: 1280, height: 900 } });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));
        page.on("console", (message) => {
          if (message.type() === "error") errors.push(message.text());
        });
        await page.goto(`${server.origin}/${name}.html`, { waitUntil: "load" });
        if (errors.length > 0) throw new Error(`The bench page '${name}' failed to load:\n${errors.join("\n")}`);
        return { page, errors: () => [...errors] };
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
