import { type App, type DataSource, type Entity, type Field, labelText } from "@plinth/runtime";

/** How many sample records the preview makes per entity. */
export const SAMPLES_PER_ENTITY = 3;

const pad = (n: number) => String(n).padStart(2, "0");

/** A value of `field` for the `n`th sample record, or undefined to leave it to the core (computed, files). */
function sampleValue(field: Field, n: number, ids: ReadonlyMap<string, readonly string[]>, user: string): unknown {
  const name = labelText(field.label, "en", field.id);
  switch (field.kind) {
    case "text":
    case "longText":
      return `${name} ${n + 1}`.slice(0, field.maxLength ?? 200);
    case "email":
      return `sample${n + 1}@example.com`;
    case "phone":
      return `+86 138 0000 00${pad(n + 1)}`;
    case "url":
      return `https://example.com/${n + 1}`;
    case "number":
    case "currency": {
      const value = (n + 1) * 1000;
      const min = "min" in field && typeof field.min === "number" ? field.min : value;
      const max = "max" in field && typeof field.max === "number" ? field.max : value;
      return Math.min(Math.max(value, min), max);
    }
    case "percent":
      return ((n + 1) * 25) % 100;
    case "boolean":
      return n % 2 === 0;
    case "select":
      return field.options[n % field.options.length]?.value;
    case "multiSelect":
      return field.options[0] ? [field.options[0].value] : undefined;
    case "date":
      return `2026-${pad((n % 12) + 1)}-15`;
    case "datetime":
      return `2026-${pad((n % 12) + 1)}-15T09:00:00.000Z`;
    case "relation": {
      const targets = ids.get(field.target) ?? [];
      return targets.length > 0 ? targets[n % targets.length] : undefined;
    }
    case "user":
      return user;
    default:
      return undefined;
  }
}

function valuesFor(entity: Entity, n: number, ids: ReadonlyMap<string, readonly string[]>, user: string) {
  const values: Record<string, unknown> = {};
  for (const field of entity.fields) {
    const value = sampleValue(field, n, ids, user);
    if (value !== undefined) values[field.id] = value;
  }
  return values;
}

/**
 * Create a few records per entity through `source` (so the core's rules apply), entities whose
 * relations point at others after those others. A record the core refuses (a validation rule
 * the generated values break) is left out: the preview shows what could be made.
 * Returns the created ids per entity.
 */
export async function createSampleRecords(app: App, source: DataSource, user: string): Promise<Map<string, string[]>> {
  const ids = new Map<string, string[]>();
  const entities = app.entities ?? [];
  const needs = (e: Entity) => e.fields.flatMap((f) => (f.kind === "relation" && f.target !== e.id ? [f.target] : []));
  const pending = [...entities];
  // Each pass makes the entities whose relation targets are done; a cycle falls through to the last pass.
  for (let pass = 0; pass <= entities.length && pending.length > 0; pass++) {
    const ready = pending.filter((e) => pass === entities.length || needs(e).every((t) => ids.has(t)));
    for (const entity of ready) {
      pending.splice(pending.indexOf(entity), 1);
      const made: string[] = [];
      for (let n = 0; n < SAMPLES_PER_ENTITY; n++) {
        try {
          const record = await source.create(entity.id, valuesFor(entity, n, ids, user));
          made.push(String(record.id));
        } catch {
          // Refused by the core (see above): not a sample.
        }
      }
      ids.set(entity.id, made);
    }
  }
  return ids;
}
