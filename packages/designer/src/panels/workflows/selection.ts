/** What a selection pointer means in the workflows panel: which workflow, and which of its parts. */
export interface WorkflowSelection {
  readonly w: number;
  readonly part?: "states" | "transitions" | "steps";
  readonly item?: number;
}

/** `/workflows/0/transitions/1/guard` → workflow 0, transition 1 (deeper paths select their item). */
export function parseWorkflowSelection(selection: string | undefined): WorkflowSelection | undefined {
  const m = /^\/workflows\/(\d+)(?:\/(states|transitions|steps)(?:\/(\d+))?)?(?:\/|$)/.exec(selection ?? "");
  if (!m) return undefined;
  const part = m[2] as WorkflowSelection["part"];
  return { w: Number(m[1]), ...(part ? { part } : {}), ...(m[3] !== undefined ? { item: Number(m[3]) } : {}) };
}
