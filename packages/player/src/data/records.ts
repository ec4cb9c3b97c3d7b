import { createRestSource, type DataSource, type FetchLike } from "@plinth/runtime";
import type { HttpOptions } from "./http.js";
import { xhrSend } from "./upload.js";

/**
 * The player's data seam: the runtime's DataSource (REST implementation, `createRestSource`).
 * Pages take only the methods they use, so the in-memory source (previews, tests) fits as well;
 * `people` (names for user columns) is used when the source has it.
 */
export type RecordSource = Pick<DataSource, "list"> & Partial<Pick<DataSource, "people">>;
export type { ListOptions, ListPage, SourceSortKey } from "@plinth/runtime";

/** A record as a list returns it: its fields plus `id` and `version`. */
export type RecordJson = Readonly<Record<string, unknown>> & { readonly id: string };

/**
 * The app's data source over the server's REST routes, sharing the player's fetch (its 401
 * handling) and the session's CSRF token. Errors carry both languages (`DataSourceError.messages`),
 * so the locale sent here only picks the server's `message` and the source need not change with it.
 */
export function createRecordSource(http: HttpOptions, app: string): DataSource {
  return createRestSource({
    baseUrl: http.baseUrl,
    app,
    fetch: http.fetch as FetchLike,
    // Uploads go through XMLHttpRequest, the one browser API that reports upload progress.
    send: xhrSend,
    ...(http.csrfToken ? { csrfToken: http.csrfToken } : {}),
  });
}
