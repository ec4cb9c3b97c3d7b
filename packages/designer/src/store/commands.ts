import {
  type App,
  applyRefactorEdits,
  type Entity,
  type Field,
  type Issue,
  type Label,
  type Locale,
  parentOf,
  type RefactorTarget,
  type Runtime,
  removalBlocked,
  renameEdits,
  valueAt,
} from "@plinth/runtime";

/** Changes a draft of the app document in place (an immer draft: plain mutation is recorded). */
export type Recipe = (draft: App) => void;

/** A named edit, not yet committed: the history records its patches and their inverse. */
export interface Command {
  readonly name: string;
  /** What the undo and redo buttons say. */
  readonly label: { readonly en: string; readonly "zh-CN": string };
  readonly recipe: Recipe;
  readonly mergeKey?: string;
  /** A rename, so that publishing can move the stored data instead of dropping and adding it. */
  readonly rename?: RenameMeta;
}

/** What a rename command renamed: publish passes these to the server's migration plan. */
export type RenameMeta =
  | { readonly kind: "entity"; readonly from: string; readonly to: string }
  | { readonly kind: "field"; readonly entity: string; readonly from: string; readonly to: string };

/** A command, or why it cannot be made (a core issue with a path and both languages). */
export type Made =
  | { readonly ok: true; readonly command: Command }
  | { readonly ok: false; readonly issues: readonly Issue[] };

type Json = Record<string, unknown> | unknown[];

function containerAt(draft: unknown, path: string): Json {
  const value = valueAt(draft, path);
  if (value === null || typeof value !== "object") throw new Error(`No object or array at ${path}`);
  return value as Json;
}

function arrayAt(draft: unknown, path: string): unknown[] {
  const value = valueAt(draft, path);
  if (!Array.isArray(value)) throw new Error(`No array at ${path}`);
  return value;
}

/** Set the value at `path` (a JSON Pointer); `undefined` removes an object property. */
export function setValue(path: string, value: unknown, label?: Command["label"]): Command {
  return {
    name: "setValue",
    label: label ?? { en: `Change ${path}`, "zh-CN": `修改 ${path}` },
    mergeKey: `set:${path}`,
    recipe: (draft) => {
      const at = parentOf(draft, path);
      if (!at) throw new Error(`No parent for ${path}`);
      if (Array.isArray(at.container)) at.container[Number(at.key)] = value;
      else if (value === undefined) delete at.container[at.key];
      else at.container[at.key] = value;
    },
  };
}

/** Set one language of the label at `path` (a plain string label becomes a per-language one). */
export function setLabel(path: string, locale: Locale, text: string): Command {
  return {
    name: "setLabel",
    label: { en: `Edit label (${locale})`, "zh-CN": `编辑名称（${locale}）` },
    mergeKey: `label:${path}:${locale}`,
    recipe: (draft) => {
      const at = parentOf(draft, path);
      if (!at || Array.isArray(at.container)) throw new Error(`No label holder at ${path}`);
      const old = at.container[at.key] as Label | undefined;
      const next: Record<string, string> = typeof old === "string" ? { en: old } : { ...(old ?? {}) };
      if (text === "") delete next[locale];
      else next[locale] = text;
      if (Object.keys(next).length === 0) delete at.container[at.key];
      else at.container[at.key] = next;
    },
  };
}

/** Insert `value` into the array at `path` before `index` (the end when omitted). */
export function insertItem(path: string, value: unknown, index?: number, label?: Command["label"]): Command {
  return {
    name: "insertItem",
    label: label ?? { en: "Add", "zh-CN": "添加" },
    recipe: (draft) => {
      const parent = parentOf(draft, path);
      if (parent && !Array.isArray(parent.container) && valueAt(draft, path) === undefined)
        parent.container[parent.key] = [];
      const list = arrayAt(draft, path);
      list.splice(index ?? list.length, 0, value);
    },
  };
}

export function removeItem(path: string, index: number, label?: Command["label"]): Command {
  return {
    name: "removeItem",
    label: label ?? { en: "Remove", "zh-CN": "删除" },
    recipe: (draft) => {
      const list = arrayAt(draft, path);
      if (index < 0 || index >= list.length) throw new Error(`No item ${index} in ${path}`);
      list.splice(index, 1);
    },
  };
}

/**
 * Move an item from one array to another (or within one): the canvas's drop. `toIndex` counts in
 * the target array as it is before the move.
 */
