/** Where in the data model a selection (a JSON Pointer) points: which entity, and which field. */
export interface ModelSpot {
  readonly entity?: number;
  readonly field?: number;
}

/** `/entities/1/fields/3/expression` -> entity 1, field 3; anything outside `/entities` -> nothing. */
export function modelSpot(selection: string | undefined): ModelSpot {
  const [, top, e, part, f] = (selection ?? "").split("/");
  if (top !== "entities" || e === undefined || !/^\d+$/.test(e)) return {};
  const entity = Number(e);
  if (part === "fields" && f !== undefined && /^\d+$/.test(f)) return { entity, field: Number(f) };
  return { entity };
}

export const entityPointer = (entity: number): string => `/entities/${entity}`;
export const fieldPointer = (entity: number, field: number): string => `/entities/${entity}/fields/${field}`;

/** A DOM id made from a pointer, for `<label htmlFor>`. */
export const domId = (pointer: string): string => `model${pointer.replaceAll("/", "-")}`;
