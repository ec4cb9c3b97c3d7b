/**
 * Designer history benchmark (issue 6): undo then redo of 1,000 operations on the fixture sales
 * app, through the designer's store history (immer patches and their inverses). Baseline, in the
 * same run: replaying the same 1,000 commands from the starting document, which is how an edit
 * log without inverses gets back to a point in time. Target: undo + redo of 1,000 under 100 ms.
 */

import {
  addField,
  type Command,
  insertItem,
  moveItem,
  removeItem,
  setLabel,
  setValue,
} from "../../packages/designer/src/store/commands.js";
import { commit, type History, redo, startHistory, undo } from "../../packages/designer/src/store/history.js";
import type { App } from "../../packages/runtime/src/index.js";
import { salesApp } from "../../packages/runtime/test/fixtures/salesApp.js";
import { median } from "../harness.js";

export const OPERATIONS = 1000;
export const TARGET_MS = 100;

/** 1,000 varied edits: labels, values, roles added, moved and removed, fields added. */
function commands(doc: App): Command[] {
  const out: Command[] = [];
  for (let i = 0; i < OPERATIONS; i++) {
    const f = i % 10;
    switch (i % 6) {
      case 0:
        out.push(setLabel(`/entities/1/fields/${f}/label`, i % 12 === 0 ? "en" : "zh-CN", `Label ${i}`));
        break;
      case 1:
        out.push(setValue(`/entities/0/fields/${f % 3}/description`, `Note ${i}`));
        break;
      case 2:
        out.push(insertItem("/roles", { id: `role_${i}` }, 1));
        break;
      case 3:
        out.push(moveItem("/roles", 0, "/roles", 3));
        break;
      case 4:
        out.push(addField(doc, "account", { id: `extra_${i}`, kind: "text" }));
        break;
      default:
        out.push(removeItem("/roles", 1));
    }
  }
  return out;
}

export interface HistoryBenchResult {
  readonly operations: number;
  readonly undoRedoMs: number;
  readonly replayMs: number;
  readonly ratio: number;
  readonly pass: boolean;
  readonly same: boolean;
}

export function runHistoryBench(rounds = 9): HistoryBenchResult {
  const start = salesApp() as unknown as App;
  const list = commands(start);
  // Commit far apart in time so that no two edits merge: 1,000 separate undo steps.
  let built: History = startHistory(start);
  list.forEach((c, i) => {
    built = commit(built, c, i * 10_000);
  });
  if (built.past.length !== OPERATIONS) throw new Error(`expected ${OPERATIONS} steps, got ${built.past.length}`);
  const undoRedo: number[] = [];
  const replay: number[] = [];
  let same = true;
  for (let round = 0; round < rounds + 2; round++) {
    let t = performance.now();
    let h = built;
    for (let i = 0; i < OPERATIONS; i++) h = undo(h);
    if (h.doc !== start && JSON.stringify(h.doc) !== JSON.stringify(start)) same = false;
    for (let i = 0; i < OPERATIONS; i++) h = redo(h);
    const a = performance.now() - t;
    t = performance.now();
    let r: History = startHistory(start);
    list.forEach((c, i) => {
      r = commit(r, c, i * 10_000);
    });
    const b = performance.now() - t;
    if (round >= 2) {
      undoRedo.push(a);
      replay.push(b);
    }
    if (JSON.stringify(h.doc) !== JSON.stringify(r.doc)) same = false;
  }
  const undoRedoMs = median(undoRedo);
  const replayMs = median(replay);
  return {
    operations: OPERATIONS,
    undoRedoMs,
    replayMs,
    ratio: undoRedoMs / replayMs,
    pass: undoRedoMs < TARGET_MS && same,
    same,
  };
}

export function formatHistoryBench(r: HistoryBenchResult): string {
  return [
    `Designer history: undo then redo of ${r.operations.toLocaleString("en")} operations (median of 9)`,
    `  store undo + redo (inverse patches)         ${r.undoRedoMs.toFixed(1)} ms`,
    `  baseline: replay the ${r.operations.toLocaleString("en")} edits from the start  ${r.replayMs.toFixed(1)} ms`,
    `  ratio: ${r.ratio.toFixed(2)}x the replay; back at the start and at the end exactly: ${r.same ? "yes" : "NO"}`,
    `Target: undo + redo of ${r.operations.toLocaleString("en")} operations < ${TARGET_MS} ms: ${r.pass ? "PASS" : "FAIL"}`,
  ].join("\n");
}
