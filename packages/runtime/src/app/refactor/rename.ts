import { isKeyword } from "../../expr/lexer.js";
import type { Issue } from "../../issues/issue.js";
import { ID_PATTERN } from "../../schema/common.js";
import type { App } from "../../schema/types.js";
import type { SchemaRef } from "../checks/schemaRef.js";
import { schemaIssue } from "../messages.js";
import { systemFieldIds } from "../model.js";
import { parentOf, valueAt } from "./pointer.js";

/** What a refactor renames or removes: an entity, or a field of an entity. */
export type RefactorTarget =
  | { readonly kind: "entity"; readonly id: string }
  | { readonly kind: "field"; readonly entity: string; readonly id: string };

/**
 * One change to the document: the string at `path` becomes `to` (`set`), or the object key at
 * `path` is renamed in place, keeping the key order (`renameKey`). `from` is the old text, so an
 * edit can be shown, checked and inverted.
 */
export interface RefactorEdit {
  readonly kind: "set" | "renameKey";
  readonly path: string;
  readonly from: string;
  readonly to: string;
}

const idPattern = new RegExp(ID_PATTERN);

function bilingual(code: Parameters<typeof schemaIssue>[0], path: string, en: object, zh: object): Issue {
  const a = schemaIssue(code, path, en as Record<string, unknown>);
  const b = schemaIssue(code, path, zh as Record<string, unknown>);
  return { ...a, message: { en: a.message.en, "zh-CN": b.message["zh-CN"] } };
}

const what = {
  entity: { en: "entity", zh: "实体" },
  field: { en: "field", zh: "字段" },
} as const;

/** The JSON Pointer of the target's own definition (its `id`), or undefined when there is none. */
export function definitionPath(app: App, target: RefactorTarget): string | undefined {
  const e = (app.entities ?? []).findIndex((x) => x.id === (target.kind === "entity" ? target.id : target.entity));
  if (e < 0) return undefined;
  if (target.kind === "entity") return `/entities/${e}/id`;
  const f = (app.entities?.[e]?.fields ?? []).findIndex((x) => x.id === target.id);
  return f < 0 ? undefined : `/entities/${e}/fields/${f}/id`;
}

/** The references (from {@link SchemaRef}s of the whole app) that name the target. */
export function refsTo(refs: readonly SchemaRef[], target: RefactorTarget): SchemaRef[] {
  return refs.filter((r) =>
    target.kind === "entity"
      ? r.kind === "entity" && r.id === target.id
      : r.kind === "field" && r.entity === target.entity && r.id === target.id,
  );
}

/** Why `to` cannot be the target's new id, or undefined. */
function refuseId(app: App, target: RefactorTarget, to: string, path: string): Issue | undefined {
  if (!idPattern.test(to) || (target.kind === "field" && isKeyword(to)))
    return schemaIssue("refactor.badId", path, { id: to });
  const siblings =
    target.kind === "entity"
      ? (app.entities ?? []).map((e) => e.id)
      : [...(app.entities?.find((e) => e.id === target.entity)?.fields ?? []).map((f) => f.id), ...systemFieldIds];
  const lower = to.toLowerCase();
  if (siblings.some((id) => id !== target.id && id.toLowerCase() === lower))
    return bilingual(
      "refactor.idTaken",
      path,
      { id: to, what: what[target.kind].en },
      { id: to, what: what[target.kind].zh },
    );
  return undefined;
}

