import type { App, Entity } from "@plinth/runtime";
import { titleFieldOf } from "@plinth/runtime";
import { useEffect, useState } from "react";
import type { RecordSource } from "../data/records.js";

/** How many records of a related entity are loaded to name relation values (one request per entity). */
const TITLE_LIMIT = 500;
/** How many people are loaded to name user values (one request, when a user column is shown). */
const PEOPLE_LIMIT = 500;

/**
 * Titles of related records (`account` → "Shengda Tech 33") for the relation columns shown, and
 * people's names for the user columns shown (`owner` → "Li Lei"), in one map by id. One request
 * per target entity and one for the app's people, kept for the page's life; ids it could not
 * load stay as ids.
 */
export function useRelationTitles(
  app: App,
  entity: Entity | undefined,
  columns: readonly string[],
  source: RecordSource,
): ReadonlyMap<string, string> {
  const [titles, setTitles] = useState<ReadonlyMap<string, string>>(new Map());
  const targets = relationTargets(app, entity, columns);
  const people = source.people !== undefined && hasUserColumn(entity, columns);
  const key = `${targets.map((t) => `${t.entity}:${t.titleField}`).join(",")}${people ? "+people" : ""}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `targets`
  useEffect(() => {
    let live = true;
    const add = (pairs: ReadonlyArray<readonly [string, string]>) =>
      setTitles((old) => {
        const next = new Map(old);
        for (const [id, title] of pairs) if (title) next.set(id, title);
        return next;
      });
    if (people) {
      source.people?.({ limit: PEOPLE_LIMIT }).then(
        (found) => live && add(found.map((p) => [p.id, p.name] as const)),
        () => undefined, // names unavailable: ids stay as they are
      );
    }
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

function hasUserColumn(entity: Entity | undefined, columns: readonly string[]): boolean {
  return columns.some((c) => entity?.fields.find((f) => f.id === c)?.kind === "user");
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
    const titleField = titleFieldOf(target);
    if (titleField) out.set(target.id, { entity: target.id, titleField });
  }
  return [...out.values()];
}