export function moveItem(fromPath: string, fromIndex: number, toPath: string, toIndex: number): Command {
  return {
    name: "moveItem",
    label: { en: "Move", "zh-CN": "移动" },
    recipe: (draft) => {
      const from = arrayAt(draft, fromPath);
      const to = arrayAt(draft, toPath);
      const [item] = from.splice(fromIndex, 1);
      if (item === undefined) throw new Error(`No item ${fromIndex} in ${fromPath}`);
      const at = from === to && toIndex > fromIndex ? toIndex - 1 : toIndex;
      to.splice(Math.max(0, Math.min(at, to.length)), 0, item);
    },
  };
}

/** Make `draft` equal to `next` with the smallest changes (so patches stay small): the code view's edit. */
function reconcile(draft: Json, next: Json): void {
  if (Array.isArray(draft) && Array.isArray(next)) {
    if (draft.length > next.length) draft.splice(next.length);
    next.forEach((value, i) => reconcileAt(draft, i, value));
    return;
  }
  const target = draft as Record<string, unknown>;
  const source = next as Record<string, unknown>;
  for (const key of Object.keys(target)) if (!Object.hasOwn(source, key)) delete target[key];
  for (const [key, value] of Object.entries(source)) reconcileAt(target, key, value);
}

function reconcileAt(holder: Json, key: string | number, value: unknown): void {
  const old = (holder as Record<string | number, unknown>)[key];
  const both = (v: unknown) => v !== null && typeof v === "object";
  if (both(old) && both(value) && Array.isArray(old) === Array.isArray(value)) reconcile(old as Json, value as Json);
  else if (old !== value) (holder as Record<string | number, unknown>)[key] = value;
}

/** Replace the whole document (the code view, an import), as a minimal set of changes. */
export function replaceDocument(next: App, label?: Command["label"]): Command {
  return {
    name: "replaceDocument",
    label: label ?? { en: "Edit JSON", "zh-CN": "编辑 JSON" },
    recipe: (draft) => reconcile(draft as unknown as Json, structuredClone(next) as unknown as Json),
  };
}

export function addEntity(entity: Entity): Command {
  return {
    name: "addEntity",
    label: { en: `Add entity ${entity.id}`, "zh-CN": `添加实体 ${entity.id}` },
    recipe: (draft) => {
      draft.entities ??= [];
      (draft.entities as Entity[]).push(entity);
    },
  };
}

function entityIndex(doc: App, id: string): number {
  return (doc.entities ?? []).findIndex((e) => e.id === id);
}

export function addField(doc: App, entity: string, field: Field, index?: number): Command {
  const e = entityIndex(doc, entity);
  return insertItem(`/entities/${e}/fields`, field, index, {
    en: `Add field ${field.id}`,
    "zh-CN": `添加字段 ${field.id}`,
  });
}

/** Rename an entity or a field everywhere it is used (the core's refactor), or say why not. */
export function rename(runtime: Runtime, doc: App, target: RefactorTarget, to: string): Made & { places?: number } {
  const refs = runtime.references(doc);
  if (!refs.ok) return { ok: false, issues: refs.issues };
  const result = renameEdits(doc, refs.refs, target, to);
  if (!result.ok) return { ok: false, issues: result.issues };
  const what = target.kind === "entity" ? { en: "entity", zh: "实体" } : { en: "field", zh: "字段" };
  return {
    ok: true,
    places: result.references.length,
    command: {
      name: target.kind === "entity" ? "renameEntity" : "renameField",
      rename:
        target.kind === "entity"
          ? { kind: "entity", from: target.id, to }
          : { kind: "field", entity: target.entity, from: target.id, to },
      label: { en: `Rename ${what.en} ${target.id} to ${to}`, "zh-CN": `将${what.zh} ${target.id} 重命名为 ${to}` },
      recipe: (draft) => {
        const skipped = applyRefactorEdits(draft, result.edits);
        if (skipped.length > 0) throw new Error(`The document changed under the rename at ${skipped[0]?.path}`);
      },
    },
  };
}

/** Remove an entity or a field, refused while anything still uses it (the issue says where). */
export function remove(runtime: Runtime, doc: App, target: RefactorTarget): Made {
  const refs = runtime.references(doc);
  if (!refs.ok) return { ok: false, issues: refs.issues };
  const blocked = removalBlocked(doc, refs.refs, target);
  if (blocked) return { ok: false, issues: [blocked] };
  const e = entityIndex(doc, target.kind === "entity" ? target.id : target.entity);
  if (target.kind === "entity")
    return {
      ok: true,
      command: removeItem("/entities", e, { en: `Remove entity ${target.id}`, "zh-CN": `删除实体 ${target.id}` }),
    };
  const f = (doc.entities?.[e]?.fields ?? []).findIndex((x) => x.id === target.id);
  return {
    ok: true,
    command: removeItem(`/entities/${e}/fields`, f, {
      en: `Remove field ${target.id}`,
      "zh-CN": `删除字段 ${target.id}`,
    }),
  };
}

export { containerAt };
