import type { Field } from "@plinth/runtime";

/** A record value as CSV text: lists joined by ";", booleans true/false, blank as empty. */
export function toCsvValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(";");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * A CSV cell as the record value the field expects. Text that does not convert stays text,
 * so the core's validation reports it with the field's own message.
 */
export function fromCsvValue(field: Field, text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  switch (field.kind) {
    case "number":
    case "currency":
    case "percent": {
      const n = Number(trimmed.replace(/,/g, ""));
      return Number.isFinite(n) ? n : trimmed;
    }
    case "boolean": {
      const lower = trimmed.toLowerCase();
      if (["true", "yes", "1", "是"].includes(lower)) return true;
      if (["false", "no", "0", "否"].includes(lower)) return false;
      return trimmed;
    }
    case "multiSelect":
      return trimmed
        .split(";")
        .map((v) => v.trim())
        .filter((v) => v !== "");
    case "attachment":
      return null;
    default:
      return text;
  }
}
