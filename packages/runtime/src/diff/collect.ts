/** The pieces every comparator of `diffApps` shares: pairing elements by id and collecting changes. */
import { childPointer } from "../issues/issue.js";
import { type Words, words } from "./describe.js";
import type { AppChange, ChangeClass } from "./diff.types.js";

/** Where a node is: its pointer in each document that has it, and its id path. */
export interface Place {
  readonly old?: string;
  readonly new?: string;
  readonly target: string;
}

/** One element present in both versions. */
export interface Pair<T> {
  readonly before: T;
  readonly after: T;
  readonly place: Place;
  /** 1-based position in the new version (approval steps are named by it). */
  readonly position: number;
}

/** An element present in one version only. */
export interface Single<T> {
  readonly item: T;
  readonly place: Place;
  readonly position: number;
}

/** Elements of an id collection, matched by id. */
export interface Paired<T> {
  readonly added: ReadonlyArray<Single<T>>;
  readonly removed: ReadonlyArray<Single<T>>;
  readonly common: ReadonlyArray<Pair<T>>;
}

/**
 * Match the elements of two versions of an id collection.
 * `oldBase`/`newBase` are the collection's pointers, `target` its id path.
 */
export function pairById<T extends { readonly id: string }>(
  before: readonly T[] | undefined,
  after: readonly T[] | undefined,
  oldBase: string | undefined,
  newBase: string | undefined,
  target: string,
): Paired<T> {
  const olds = before ?? [];
  const news = after ?? [];
  const oldIndex = new Map(olds.map((item, i) => [item.id, i]));
  const newIds = new Set(news.map((item) => item.id));
  const added: Array<Single<T>> = [];
  const common: Array<Pair<T>> = [];
  news.forEach((item, i) => {
    const at = oldIndex.get(item.id);
    const place: Place = {
      ...(at !== undefined && oldBase !== undefined ? { old: childPointer(oldBase, at) } : {}),
      ...(newBase !== undefined ? { new: childPointer(newBase, i) } : {}),
      target: `${target}/${item.id}`,
    };
    if (at === undefined) added.push({ item, place, position: i + 1 });
    else common.push({ before: olds[at] as T, after: item, place, position: i + 1 });
  });
  const removed = olds.flatMap((item, i) =>
    newIds.has(item.id)
      ? []
      : [
          {
            item,
            place: {
              ...(oldBase !== undefined ? { old: childPointer(oldBase, i) } : {}),
              target: `${target}/${item.id}`,
            },
            position: i + 1,
          },
        ],
  );
  return { added, removed, common };
}

/** A child of a place: `prop` appended to each pointer and to the id path. */
export function child(place: Place, prop: string): Place {
  return {
    ...(place.old !== undefined ? { old: childPointer(place.old, prop) } : {}),
    ...(place.new !== undefined ? { new: childPointer(place.new, prop) } : {}),
    target: `${place.target}/${prop}`,
  };
}

/** JSON equality (documents are plain JSON). */
export const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Collects changes and the id paths they explain (the generic pass skips those). */
export interface ChangeSink {
  add(code: string, cls: ChangeClass, place: Place, params: Record<string, unknown>, message: Words): void;
  /** Say `where: what` (the usual shape of a change's sentence). */
  say(code: string, cls: ChangeClass, place: Place, where: Words, what: Words, params?: Record<string, unknown>): void;
  /** Mark id paths as explained without adding a change. */
  cover(...targets: string[]): void;
  readonly changes: readonly AppChange[];
  readonly covered: readonly string[];
}

export function createChangeSink(): ChangeSink {
  const changes: AppChange[] = [];
  const covered: string[] = [];
  const add: ChangeSink["add"] = (code, cls, place, params, message) => {
    const inNew = place.new !== undefined;
    changes.push({
      code,
      class: cls,
      path: (inNew ? place.new : place.old) ?? "",
      in: inNew ? "new" : "old",
      target: place.target,
      params,
      message,
    });
    covered.push(place.target);
  };
  return {
    add,
    say: (code, cls, place, where, what, params = {}) =>
      add(code, cls, place, params, words(`${where.en}: ${what.en}`, `${where["zh-CN"]}：${what["zh-CN"]}`)),
    cover: (...targets) => covered.push(...targets),
    changes,
    covered,
  };
}
