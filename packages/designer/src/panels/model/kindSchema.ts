import { type FieldKindName, fieldKindNames, standardFieldKinds } from "@plinth/runtime";

/** One property's JSON Schema, as a field kind's meta-schema declares it. */
export type PropertySchema = Readonly<Record<string, unknown>>;

function propertiesOf(kind: FieldKindName): Readonly<Record<string, PropertySchema>> {
  return standardFieldKinds[kind].schema.properties as Record<string, PropertySchema>;
}

// The meta-schema reuses one schema object for every formula and every label; comparing with
// them tells a formula or a label property from plain text without a list of names.
const formulaSchema = propertiesOf("formula").expression;
const labelSchemas = new Set([propertiesOf("text").label, propertiesOf("text").description]);

/** How a property is edited, read from its schema. */
export type Widget =
  | "formula"
  | "label"
  | "options"
  | "enum"
  | "const"
  | "boolean"
  | "number"
  | "text"
  | "stringList"
  | "object";

export function widgetFor(key: string, schema: PropertySchema): Widget {
  if (schema === formulaSchema) return "formula";
  if (labelSchemas.has(schema)) return "label";
  if (key === "options") return "options";
  if (Array.isArray(schema.enum)) return "enum";
  if ("const" in schema) return "const";
  switch (schema.type) {
    case "boolean":
      return "boolean";
    case "number":
    case "integer":
      return "number";
    case "array":
      return "stringList";
    case "object":
      return "object";
    default:
      return "text";
  }
}

const own = new Set(["kind", "id", "label"]);

/** The properties every field kind has (required, visibleWhen...), in the meta-schema's order. */
export const commonProperties: readonly (readonly [string, PropertySchema])[] = Object.entries(
  propertiesOf("text"),
).filter(([key]) => !own.has(key) && fieldKindNames.every((kind) => key in propertiesOf(kind)));

const common = new Set(commonProperties.map(([key]) => key));

/** The properties only this kind has (maxLength, options, target, expression...). */
export function kindProperties(kind: FieldKindName): readonly (readonly [string, PropertySchema])[] {
  return Object.entries(propertiesOf(kind)).filter(([key]) => !own.has(key) && !common.has(key));
}

/** The kind's required properties besides id and kind (a new field must have them). */
export function requiredProperties(kind: FieldKindName): readonly (readonly [string, PropertySchema])[] {
  const required = new Set((standardFieldKinds[kind].schema.required as readonly string[]).filter((k) => !own.has(k)));
  return kindProperties(kind).filter(([key]) => required.has(key));
}

/** Yes/no properties, shown together in a row of switches. */
export const isSwitch = (widget: Widget): boolean => widget === "boolean" || widget === "const";
