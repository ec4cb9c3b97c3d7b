import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["source", ...defaultClientConditions] },
  ssr: { resolve: { conditions: ["source", ...defaultServerConditions] } },
  // happy-dom tests run in Vite's client environment; give it the browser's main fields so
  // that antd resolves to its ES build (es/) rather than the CommonJS one (lib/).
  environments: { client: { resolve: { mainFields: ["browser", "module", "jsnext:main", "jsnext"] } } },
  test: {
    include: [
      "packages/*/{src,test}/**/*.test.{ts,tsx}",
      "packages/runtime/react/src/**/*.test.{ts,tsx}",
      "examples/*/{src,test}/**/*.test.{ts,tsx}",
      "bench/**/*.test.{ts,tsx}",
    ],
    exclude: ["**/node_modules/**", "**/dist/**", "e2e/**"],
    testTimeout: 60_000,
    server: {
      deps: {
        // Node cannot run antd's es/ build (no "type": "module"), and the `source` condition above
        // also selects these two packages' raw TypeScript: let Vite transform them.
        inline: ["antd", "scroll-into-view-if-needed", "compute-scroll-into-view"],
      },
    },
  },
});
