import { type App, type Entity, type Field, labelText, type SourceRecord } from "@plinth/runtime";

/** How many sample records each entity gets: enough for select options to vary (row scopes on a stage). */
export const SAMPLE_COUNT = 3;

/** The id of sample record `n` (0-based) of `entity`: relations point at these. */
export function sampleId(entity: string, n: number): string {
  return `${entity}-${n + 1}`;
}

function isoDay(base: Date, days: number): string {
  return new Date(base.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

function clamp(value: number, min?: number, max?: number): number {
  return Math.min(max ?? value, Math.max(min ?? value, value));
}

/** A plausible value of `field` for sample record `n`; undefined for fields the core computes or files. */
function sampleValue(field: Field, n: number, userId: string, now: Date): unknown {
  const name = labelText(field.label, "en", field.id);
  switch (field.kind) {
    case "text":
      return `${name} ${n + 1}`.slice(0, field.maxLength ?? 200);
    case "longText":
      return `Sample ${name.toLowerCase()} ${n + 1}`;
    case "email":
      return `sample${n + 1}@example.com`;
    case "phone":
      return `+86 21 5555 010${n}`;
    case "url":
      return `https://example.com/${n + 1}`;
    case "number":
      return clamp((n + 1) * 10, field.min, field.max);
    case "currency":
      return clamp((n + 1) * 125_000, field.min, field.max);
    case "percent":
      return clamp((n + 1) * 25, field.min, field.max);
    case "date":
      return isoDay(now, 30 * (n + 1));
    case "datetime":
      return now.toISOString();
    case "boolean":
      return n % 2 === 0;
    case "select":
      return field.options[n % field.options.length]?.value ?? null;
    case "multiSelect": {
      const option = field.options[n % field.options.length];
      return option ? [option.value] : [];
    }
    case "relation":
      return sampleId(field.target, n);
    case "user":
      return userId;
    default:
      return undefined;
  }
}

function sampleRecord(entity: Entity, n: number, userId: string, now: Date): SourceRecord {
  const at = now.toISOString();
  const record: Record<string, unknown> = {
    id: sampleId(entity.id, n),
    version: 1,
    createdAt: at,
    updatedAt: at,
    createdBy: userId,
    updatedBy: userId,
  };
  for (const field of entity.fields) {
    if (field.id in record) continue;
    const value = sampleValue(field, n, userId, now);
    if (value !== undefined) record[field.id] = value;
  }
  return record as SourceRecord;
}

/**
 * A few generated records of every entity of `app`, owned by `userId` (user fields hold it, so
 * `owner = $user.id` row scopes match), select options taking turns across the records, relations
 * pointing at the target's sample records: the data the designer's previews render.
 */
export function sampleRecords(app: App, userId: string, now: Date): Record<string, SourceRecord[]> {
  const records: Record<string, SourceRecord[]> = {};
  for (const entity of app.entities ?? []) {
    records[entity.id] = Array.from({ length: SAMPLE_COUNT }, (_, n) => sampleRecord(entity, n, userId, now));
  }
  return records;
}
