/**
 * Where a contender's first render spends its time: mounts it in an unminified build under
 * Chromium's sampling profiler and prints the functions with the most self time.
 *   pnpm tsx --conditions=source bench/ui/form/profile.run.ts [contender] [mounts]
 */
import { openBenchSession } from "../browser.js";
import { CONTENDERS, type ContenderName } from "./protocol.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

const name = (process.argv[2] ?? "Plinth") as ContenderName;
if (!CONTENDERS.includes(name)) throw new Error(`Contender is one of: ${CONTENDERS.join(", ")}`);
const mounts = Number(process.argv[3] ?? 10);
const SAMPLE_US = 100;

const session = await openBenchSession({ pages: { form: "bench/ui/form/page.tsx" }, minify: false });
try {
  const { page } = await session.open("form");
  for (let i = 0; i < 3; i++) await page.evaluate((n) => window.formBench?.mount(n), name);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: SAMPLE_US });
  await cdp.send("Profiler.start");
  let total = 0;
  for (let i = 0; i < mounts; i++) {
    const r = await page.evaluate((n) => window.formBench?.mount(n), name);
    total += r?.commitMs ?? 0;
  }
  const { profile } = (await cdp.send("Profiler.stop")) as { profile: { nodes: ProfileNode[]; samples: number[] } };
  const self = new Map<string, number>();
  const hits = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
  for (const node of profile.nodes) {
    const file = node.callFrame.url.split("/").pop() ?? "";
    const key = `${node.callFrame.functionName || "(anonymous)"} ${file}:${node.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (node.hitCount ?? 0));
  }
  console.log(`${name}: ${mounts} mounts, mean commit ${(total / mounts).toFixed(1)} ms; self time share:`);
  for (const [key, count] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 45)) {
    const msPerMount = (count * SAMPLE_US) / 1000 / mounts;
    console.log(`${((100 * count) / hits).toFixed(1).padStart(5)}% ${msPerMount.toFixed(2).padStart(6)} ms  ${key}`);
  }
  // Who calls the busiest functions (a native like getBoundingClientRect means forced layout).
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const label = (n: ProfileNode | undefined) =>
    n
      ? `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}`
      : "-";
  const watched = (process.env.PROFILE_CALLERS ?? "getBoundingClientRect").split(",");
  for (const fn of watched) {
    const callers = new Map<string, number>();
    for (const node of profile.nodes) {
      if (node.callFrame.functionName !== fn || !node.hitCount) continue;
      let chain = "";
      let p = parent.get(node.id);
      for (let depth = 0; depth < 4 && p; depth++, p = parent.get(p.id)) chain += ` <- ${label(p)}`;
      callers.set(chain, (callers.get(chain) ?? 0) + node.hitCount);
    }
    console.log(`\ncallers of ${fn}:`);
    for (const [chain, count] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
      console.log(`${((100 * count) / hits).toFixed(1).padStart(5)}% ${chain}`);
    }
  }
} finally {
  await session.close();
}
