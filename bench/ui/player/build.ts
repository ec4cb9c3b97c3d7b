/**
 * Production builds for the browser benchmarks, with Vite's JS API into temporary folders (never
 * into packages/player/dist, which `pnpm build` and the e2e runs of other people own). Bench pages
 * (the hand-written baselines) are built by bench/ui/browser.ts's buildBenchPages.
 */
import { fileURLToPath } from "node:url";
import { build } from "vite";

const playerRoot = fileURLToPath(new URL("../../../packages/player/", import.meta.url));

/** Build the player (base `/apps/`, as the server serves it) into `outDir`; `minify: false` for profiles. */
export async function buildPlayer(outDir: string, options: { readonly minify?: boolean } = {}): Promise<void> {
  await build({
    root: playerRoot,
    configFile: `${playerRoot}vite.config.ts`,
    logLevel: "error",
    build: { outDir, emptyOutDir: true, minify: options.minify ?? true },
  });
}
