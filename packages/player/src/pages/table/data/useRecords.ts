import type { DataSource, SourceSortKey } from "@plinth/runtime";
import { useCallback, useEffect, useRef, useState } from "react";
import type { RecordJson } from "../../../data/records.js";

export interface RecordsState {
  readonly records: readonly RecordJson[];
  /** The cursor of the next page, when the server has more. */
  readonly next?: string;
  /** How many rows the filter matches in all (undefined until counted, or if counting failed). */
  readonly total?: number;
  readonly loading: boolean;
  readonly error?: unknown;
}

export interface Records extends RecordsState {
  /** Load from the first page again (after an import, or a retry). */
  reload(): void;
  /** Load the next page, unless one is loading, an error stands, or there is none. */
  loadMore(): void;
  /** Put a record the user changed in place of its old version (same id). */
  replace(record: RecordJson): void;
}

export interface RecordsQuery {
  readonly entity: string;
  readonly filter?: string | undefined;
  readonly sort: readonly SourceSortKey[];
  readonly pageSize: number;
  /** Only these fields (plus id and version); all readable fields when omitted. */
  readonly fields?: readonly string[] | undefined;
}

/**
 * Cursor-paged records of a filter and sort, and how many there are: the first page when the
 * query changes (a later answer replaces an earlier one still in flight), further pages on demand.
 * The total comes from the query model (`count`), so "N of M" is the database's own figure.
 */
export function useRecords(
  source: Pick<DataSource, "list" | "query">,
  query: RecordsQuery,
  /** Where the titles of the related records each page points at go (asked of the server with the page). */
  titles?: Map<string, string>,
): Records {
  const [state, setState] = useState<RecordsState>({ records: [], loading: true });
  const requestNo = useRef(0);
  /** Counts answer for one query: a new filter (or a reload) starts a new generation. */
  const generation = useRef(0);
  const current = useRef(state);
  current.current = state;
  const key = JSON.stringify([query.entity, query.filter, query.sort, query.pageSize, query.fields]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the query's parts
  const load = useCallback(
    async (cursor?: string) => {
      const no = ++requestNo.current;
      setState((old) => ({ ...old, loading: true, error: undefined }));
      try {
        const page = await source.list(query.entity, {
          ...(query.filter ? { filter: query.filter } : {}),
          ...(query.sort.length > 0 ? { sort: query.sort } : {}),
          limit: query.pageSize,
          ...(cursor ? { cursor } : {}),
          ...(query.fields ? { fields: query.fields } : {}),
          ...(titles ? { titles: true } : {}),
        });
        if (no !== requestNo.current) return;
        const records = page.records as RecordJson[];
        // Before the rows render: each row finds its related records' titles as it first draws.
        if (titles && page.titles) for (const [id, title] of Object.entries(page.titles)) titles.set(id, title);
        setState((old) => {
          const { next: _next, ...rest } = old;
          return {
            ...rest,
            records: cursor ? [...old.records, ...records] : records,
            ...(page.next ? { next: page.next } : {}),
            loading: false,
          };
        });
      } catch (error) {
        if (no !== requestNo.current) return;
        setState((old) => ({ ...(cursor ? old : { records: [] }), loading: false, error }));
      }
    },
    [source, key, titles],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the query's parts
  const count = useCallback(async () => {
    const no = ++generation.current;
    try {
      const result = await source.query({
        entity: query.entity,
        ...(query.filter ? { filter: query.filter } : {}),
        measures: [{ id: "n", aggregate: "count" }],
      });
      const n = Number(result.rows[0]?.n);
      if (no === generation.current && Number.isFinite(n)) setState((old) => ({ ...old, total: n }));
    } catch {
      // no total: the count line says "N loaded" only
    }
  }, [source, key]);

  const reload = useCallback(() => {
    setState((old) => {
      const { total: _total, ...rest } = old;
      return rest;
    });
    void load();
    void count();
  }, [load, count]);

  useEffect(reload, [reload]);

  const loadMore = useCallback(() => {
    const now = current.current;
    if (now.loading || now.error !== undefined || !now.next) return;
    void load(now.next);
  }, [load]);

  const replace = useCallback((record: RecordJson) => {
    setState((old) => ({ ...old, records: old.records.map((r) => (r.id === record.id ? record : r)) }));
  }, []);

  return { ...state, reload, loadMore, replace };
}
