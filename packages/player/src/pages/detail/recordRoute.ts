/**
 * Record URLs under an app (form and detail pages):
 *   /apps/:app/new/:entity              create a record
 *   /apps/:app/new/:entity/with/:field/:value
 *                                       create one with a field filled in (a related list's "New")
 *   /apps/:app/record/:entity/:id       the record's detail page
 *   /apps/:app/record/:entity/:id/edit  edit the record
 */
export type RecordRoute = {
  readonly kind: "record";
  readonly appId: string;
  readonly entity: string;
  readonly mode: "new" | "view" | "edit";
  readonly id?: string;
  /** Values a new record starts with (the relation to the record a related list belongs to). */
  readonly prefill?: Readonly<Record<string, string>>;
};

/** `rest` = the decoded path segments after the app id; undefined when they are not a record URL. */
export function parseRecordRoute(appId: string, rest: readonly string[]): RecordRoute | undefined {
  const [head, entity, id, tail] = rest;
  if (head === "new" && entity && rest.length === 2) return { kind: "record", appId, entity, mode: "new" };
  const [, , withWord, field, value] = rest;
  if (head === "new" && entity && withWord === "with" && field && value && rest.length === 5)
    return { kind: "record", appId, entity, mode: "new", prefill: { [field]: value } };
  if (head === "record" && entity && id && rest.length === 3)
    return { kind: "record", appId, entity, id, mode: "view" };
  if (head === "record" && entity && id && tail === "edit" && rest.length === 4)
    return { kind: "record", appId, entity, id, mode: "edit" };
  return undefined;
}

export function recordRoutePath(route: RecordRoute): string {
  const app = `/apps/${encodeURIComponent(route.appId)}`;
  const entity = encodeURIComponent(route.entity);
  if (route.mode === "new" || route.id === undefined) {
    const [prefill] = Object.entries(route.prefill ?? {});
    return prefill
      ? `${app}/new/${entity}/with/${encodeURIComponent(prefill[0])}/${encodeURIComponent(prefill[1])}`
      : `${app}/new/${entity}`;
  }
  const record = `${app}/record/${entity}/${encodeURIComponent(route.id)}`;
  return route.mode === "edit" ? `${record}/edit` : record;
}
