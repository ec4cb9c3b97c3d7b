#!/usr/bin/env node
// The `plinth` command. A built package runs dist/cli/main.js; a source checkout without a
// build runs the TypeScript sources through tsx (resolved from here, so any cwd works).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const built = new URL("../dist/cli/main.js", import.meta.url);

if (existsSync(built)) {
  const { main } = await import(built.href);
  await main(process.argv.slice(2));
} else {
  let tsx;
  try {
    tsx = import.meta.resolve("tsx/esm");
  } catch {
    process.stderr.write(
      "plinth is not built and tsx is not installed: run `pnpm build` first. plinth 尚未构建且未安装 tsx：请先运行 `pnpm build`。\n",
    );
    process.exit(2);
  }
  const source = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
  const child = spawnSync(
    process.execPath,
    ["--import", tsx, "--conditions=source", source, ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  process.exitCode = child.status ?? 2;
}
