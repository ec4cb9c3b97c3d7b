import { type EvalEnv, parseFormula, type Workflow } from "@plinth/runtime";
import type { PublishedApp } from "../apps/published.js";
import { prefetchPaths } from "../records/formulas.js";
import { fieldPaths } from "../storage/columns.js";
import type { ReadTx, Row } from "../storage/types.js";

/** Every formula text of a workflow definition (guards, conditions, matches, effect values). */
function formulaTexts(workflow: Workflow): string[] {
  const texts: string[] = [];
  const effects = (
    list: ReadonlyArray<{ kind: string; values?: Record<string, string>; body?: Record<string, string> }> | undefined,
  ) => {
    for (const e of list ?? []) texts.push(...Object.values(e.values ?? {}), ...Object.values(e.body ?? {}));
  };
  if (workflow.kind === "stateMachine") {
    for (const t of workflow.transitions) {
      if (t.guard) texts.push(t.guard);
      effects(t.effects);
    }
    for (const s of workflow.states) effects(s.onEnter);
  } else {
    if (workflow.entryCriteria) texts.push(workflow.entryCriteria);
    for (const step of workflow.steps) {
      if (step.condition) texts.push(step.condition);
      if (step.approvers.kind === "role" && step.approvers.match) texts.push(step.approvers.match);
    }
    for (const list of [workflow.onSubmit, workflow.onApprove, workflow.onReject, workflow.onRecall]) effects(list);
  }
  return texts;
}

/**
 * A synchronous `lookup` for a workflow's formulas on one record: the relation paths they
 * read (`region.single_request_limit`) are fetched ahead from storage.
 */
export async function workflowLookup(
  tx: ReadTx,
  published: PublishedApp,
  workflow: Workflow,
  record: Row,
): Promise<EvalEnv["lookup"]> {
  const paths = formulaTexts(workflow).flatMap((text) => {
    const ast = parseFormula(text).ast;
    return ast ? fieldPaths(ast).filter((p) => p.length > 1) : [];
  });
  if (paths.length === 0) return () => null;
  const values = await prefetchPaths(published, tx.records(published.stored), workflow.entity, record, paths);
  return (path) => (values.get(path.join(".")) ?? null) as never;
}
