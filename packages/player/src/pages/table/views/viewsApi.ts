import { type HttpOptions, requestJson } from "../../../data/http.js";
import type { SortKey } from "../../../sort.js";

/** What a view holds: the formula box's filter, the sort keys and the columns in order. */
export interface ViewContent {
  readonly filter: string;
  readonly sort: readonly SortKey[];
  readonly columns: readonly string[];
}

/** A saved view as the server returns it. */
export interface SavedView extends ViewContent {
  readonly id: string;
  readonly page: string;
  readonly name: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The signed-in user's saved views of one app (`/api/apps/:app/views`). */
export interface ViewsApi {
  list(page: string): Promise<SavedView[]>;
  create(page: string, name: string, content: ViewContent): Promise<SavedView>;
  replace(id: string, name: string, content: ViewContent): Promise<SavedView>;
  remove(id: string): Promise<void>;
}

export function createViewsApi(http: HttpOptions, appId: string): ViewsApi {
  const base = `/api/apps/${encodeURIComponent(appId)}/views`;
  const body = (name: string, content: ViewContent) => ({
    name,
    filter: content.filter,
    sort: content.sort.map((s) => ({ field: s.field, direction: s.direction })),
    columns: [...content.columns],
  });
  return {
    list: async (page) =>
      (await requestJson<{ views: SavedView[] }>(http, "GET", `${base}?page=${encodeURIComponent(page)}`)).views,
    create: (page, name, content) => requestJson<SavedView>(http, "POST", base, { page, ...body(name, content) }),
    replace: (id, name, content) =>
      requestJson<SavedView>(http, "PUT", `${base}/${encodeURIComponent(id)}`, body(name, content)),
    remove: async (id) => {
      await requestJson<void>(http, "DELETE", `${base}/${encodeURIComponent(id)}`);
    },
  };
}

/** Do two view contents show the same table? (Sort and column order matter; filter whitespace does not.) */
export function sameContent(a: ViewContent, b: ViewContent): boolean {
  return (
    a.filter.trim() === b.filter.trim() &&
    JSON.stringify(a.sort.map((s) => [s.field, s.direction])) ===
      JSON.stringify(b.sort.map((s) => [s.field, s.direction])) &&
    JSON.stringify(a.columns) === JSON.stringify(b.columns)
  );
}
