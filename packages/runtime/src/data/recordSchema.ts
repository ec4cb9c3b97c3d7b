import type { EntityModel } from "../app/model.js";
import type { JsonSchema } from "../fields/fieldKind.js";
import { type Field, fieldKindOf } from "../fields/index.js";

/** Is the field's value typed in by people (as opposed to computed by the system)? */
export function isInputField(field: Field): boolean {
  return !fieldKindOf(field).computed && !field.readOnly;
}

/**
 * The JSON Schema of an entity's records as clients send them: each input field's value
 * schema, or null (blank). Unknown properties are refused; computed and system fields are
 * removed before validation, so they need no schema here.
 */
export function recordJsonSchema(entity: EntityModel): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of entity.value.fields) {
    if (!isInputField(field)) continue;
    properties[field.id] = { anyOf: [fieldKindOf(field).valueSchema(field), { type: "null" }] };
  }
  return { type: "object", properties, additionalProperties: false };
}
