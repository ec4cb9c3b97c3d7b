import { ID_PATTERN } from "@plinth/runtime";

const idPattern = new RegExp(ID_PATTERN);

/** Why `id` cannot name a new entity, field or rule (a key of the panel's strings), or undefined. */
export function newIdProblem(id: string, taken: Iterable<string>): string | undefined {
  if (id === "") return "model_idEmpty";
  if (!idPattern.test(id)) return "model_idPattern";
  const lower = id.toLowerCase();
  for (const other of taken) if (other.toLowerCase() === lower) return "model_idTaken";
  return undefined;
}
