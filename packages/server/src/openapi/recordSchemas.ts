import {
  type App,
  type EntityModel,
  type Field,
  fieldKindOf,
  type JsonSchema,
  labelText,
  recordJsonSchema,
  systemFieldIds,
  systemFields,
} from "@plinth/runtime";

/** Component names the documents use for themselves; an entity never takes one of these. */
const reservedNames: ReadonlySet<string> = new Set(["Error", "AuditEntry", "AuditPage", "Query", "QueryResult"]);

function pascalCase(id: string): string {
  return id
    .split("_")
    .filter((part) => part !== "")
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join("");
}

/**
 * The component name of each entity: its id in PascalCase (`sales_order` → `SalesOrder`),
 * suffixed with a number when it would clash with another entity's `<Name>`, `<Name>Input`,
 * `<Name>Page` or a reserved name.
 */
export function entityComponentNames(app: App): ReadonlyMap<string, string> {
  const taken = new Set(reservedNames);
  const names = new Map<string, string>();
  for (const entity of app.entities ?? []) {
    const base = pascalCase(entity.id) || "Entity";
    let name = base;
    for (let n = 2; [name, `${name}Input`, `${name}Page`].some((candidate) => taken.has(candidate)); n++)
      name = `${base}${n}`;
    for (const used of [name, `${name}Input`, `${name}Page`]) taken.add(used);
    names.set(entity.id, name);
  }
  return names;
}

/** Title and description of a field, in English. */
function annotations(field: Field): JsonSchema {
  const description = labelText(field.description, "en", "");
  return { title: labelText(field.label, "en", field.id), ...(description ? { description } : {}) };
}

/** A field's value or null, as records return it. */
function nullable(field: Field): JsonSchema {
  return { anyOf: [fieldKindOf(field).valueSchema(field), { type: "null" }] };
}

/**
 * The record as the API returns it: system fields, the version, then every field of the
 * entity (input fields as `recordJsonSchema` has them, computed ones read-only), each
 * nullable. Fields the caller may not see, or did not select with `fields=`, are absent.
 */
export function entityRecordSchema(entity: EntityModel): JsonSchema {
  const inputs = (recordJsonSchema(entity).properties ?? {}) as Readonly<Record<string, JsonSchema>>;
  const properties: Record<string, JsonSchema> = {};
  for (const field of systemFields) {
    const value = fieldKindOf(field).valueSchema(field);
    const blankable = field.id === "createdBy" || field.id === "updatedBy";
    properties[field.id] = { ...annotations(field), ...(blankable ? nullable(field) : value), readOnly: true };
    if (field.id === "id") {
      properties.version = {
        type: "integer",
        minimum: 1,
        readOnly: true,
        title: "Version",
        description: "Grows with every change; send it as If-Match to update.",
      };
    }
  }
  for (const { value: field } of entity.fields.values()) {
    if (systemFieldIds.has(field.id)) continue;
    const input = inputs[field.id];
    properties[field.id] = input
      ? { ...annotations(field), ...input }
      : { ...annotations(field), ...nullable(field), readOnly: true };
  }
  return {
    type: "object",
    title: labelText(entity.value.label, "en", entity.value.id),
    ...entityDescription(entity),
    properties,
    required: ["id"],
  };
}

/** The fields a client may send when creating or updating a record of the entity. */
export function entityInputSchema(entity: EntityModel): JsonSchema {
  const schema = recordJsonSchema(entity);
  const properties: Record<string, JsonSchema> = {};
  for (const [id, value] of Object.entries((schema.properties ?? {}) as Readonly<Record<string, JsonSchema>>)) {
    const field = entity.fields.get(id)?.value;
    properties[id] = field ? { ...annotations(field), ...value } : value;
  }
  return {
    ...schema,
    title: `${labelText(entity.value.label, "en", entity.value.id)} (input)`,
    description:
      "Input fields only; computed and system fields are set by the server. Required fields and rules are checked on save (422).",
    properties,
  };
}

function entityDescription(entity: EntityModel): JsonSchema {
  const text = labelText(entity.value.description, "en", "");
  return text ? { description: text } : {};
}