export type RenameResult =
  | { readonly ok: true; readonly edits: readonly RefactorEdit[]; readonly references: readonly SchemaRef[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * The edits that rename the target to `to` everywhere: its definition, every id, key and dotted
 * path that names it, and every formula that uses it (only the name tokens change; the rest of
 * the text stays as written). `refs` are all references of the app ({@link SchemaRef}).
 */
export function renameEdits(app: App, refs: readonly SchemaRef[], target: RefactorTarget, to: string): RenameResult {
  const definition = definitionPath(app, target);
  if (!definition) {
    const w = what[target.kind];
    return {
      ok: false,
      issues: [bilingual("refactor.notFound", "", { id: target.id, what: w.en }, { id: target.id, what: w.zh })],
    };
  }
  if (target.kind === "field" && systemFieldIds.has(target.id))
    return { ok: false, issues: [schemaIssue("refactor.systemField", definition, { id: target.id })] };
  const refused = refuseId(app, target, to, definition);
  if (refused) return { ok: false, issues: [refused] };
  if (to === target.id) return { ok: true, edits: [], references: [] };

  const references = refsTo(refs, target);
  const edits: RefactorEdit[] = [{ kind: "set", path: definition, from: target.id, to }];
  // References sharing a path (several segments of one dotted path, several uses in one formula)
  // become one edit of that string.
  const byPath = new Map<string, SchemaRef[]>();
  for (const ref of references) {
    if (ref.how.kind === "key") {
      edits.push({ kind: "renameKey", path: ref.path, from: target.id, to });
      continue;
    }
    byPath.set(ref.path, [...(byPath.get(ref.path) ?? []), ref]);
  }
  for (const [path, list] of byPath) {
    const from = valueAt(app, path);
    if (typeof from !== "string") continue;
    edits.push({ kind: "set", path, from, to: rewrite(from, list, to) });
  }
  return { ok: true, edits, references };
}

/** The string with every reference in `list` replaced by `to`. */
function rewrite(text: string, list: readonly SchemaRef[], to: string): string {
  const first = list[0];
  if (!first || first.how.kind === "id") return to;
  if (first.how.kind === "segment") {
    const separator = first.how.separator ?? ".";
    const segments = text.split(separator);
    for (const ref of list) if (ref.how.kind === "segment") segments[ref.how.index] = to;
    return segments.join(separator);
  }
  const spans = list
    .flatMap((r) => (r.how.kind === "formula" ? [{ start: r.how.start, end: r.how.end }] : []))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const span of spans) out = out.slice(0, span.start) + to + out.slice(span.end);
  return out;
}

/**
 * Apply edits to a document in place (a plain object or an immer draft). An edit whose `from`
 * no longer matches is skipped and returned, so a caller can tell a stale refactor.
 */
export function applyRefactorEdits(doc: unknown, edits: readonly RefactorEdit[]): RefactorEdit[] {
  const skipped: RefactorEdit[] = [];
  for (const edit of edits) {
    const at = parentOf(doc, edit.path);
    if (!at || (edit.kind === "renameKey" && Array.isArray(at.container))) {
      skipped.push(edit);
      continue;
    }
    const container = at.container as Record<string, unknown>;
    if (edit.kind === "set") {
      if (container[at.key] !== edit.from) skipped.push(edit);
      else container[at.key] = edit.to;
      continue;
    }
    if (!Object.hasOwn(container, edit.from) || Object.hasOwn(container, edit.to)) {
      skipped.push(edit);
      continue;
    }
    // Rename the key where it stands: remove every key and put them back in order.
    const entries = Object.entries(container);
    for (const [key] of entries) delete container[key];
    for (const [key, value] of entries) container[key === edit.from ? edit.to : key] = value;
  }
  return skipped;
}

/** Why the target may not be removed: it is still named somewhere (besides its own definition), or is not there. */
export function removalBlocked(app: App, refs: readonly SchemaRef[], target: RefactorTarget): Issue | undefined {
  if (target.kind === "field" && systemFieldIds.has(target.id))
    return schemaIssue("refactor.systemField", "", { id: target.id });
  const definition = definitionPath(app, target);
  if (!definition) {
    const w = what[target.kind];
    return bilingual("refactor.notFound", "", { id: target.id, what: w.en }, { id: target.id, what: w.zh });
  }
  // Uses inside the target's own definition (an entity's self relation, a field's own rule) go with it.
  const own = `${definition.slice(0, -"/id".length)}/`;
  const uses = refsTo(refs, target).filter((r) => !r.path.startsWith(own));
  const first = uses[0];
  if (!first) return undefined;
  const w = target.kind === "entity" ? { en: "Entity", zh: "实体" } : { en: "Field", zh: "字段" };
  return bilingual(
    "refactor.stillReferenced",
    first.path,
    { what: w.en, id: target.id, count: uses.length, first: first.path },
    { what: w.zh, id: target.id, count: uses.length, first: first.path },
  );
}
