/**
 * The canonical text of an app document, for files kept in git (the designer's export, the CLI):
 * the same document always gives the same bytes, so a diff shows only what changed.
 *
 * The rule, for every object in the document:
 * 1. identity keys first, in this order: `$schema`, `schemaVersion`, `id`, `version`, `kind`,
 *    `label` (so a diff hunk's context names the thing it is in);
 * 2. then the keys the meta-schema declares for that object, in the meta-schema's order (the
 *    object's schema is found by following the document's path through the meta-schema: `$ref`s,
 *    `items`, `properties`, and the `oneOf`/`anyOf` branches whose `kind` matches);
 * 3. then every other key (free-form values: overlay values, scenario data, defaults; keys the
 *    meta-schema does not know) in code-unit order.
 *
 * Arrays keep their order (it is meaningful: fields, layout children, steps). Two-space indent,
 * one trailing newline; values are written as `JSON.stringify` writes them. The order depends only
 * on each object's keys and place, never on the input's order, so the form is idempotent and
 * `JSON.parse(canonicalAppJson(x))` deep-equals `x`.
 */
import { buildAppMetaSchema } from "../schema/app.js";

type Schema = Readonly<Record<string, unknown>>;

const HEAD_KEYS = ["$schema", "schemaVersion", "id", "version", "kind", "label"] as const;
const HEAD_RANK: ReadonlyMap<string, number> = new Map(HEAD_KEYS.map((k, i) => [k, i]));

interface MetaIndex {
  readonly root: Schema;
  readonly byId: ReadonlyMap<string, Schema>;
}

let defaultIndex: MetaIndex | undefined;

function indexSchema(meta: Schema): MetaIndex {
  const byId = new Map<string, Schema>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const schema = node as Schema;
    if (typeof schema.$id === "string") byId.set(schema.$id, schema);
    for (const value of Object.values(schema)) visit(value);
  };
  visit(meta);
  return { root: meta, byId };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** The branches of `schema` that can describe `value`: `$ref`s resolved, combinators flattened. */
function branches(index: MetaIndex, schema: unknown, value: unknown, out: Schema[], depth = 0): Schema[] {
  if (!isObject(schema) || depth > 32) return out;
  if (typeof schema.$ref === "string") {
    branches(index, index.byId.get(schema.$ref), value, out, depth + 1);
  }
  const kindConst =
    isObject(schema.properties) && isObject(schema.properties.kind) ? schema.properties.kind.const : undefined;
  if (kindConst !== undefined && isObject(value) && value.kind !== kindConst) return out;
  if (schema.properties !== undefined || schema.items !== undefined || schema.additionalProperties !== undefined)
    out.push(schema);
  for (const key of ["oneOf", "anyOf", "allOf"] as const) {
    const list = schema[key];
    if (Array.isArray(list)) for (const sub of list) branches(index, sub, value, out, depth + 1);
  }
  return out;
}

function orderedKeys(keys: readonly string[], declared: readonly string[]): string[] {
  const declaredRank = new Map(declared.map((k, i) => [k, i]));
  const rank = (k: string): [number, number] => {
    const head = HEAD_RANK.get(k);
    if (head !== undefined) return [0, head];
    const known = declaredRank.get(k);
    return known === undefined ? [2, 0] : [1, known];
  };
  return [...keys].sort((a, b) => {
    const [ga, ra] = rank(a);
    const [gb, rb] = rank(b);
    if (ga !== gb) return ga - gb;
    if (ra !== rb) return ra - rb;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

function write(index: MetaIndex, value: unknown, schemas: readonly Schema[], indent: string): string | undefined {
  if (value === null) return "null";
  if (typeof value !== "object") return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((item) => {
      const sub: Schema[] = [];
      for (const s of schemas) branches(index, s.items, item, sub);
      return `${inner}${write(index, item, sub, inner) ?? "null"}`;
    });
    return `[\n${items.join(",\n")}\n${indent}]`;
  }
  const record = value as Record<string, unknown>;
  const declared: string[] = [];
  for (const s of schemas)
    if (isObject(s.properties)) for (const k of Object.keys(s.properties)) if (!declared.includes(k)) declared.push(k);
  const lines: string[] = [];
  for (const key of orderedKeys(Object.keys(record), declared)) {
    const sub: Schema[] = [];
    for (const s of schemas) {
      const own = isObject(s.properties) ? s.properties[key] : undefined;
      branches(index, own ?? s.additionalProperties, record[key], sub);
    }
    const text = write(index, record[key], sub, inner);
    if (text !== undefined) lines.push(`${inner}${JSON.stringify(key)}: ${text}`);
  }
  return lines.length === 0 ? "{}" : `{\n${lines.join(",\n")}\n${indent}}`;
}

/**
 * The canonical JSON text of an app document (see the rule at the top of this file).
 * `metaSchema` defaults to the published meta-schema (`app-schema.json`).
 *
 * @example canonicalAppJson({ version: "1.0.0", id: "crm", schemaVersion: 1 })
 * // '{\n  "schemaVersion": 1,\n  "id": "crm",\n  "version": "1.0.0"\n}\n'
 */
export function canonicalAppJson(app: unknown, metaSchema?: Record<string, unknown>): string {
  defaultIndex ??= metaSchema ? undefined : indexSchema(buildAppMetaSchema());
  const index = metaSchema ? indexSchema(metaSchema) : (defaultIndex as MetaIndex);
  const text = write(index, toJsonValue(app), branches(index, index.root, app, []), "");
  return `${text ?? "null"}\n`;
}

/** What `JSON.stringify` would see: `toJSON` applied, functions and symbols left out. */
function toJsonValue(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
