import type { App, Issue, Runtime } from "@plinth/runtime";
import { produce } from "immer";
import type { Command } from "../../store/commands.js";

/**
 * The core's errors at or under `pointer` once `command` is made: an addition is checked by the
 * core itself (required properties of the kind, formulas, references) before it is committed.
 */
export function coreIssuesUnder(runtime: Runtime, doc: App, command: Command, pointer: string): readonly Issue[] {
  const next = produce(doc, command.recipe);
  return runtime
    .validateApp(next)
    .issues.filter((i) => i.severity === "error" && (i.path === pointer || i.path.startsWith(`${pointer}/`)));
}
