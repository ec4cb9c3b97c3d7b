import type { StateMachine } from "@plinth/runtime";

/** Where a node sits on the graph, in columns and rows (the schema keeps no positions). */
export interface Cell {
  readonly column: number;
  readonly row: number;
}

/** The node that stands for `from: "*"` (a transition from every state). */
export const ANY_STATE = "__any";

/**
 * Lay a stage machine out left to right by distance from the initial state (breadth-first over
 * its transitions); states it cannot reach go in a last column; the "any state" node, when a
 * transition needs it, sits under the initial state.
 */
export function layoutStates(wf: Pick<StateMachine, "initial" | "states" | "transitions">): Map<string, Cell> {
  const depth = new Map<string, number>([[wf.initial, 0]]);
  const queue = [wf.initial];
  while (queue.length > 0) {
    const at = queue.shift() as string;
    for (const t of wf.transitions) {
      if ((t.from === "*" || t.from.includes(at)) && !depth.has(t.to)) {
        depth.set(t.to, (depth.get(at) ?? 0) + 1);
        queue.push(t.to);
      }
    }
  }
  const last = Math.max(0, ...depth.values()) + 1;
  const rows = new Map<number, number>();
  const cells = new Map<string, Cell>();
  for (const s of wf.states) {
    const column = depth.get(s.id) ?? last;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    cells.set(s.id, { column, row });
  }
  if (wf.transitions.some((t) => t.from === "*")) {
    const row = Math.max(1, ...rows.values());
    cells.set(ANY_STATE, { column: 0, row });
  }
  return cells;
}
