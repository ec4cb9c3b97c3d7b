import type { Value } from "../expr/values.js";

/**
 * Blank as workflows see it: missing, `null`, text with nothing but spaces, an empty list.
 * `0` and `false` are values, not blanks.
 */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** A stored record value as a formula value; anything else (objects, NaN) reads as blank. */
export function toValue(value: unknown): Value {
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isNaN(value) ? null : value;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as readonly string[];
  return null;
}

/** Items of `list` in order, each once. */
export function unique<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}
