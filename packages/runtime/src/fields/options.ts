import { idSchema, labelSchema } from "../schema/common.js";

/** The options of a select or multiSelect field: a stable value and a label. */
export const optionsSchema = {
  type: "array",
  minItems: 1,
  maxItems: 500,
  items: {
    type: "object",
    properties: {
      value: idSchema,
      label: labelSchema,
      color: { type: "string", pattern: "^#[0-9a-fA-F]{6}$" },
    },
    required: ["value"],
    additionalProperties: false,
  },
} as const;

export function optionValues(field: { readonly options: ReadonlyArray<{ readonly value: string }> }): string[] {
  return field.options.map((o) => o.value);
}
