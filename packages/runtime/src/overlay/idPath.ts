/**
 * Id-addressed paths: `/entities/promotion/fields/plannedSpend/max` names the `max` of the field
 * `plannedSpend` of the entity `promotion`, whatever their positions. Overlays and locks use them
 * so that they survive template upgrades that reorder or insert elements.
 */

/** Arrays whose elements are addressed by their `id` in an id path. */
export const ID_COLLECTIONS: ReadonlySet<string> = new Set([
  "entities",
  "fields",
  "rules",
  "roles",
  "workflows",
  "states",
  "transitions",
  "steps",
  "automations",
  "computations",
  "pages",
  "widgets",
  "tabs",
  "measures",
  "tests",
]);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

export type Resolved =
  | { readonly ok: true; readonly pointer: string; readonly exists: boolean }
  | { readonly ok: false; readonly missing: string };

const escapeToken = (token: string) => token.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * The JSON Pointer an id path names in `doc`. The last segment may name a property that does
 * not exist yet (`exists: false`, e.g. setting a `max` the base left out); a missing element or
 * container on the way fails with the id path up to it.
 */
export function resolveIdPath(doc: unknown, idPath: string): Resolved {
  const segments = idPath.split("/").slice(1);
  let current: unknown = doc;
  let pointer = "";
  let idPrefix = "";
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    idPrefix += `/${segment}`;
    const last = i === segments.length - 1;
    if (Array.isArray(current)) {
      const index = current.findIndex((item) => isObject(item) && item.id === segment);
      if (index < 0) return { ok: false, missing: idPrefix };
      pointer += `/${index}`;
      current = current[index];
      continue;
    }
    if (!isObject(current)) return { ok: false, missing: idPrefix };
    const has = Object.hasOwn(current, segment);
    if (!has && !last) return { ok: false, missing: idPrefix };
    pointer += `/${escapeToken(segment)}`;
    if (!has) return { ok: true, pointer, exists: false };
    current = current[segment];
  }
  return { ok: true, pointer, exists: true };
}

/**
 * The id path of a JSON Pointer into `doc`: array indexes inside id collections become the
 * element's id. Undefined when the pointer crosses an array that is not addressed by id (an
 * option list, a layout's children): such places are edited as a whole by their owner's path.
 */
export function idPathOf(doc: unknown, pointer: string): string | undefined {
  const tokens =
    pointer === ""
      ? []
      : pointer
          .slice(1)
          .split("/")
          .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
  let current: unknown = doc;
  let out = "";
  let parentKey = "";
  for (const token of tokens) {
    if (Array.isArray(current)) {
      const item = current[Number(token)];
      if (!ID_COLLECTIONS.has(parentKey) || !isObject(item) || typeof item.id !== "string") return undefined;
      out += `/${item.id}`;
      current = item;
    } else if (isObject(current)) {
      out += `/${token}`;
      current = current[token];
    } else return undefined;
    parentKey = token;
  }
  return out;
}

/** True when `inner` is `outer` or lies under it. */
export function isUnder(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`);
}
