import type { App, Entity } from "@plinth/runtime";
import { useEffect, useState } from "react";
import type { RecordSource } from "../data/records.js";

/** How many records of a related entity are loaded to name relation values (one request per entity). */
const TITLE_LIMIT = 500;

/**
 * Titles of related records (`account` → "Shengda Tech 33") for the relation columns shown.
 * One request per target entity, kept for the page's life; ids it could not load stay as ids.
 */
export function useRelationTitles(
  app: App,
  entity: Entity | undefined,
  columns: readonly string[],
  source: RecordSource,
): ReadonlyMap<string, string> {
  const [titles, setTitles] = useState<ReadonlyMap<string, string>>(new Map());
  const targets = relationTargets(app, entity, columns);
  const key = targets.map((t) => `${t.entity}:${t.titleField}`).join(",");

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `targets`
  useEffect(() => {
    let live = true;
    for (const target of targets) {
      source.list(target.entity, { limit: TITLE_LIMIT, fields: [target.titleField] }).then(
        (page) => {
          if (!live) return;
          setTitles((old) => {
            const next = new Map(old);
            for (const record of page.records) {
              const title = record[target.titleField];
              if (typeof title === "string" && title) next.set(String(record.id), title);
            }
            return next;
          });
        },
        () => undefined, // no read access to the target: ids stay as they are
      );
    }
    return () => {
      live = false;
    };
  }, [key, source]);
  return titles;
}

function relationTargets(
  app: App,
  entity: Entity | undefined,
  columns: readonly string[],
): { entity: string; titleField: string }[] {
  const out = new Map<string, { entity: string; titleField: string }>();
  for (const column of columns) {
    const field = entity?.fields.find((f) => f.id === column);
    if (field?.kind !== "relation") continue;
    const target = (app.entities ?? []).find((e) => e.id === field.target);
    if (!target) continue;
    const titleField = target.titleField ?? target.fields.find((f) => f.kind === "text")?.id;
    if (titleField) out.set(target.id, { entity: target.id, titleField });
  }
  return [...out.values()];
}
