import { type Entity, labelBoth, type Page, titleFieldOf } from "@plinth/runtime";

export type NewPageKind = "form" | "detail" | "table" | "kanban";
export const newPageKinds: readonly NewPageKind[] = ["form", "detail", "table", "kanban"];

/** A page id not yet taken: `<entity>_<kind>`, then with a number. */
export function freePageId(taken: ReadonlySet<string>, entity: string, kind: NewPageKind): string {
  const base = `${entity}_${kind}`;
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

/** Why a kind of page cannot be made for an entity (a kanban needs a select field to group by). */
export function missingFor(entity: Entity, kind: NewPageKind): "noFields" | "noSelect" | undefined {
  if (entity.fields.length === 0 && kind !== "form" && kind !== "detail") return "noFields";
  if (kind === "kanban" && !entity.fields.some((f) => f.kind === "select")) return "noSelect";
  return undefined;
}

/**
 * A new page of `kind` for `entity`, as small as the schema allows: forms and details start with
 * one empty section named after the entity (fields come from the palette); a table shows the
 * entity's title field; a kanban groups by its first select field.
 */
export function newPage(entity: Entity, kind: NewPageKind, id: string): Page {
  const title = titleFieldOf(entity) ?? entity.fields[0]?.id ?? "id";
  switch (kind) {
    case "form":
    case "detail":
      return {
        kind,
        id,
        entity: entity.id,
        layout: { kind: "section", label: labelBoth(entity.label, entity.id), children: [] },
      };
    case "table":
      return { kind, id, entity: entity.id, columns: [{ field: title }] };
    case "kanban": {
      const groupBy = entity.fields.find((f) => f.kind === "select")?.id ?? title;
      return { kind, id, entity: entity.id, groupBy, cardFields: [title] };
    }
  }
}
