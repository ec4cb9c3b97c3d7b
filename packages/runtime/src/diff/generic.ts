/**
 * Every change the specific comparators do not explain (automations, pages, dashboards,
 * navigation, settings, descriptions, effects, …), found by the overlay's id-addressed diff so
 * nothing goes unreported, and described by where it is and which property changed.
 */
import { valueAt } from "../app/refactor/pointer.js";
import { deriveOverlay } from "../overlay/derive.js";
import { isUnder, resolveIdPath } from "../overlay/idPath.js";
import type { App } from "../schema/types.js";
import type { ChangeSink, Place } from "./collect.js";
import { valueWords, type Words, where, words } from "./describe.js";

interface Located {
  /** The kind of node, the prefix of the change's code (`automation`, `page`, `widget`, …). */
  readonly kind: string;
  readonly where: Words;
  /** The id path of the node itself. */
  readonly node: string;
  /** The property path under the node (empty for the node itself). */
  readonly rest: string;
}

type Rule = readonly [pattern: RegExp, kind: string, where: (m: RegExpExecArray) => Words];

const rules: readonly Rule[] = [
  [/^\/entities\/([^/]+)\/fields\/([^/]+)/, "field", (m) => where.field(m[1] as string, m[2] as string)],
  [/^\/entities\/([^/]+)\/rules\/([^/]+)/, "rule", (m) => where.rule(m[1] as string, m[2] as string)],
  [/^\/entities\/([^/]+)/, "entity", (m) => where.entity(m[1] as string)],
  [/^\/workflows\/([^/]+)\/states\/([^/]+)/, "state", (m) => where.state(m[1] as string, m[2] as string)],
  [
    /^\/workflows\/([^/]+)\/transitions\/([^/]+)/,
    "transition",
    (m) => where.transition(m[1] as string, m[2] as string),
  ],
  [
    /^\/workflows\/([^/]+)\/steps\/([^/]+)/,
    "step",
    (m) => words(`approval ${m[1]} step ${m[2]}`, `审批 ${m[1]} 步骤 ${m[2]}`),
  ],
  [/^\/workflows\/([^/]+)/, "workflow", (m) => where.workflow(m[1] as string)],
  [/^\/roles\/([^/]+)/, "role", (m) => where.role(m[1] as string)],
  [/^\/automations\/([^/]+)/, "automation", (m) => where.automation(m[1] as string)],
  [/^\/computations\/([^/]+)/, "computation", (m) => where.computation(m[1] as string)],
  [/^\/pages\/([^/]+)\/widgets\/([^/]+)/, "widget", (m) => where.widget(m[1] as string, m[2] as string)],
  [/^\/pages\/([^/]+)/, "page", (m) => where.page(m[1] as string)],
  [/^\/tests\/([^/]+)/, "scenario", (m) => words(`scenario ${m[1]}`, `场景 ${m[1]}`)],
];

function locate(target: string): Located {
  for (const [pattern, kind, at] of rules) {
    const m = pattern.exec(target);
    if (m) return { kind, where: at(m), node: m[0], rest: target.slice(m[0].length).replace(/^\//, "") };
  }
  return { kind: "app", where: where.app(), node: "", rest: target.replace(/^\//, "") };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function placeOf(before: App, after: App, target: string, removed: boolean): Place {
  const inNew = removed ? undefined : resolveIdPath(after, target);
  const inOld = resolveIdPath(before, target);
  return {
    ...(inOld.ok && inOld.exists ? { old: inOld.pointer } : {}),
    ...(inNew?.ok ? { new: inNew.pointer } : {}),
    target,
  };
}

/** The app's own identity and variant settings, which the overlay diff leaves out. */
const identity = ["version", "extends", "overlay", "locks"] as const;

/** Report every difference not under an id path `sink` has already explained. */
export function diffRest(sink: ChangeSink, before: App, after: App): void {
  for (const key of identity) {
    const was: unknown = before[key];
    const now: unknown = after[key];
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    const place: Place = {
      ...(was === undefined ? {} : { old: `/${key}` }),
      ...(now === undefined ? {} : { new: `/${key}` }),
      target: `/${key}`,
    };
    const from = valueWords(was);
    const to = valueWords(now);
    sink.say(
      "app.changed",
      "compatible",
      place,
      where.app(),
      words(`${key} ${from.en} → ${to.en}`, `${key} ${from["zh-CN"]} → ${to["zh-CN"]}`),
      { property: key },
    );
  }
  const covered = [...sink.covered];
  const explained = (target: string) => covered.some((c) => isUnder(target, c));
  for (const op of deriveOverlay(before, after)) {
    const target =
      op.op === "add" && isObject(op.value) && typeof op.value.id === "string"
        ? `${op.target}/${op.value.id}`
        : op.target;
    if (explained(target)) continue;
    const at = locate(target);
    if (op.op === "add" && at.rest === "") {
      sink.say(
        `${at.kind}.added`,
        "compatible",
        placeOf(before, after, target, false),
        at.where,
        words("added", "新增"),
      );
    } else if (op.op === "remove" && at.rest === "") {
      sink.say(
        `${at.kind}.removed`,
        "compatible",
        placeOf(before, after, target, true),
        at.where,
        words("removed", "已删除"),
      );
    } else {
      const was = resolveIdPath(before, target);
      const old = was.ok && was.exists ? valueAt(before, was.pointer) : undefined;
      const now = op.op === "remove" ? undefined : "value" in op ? op.value : undefined;
      const prop = at.rest || at.kind;
      const from = valueWords(old);
      const to = valueWords(now);
      sink.say(
        `${at.kind}.changed`,
        "compatible",
        placeOf(before, after, target, op.op === "remove"),
        at.where,
        words(`${prop} ${from.en} → ${to.en}`, `${prop} ${from["zh-CN"]} → ${to["zh-CN"]}`),
        { property: prop },
      );
    }
  }
}
