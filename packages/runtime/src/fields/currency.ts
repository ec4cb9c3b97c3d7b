import type { FromSchema } from "json-schema-to-ts";
import { T } from "../expr/types.js";
import { defined, defineFieldKind, fieldSchema } from "./fieldKind.js";

export const currencyFieldSchema = fieldSchema("currency", {
  default: { type: "number" },
  currency: { type: "string", pattern: "^[A-Z]{3}$", description: "ISO 4217 code, e.g. CNY or USD." },
  min: { type: "number" },
  max: { type: "number" },
  decimals: { type: "integer", minimum: 0, maximum: 4 },
});
export type CurrencyField = FromSchema<typeof currencyFieldSchema>;

/** An amount of money in one currency (ISO 4217), two decimals unless told otherwise. */
export const currencyKind = defineFieldKind<CurrencyField>({
  kind: "currency",
  schema: currencyFieldSchema,
  computed: false,
  valueSchema: (f) => defined({ type: "number", minimum: f.min, maximum: f.max }),
  column: () => "real",
  formulaType: () => T.number,
});
