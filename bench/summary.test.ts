import { describe, expect, it } from "vitest";
import { formatSummary, formulaRows, tableRows, workflowRows } from "./summary.js";
import type { TableUiResult } from "./ui/table/table.bench.js";

describe("the bench summary", () => {
  it("puts each figure beside its baseline from the same run, with the ratio and the target", () => {
    const formula = formulaRows([
      {
        name: "hand-written",
        medianMs: 10,
        minMs: 9,
        rounds: 5,
        nsPerRecord: 10,
        ratio: 1,
        checksum: 1,
        sumMatches: true,
      },
      {
        name: "Plinth (codegen)",
        medianMs: 25,
        minMs: 24,
        rounds: 5,
        nsPerRecord: 25,
        ratio: 2.5,
        checksum: 1,
        sumMatches: true,
      },
    ] as never);
    expect(formula).toEqual([
      expect.objectContaining({
        figure: "Plinth (codegen)",
        baseline: "hand-written",
        ratio: 2.5,
        target: "<= 3x",
        pass: true,
      }),
    ]);
    const phase = (contender: string, maxFrameMs: number, framesOver50: number) => ({
      contender,
      phase: "all loaded",
      maxFrameMs,
      p95FrameMs: 16.8,
      framesOver50,
      longFrames: framesOver50,
    });
    const table = tableRows({
      phases: [phase("Plinth TablePage", 66.7, 2), phase("hand-written TanStack Virtual list", 50, 0)],
    } as unknown as TableUiResult);
    expect(table[0]).toMatchObject({ value: 66.7, baselineValue: 50, pass: false });
    expect(table[0]?.ratio).toBeCloseTo(1.334, 3);
    const text = formatSummary([
      ...formula,
      ...table,
      ...workflowRows({
        rounds: 1,
        perRound: 1,
        updateOpsPerSec: 100,
        transitionOpsPerSec: 80,
        ratio: 0.8,
        target: 0.5,
        pass: true,
      }),
    ]);
    expect(text).toContain("2.50x");
    expect(text).toContain("FAIL");
    expect(text).toContain("0.80x");
  });
});
