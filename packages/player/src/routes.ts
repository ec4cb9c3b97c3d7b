import { parseRecordRoute, type RecordRoute, recordRoutePath } from "./pages/detail/recordRoute.js"; // record pages (form/detail)

/** The player's URLs, all under /apps/ (the server's SPA fallback serves index.html for each). */
export type Route =
  | { readonly kind: "apps" }
  | { readonly kind: "app"; readonly appId: string }
  | { readonly kind: "page"; readonly appId: string; readonly pageId: string }
  | RecordRoute; // record pages (form/detail)

export const BASE = "/apps/";

export function parseRoute(pathname: string): Route {
  const path = pathname === "/apps" ? BASE : pathname;
  const rest = path.startsWith(BASE) ? path.slice(BASE.length) : path.replace(/^\/+/, "");
  const parts = rest
    .split("/")
    .filter((p) => p.length > 0)
    .map((p) => decodeURIComponent(p));
  const [appId, pageId] = parts;
  if (!appId) return { kind: "apps" };
  if (!pageId) return { kind: "app", appId };
  const record = parseRecordRoute(appId, parts.slice(1)); // record pages (form/detail)
  if (record) return record;
  return { kind: "page", appId, pageId };
}

export function routePath(route: Route): string {
  switch (route.kind) {
    case "apps":
      return BASE;
    case "app":
      return `${BASE}${encodeURIComponent(route.appId)}`;
    case "page":
      return `${BASE}${encodeURIComponent(route.appId)}/${encodeURIComponent(route.pageId)}`;
    case "record": // record pages (form/detail)
      return recordRoutePath(route);
  }
}
