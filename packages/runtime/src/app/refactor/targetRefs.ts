import type { SchemaRef } from "../checks/schemaRef.js";
import type { AppModel } from "../model.js";

/**
 * The entities and fields named by the id-addressed targets of locks and overlay operations
 * (`/entities/promotion/fields/plannedSpend/max`): segment 2 names an entity, segment 4 a field.
 */
export function targetRefs(model: AppModel): SchemaRef[] {
  const out: SchemaRef[] = [];
  const visit = (target: string, path: string) => {
    const segments = target.split("/");
    if (segments[1] !== "entities" || segments[2] === undefined) return;
    const entity = model.entities.get(segments[2]);
    if (!entity) return;
    out.push({ kind: "entity", id: segments[2], path, how: { kind: "segment", index: 2, separator: "/" } });
    const field = segments[4];
    if (segments[3] !== "fields" || field === undefined || !entity.fields.has(field)) return;
    out.push({
      kind: "field",
      entity: entity.value.id,
      id: field,
      path,
      how: { kind: "segment", index: 4, separator: "/" },
    });
  };
  model.app.locks?.forEach((lock, i) => visit(lock.target, `/locks/${i}/target`));
  model.app.overlay?.forEach((op, i) => visit(op.target, `/overlay/${i}/target`));
  return out;
}
