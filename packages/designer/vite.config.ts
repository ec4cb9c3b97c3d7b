import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";

// The designer is served by the Plinth server under /designer/ (packages/server/src/player/plugin.ts).
// In dev (`pnpm --filter @plinth/designer dev`) the API calls go to a running `plinth serve` on :3000.
export default defineConfig({
  base: "/designer/",
  plugins: [react()],
  resolve: { conditions: ["source", ...defaultClientConditions] },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
