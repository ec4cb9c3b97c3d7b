import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";

// The player is served by the Plinth server under /apps/ (packages/server/src/player/plugin.ts).
// In dev (`pnpm --filter @plinth/player dev`) the API calls go to a running `plinth serve` on :3000.
export default defineConfig({
  base: "/apps/",
  plugins: [react()],
  resolve: { conditions: ["source", ...defaultClientConditions] },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
