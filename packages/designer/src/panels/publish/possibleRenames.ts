import type { PlanStep, Renames } from "../../api/designerApi.js";

/** A drop and an add in one plan that may be one rename (the same kind of column, or a whole table). */
export type PossibleRename =
  | {
      readonly kind: "field";
      readonly entity: string;
      readonly from: string;
      readonly to: string;
      readonly rows: number;
    }
  | { readonly kind: "entity"; readonly from: string; readonly to: string; readonly rows: number };

const str = (v: unknown) => (typeof v === "string" ? v : "");
const num = (v: unknown) => (typeof v === "number" ? v : 0);

/**
 * Renames the plan may stand for: in one entity, a column dropped while holding values and a
 * column added; or a table dropped while holding rows and a table created. A rename made in an
 * earlier designer session (or in the JSON view) is not remembered, so the publisher is asked
 * instead of the values being dropped. Each drop is paired once, with the first unpaired addition
 * of its entity in plan order; checking the pair again shows any type change it implies.
 */
export function possibleRenames(steps: readonly PlanStep[]): PossibleRename[] {
  const out: PossibleRename[] = [];
  const used = new Set<PlanStep>();
  for (const drop of steps.filter((s) => s.kind === "dropColumn" && num(s.rows) > 0)) {
    const add = steps.find((a) => a.kind === "addColumn" && !used.has(a) && str(a.entity) === str(drop.entity));
    if (!add) continue;
    used.add(add);
    out.push({
      kind: "field",
      entity: str(drop.entity),
      from: str(drop.field),
      to: str((add.column as { field?: unknown } | undefined)?.field),
      rows: num(drop.rows),
    });
  }
  const creates = steps.filter((s) => s.kind === "createTable");
  steps
    .filter((s) => s.kind === "dropTable" && num(s.rows) > 0)
    .forEach((drop, i) => {
      const create = creates[i];
      if (create) out.push({ kind: "entity", from: str(drop.entity), to: str(create.entity), rows: num(drop.rows) });
    });
  return out;
}

/** The renames with the chosen possible ones added. */
export function withRenames(renames: Renames, chosen: readonly PossibleRename[]): Renames {
  const entities = [...(renames.entities ?? []), ...chosen.filter((c) => c.kind === "entity")].map(({ from, to }) => ({
    from,
    to,
  }));
  const fields = [
    ...(renames.fields ?? []),
    ...chosen.flatMap((c) => (c.kind === "field" ? [{ entity: c.entity, from: c.from, to: c.to }] : [])),
  ];
  return { ...(entities.length > 0 ? { entities } : {}), ...(fields.length > 0 ? { fields } : {}) };
}
