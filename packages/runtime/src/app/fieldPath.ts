import type { Field } from "../fields/index.js";
import type { App } from "../schema/types.js";
import { systemFieldIds, systemFields } from "./model.js";

/**
 * An entity's fields as its records have them: its own (minus any that reuse a system id),
 * then the system fields (`createdAt`, `createdBy`, ...). Empty for an unknown entity.
 */
export function recordFields(app: App, entity: string | undefined): readonly Field[] {
  const found = app.entities?.find((e) => e.id === entity);
  if (!found) return [];
  return [...found.fields.filter((f) => !systemFieldIds.has(f.id)), ...systemFields];
}

/**
 * The field a dotted path (`close_date`, `account.region`, `promotion.createdAt`) ends on,
 * following relations from `entity`, system fields included; undefined when a segment is
 * unknown or a non-relation is followed.
 */
export function fieldAtPath(app: App, entity: string | undefined, path: string): Field | undefined {
  let current = entity;
  const segments = path.split(".");
  for (const [i, segment] of segments.entries()) {
    const field = recordFields(app, current).find((f) => f.id === segment);
    if (!field || i === segments.length - 1) return field;
    if (field.kind !== "relation") return undefined;
    current = field.target;
  }
  return undefined;
}
