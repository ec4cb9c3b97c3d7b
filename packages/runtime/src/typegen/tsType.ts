/** TypeScript type text for the JSON Schema fragments field kinds produce, and for formula types. */
import type { FormulaType } from "../expr/types.js";
import type { JsonSchema } from "../fields/fieldKind.js";

const literal = (value: unknown): string => JSON.stringify(value);

const isSchema = (v: unknown): v is JsonSchema => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The TypeScript type of values a JSON Schema accepts, for the subset field kinds use:
 * `enum`, `const`, `type` (one or several), `items`, `properties`/`required`, `anyOf`/`oneOf`.
 * Anything else reads as `unknown` rather than a guess.
 */
export function schemaToTs(schema: JsonSchema, indent = ""): string {
  if (Array.isArray(schema.enum)) return schema.enum.map(literal).join(" | ") || "never";
  if ("const" in schema) return literal(schema.const);
  const union = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(union))
    return union
      .filter(isSchema)
      .map((s) => schemaToTs(s, indent))
      .join(" | ");
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : schema.type ? [String(schema.type)] : [];
  if (types.length === 0) return "unknown";
  return types.map((type) => typeName(type, schema, indent)).join(" | ");
}

function typeName(type: string, schema: JsonSchema, indent: string): string {
  switch (type) {
    case "string":
      return "string";
    case "number":
    case "integer":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array": {
      const items = isSchema(schema.items) ? schemaToTs(schema.items, indent) : "unknown";
      return /[|&]/.test(items) ? `Array<${items}>` : `${items}[]`;
    }
    case "object": {
      const properties = isSchema(schema.properties) ? schema.properties : {};
      const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
      const inner = `${indent}  `;
      const lines = Object.entries(properties).map(([name, sub]) => {
        const optional = required.has(name) ? "" : "?";
        return `${inner}${safeKey(name)}${optional}: ${isSchema(sub) ? schemaToTs(sub, inner) : "unknown"};`;
      });
      return lines.length === 0 ? "Record<string, unknown>" : `{\n${lines.join("\n")}\n${indent}}`;
    }
    default:
      return "unknown";
  }
}

/** A property key as TypeScript accepts it (quoted unless it is an identifier). */
export function safeKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** The TypeScript type of a formula's value (computed fields without a declared value schema). */
export function formulaTypeToTs(type: FormulaType | undefined): string {
  switch (type?.kind) {
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "date":
    case "datetime":
      return "string";
    case "text":
      return type.options && type.options.length > 0 ? type.options.map(literal).join(" | ") : "string";
    case "list": {
      const item = type.options && type.options.length > 0 ? type.options.map(literal).join(" | ") : "string";
      return `Array<${item}>`;
    }
    case "null":
      return "null";
    default:
      return "unknown";
  }
}
