import type { Field } from "../fields/index.js";
import type { RecordContext, RecordValues } from "./validateRecord.js";

type DefaultContext = Pick<RecordContext, "today" | "now" | "user">;

/** A field's default on create: `$today`, `$now`, `$user` (the acting user's id) or the literal; null when none. */
export function defaultValue(field: Field, ctx: DefaultContext): unknown {
  if (!("default" in field) || field.default === undefined) return null;
  if (field.default === "$today") return ctx.today;
  if (field.default === "$now") return ctx.now;
  if (field.default === "$user") return ctx.user.id;
  return field.default;
}

/**
 * The defaults a new record starts with, by field id (fields without one are left out): what a
 * form shows before the person types, and what validateRecord fills in on create.
 */
export function recordDefaults(fields: Iterable<Field>, ctx: DefaultContext): RecordValues {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = defaultValue(field, ctx);
    if (value !== null) out[field.id] = value;
  }
  return out;
}
