import type { App, Entity } from "@plinth/runtime";
import { lookUpTitles, titleFieldOf, titleRequests } from "@plinth/runtime";
import { useEffect, useRef, useState } from "react";
import type { RecordSource } from "../data/records.js";

/** How many records of a related entity are loaded up front to name relation values (one request per entity). */
const TITLE_LIMIT = 500;
/** How many people are loaded to name user values (one request, when a user column is shown). */
const PEOPLE_LIMIT = 500;

/**
 * Titles of related records (`account` → "Shengda Tech 33") for the relation columns shown, and
 * people's names for the user columns shown (`owner` → "Li Lei"), in one map by id. Up front, one
 * request per target entity (its first records) and one for the app's people; then, for the
 * `rows` shown, the ids still unnamed are asked for by id (`id IN (...)`), so a relation into an
 * entity of 20,000 records is named too. Ids the reader may not read stay as ids.
 */
export function useRelationTitles(
  app: App,
  entity: Entity | undefined,
  columns: readonly string[],
  source: RecordSource,
  rows?: readonly Readonly<Record<string, unknown>>[],
): ReadonlyMap<string, string> {
  const [titles, setTitles] = useState<ReadonlyMap<string, string>>(new Map());
  const targets = relationTargets(app, entity, columns);
  const people = source.people !== undefined && hasUserColumn(entity, columns);
  const key = `${targets.map((t) => `${t.entity}:${t.titleField}`).join(",")}${people ? "+people" : ""}`;
  // Ids already asked for (by this key and source), so each is asked once.
  const asked = useRef({ key: "", source, ids: new Set<string>() });
  if (asked.current.key !== key || asked.current.source !== source) asked.current = { key, source, ids: new Set() };

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `targets`
  useEffect(() => {
    let live = true;
    const add = (pairs: ReadonlyArray<readonly [string, string]>) =>
      live &&
      setTitles((old) => {
        const next = new Map(old);
        for (const [id, title] of pairs) if (title) next.set(id, title);
        return next;
      });
    if (people) {
      source.people?.({ limit: PEOPLE_LIMIT }).then(
        (found) => add(found.map((p) => [p.id, p.name] as const)),
        () => undefined, // names unavailable: ids stay as they are
      );
    }
    for (const target of targets) {
      source.list(target.entity, { limit: TITLE_LIMIT, fields: [target.titleField] }).then(
        (page) =>
          add(
            page.records.flatMap((record) => {
              const title = record[target.titleField];
              return typeof title === "string" && title ? [[String(record.id), title] as const] : [];
            }),
          ),
        () => undefined, // no read access to the target: ids stay as they are
      );
    }
    return () => {
      live = false;
    };
  }, [key, source]);

  // The rows' ids nobody has named or asked for yet.
  const seen = asked.current.ids;
  const missing = rows
    ? titleRequests(
        app,
        entity?.id ?? "",
        rows,
        targets.flatMap((t) => t.columns),
      )
        .map((request) => ({ ...request, ids: request.ids.filter((id) => !titles.has(id) && !seen.has(id)) }))
        .filter((request) => request.ids.length > 0)
    : [];
  const missingKey = missing.map((r) => `${r.entity}:${r.ids.join(",")}`).join(";");
  // biome-ignore lint/correctness/useExhaustiveDependencies: `missingKey` stands for `missing`
  useEffect(() => {
    if (missing.length === 0) return;
    for (const request of missing) for (const id of request.ids) seen.add(id);
    let live = true;
    lookUpTitles(missing, async (target, options) => (await source.list(target, options)).records).then(
      (named) => {
        if (!live || Object.keys(named).length === 0) return;
        setTitles((old) => new Map([...old, ...Object.entries(named)]));
      },
      () => undefined, // not readable: ids stay as they are
    );
    return () => {
      live = false;
    };
  }, [missingKey, source]);
  return titles;
}

function hasUserColumn(entity: Entity | undefined, columns: readonly string[]): boolean {
  return columns.some((c) => entity?.fields.find((f) => f.id === c)?.kind === "user");
}

/** The related entities the relation columns point at, with their title field and those columns. */
function relationTargets(
  app: App,
  entity: Entity | undefined,
  columns: readonly string[],
): { entity: string; titleField: string; columns: string[] }[] {
  const out = new Map<string, { entity: string; titleField: string; columns: string[] }>();
  for (const column of columns) {
    const field = entity?.fields.find((f) => f.id === column);
    if (field?.kind !== "relation") continue;
    const target = (app.entities ?? []).find((e) => e.id === field.target);
    if (!target) continue;
    const titleField = titleFieldOf(target);
    if (!titleField) continue;
    const entry = out.get(target.id) ?? { entity: target.id, titleField, columns: [] };
    entry.columns.push(column);
    out.set(target.id, entry);
  }
  return [...out.values()];
}
