/**
 * Words for the things a diff talks about, in English and Chinese: where a change is
 * (entity, field, approval step, …) and what a value is (a party, a label, a list).
 */
import { type Label, labelText } from "../i18n/label.js";
import type { LocalizedMessage } from "../issues/issue.js";

export type Words = LocalizedMessage;

/** Two texts as one localized message. */
export const words = (en: string, zh: string): Words => ({ en, "zh-CN": zh });

/** Join localized pieces with a separator per language. */
export function joinWords(parts: readonly Words[], en = ", ", zh = "、"): Words {
  return words(parts.map((p) => p.en).join(en), parts.map((p) => p["zh-CN"]).join(zh));
}

export const where = {
  app: (): Words => words("app", "应用"),
  entity: (e: string): Words => words(`entity ${e}`, `实体 ${e}`),
  field: (e: string, f: string): Words => words(`field ${e}.${f}`, `字段 ${e}.${f}`),
  rule: (e: string, r: string): Words => words(`rule ${e}.${r}`, `规则 ${e}.${r}`),
  role: (r: string): Words => words(`role ${r}`, `角色 ${r}`),
  grant: (r: string, e: string): Words =>
    words(
      `permission of role ${r} on ${e === "*" ? "every entity" : e}`,
      `角色 ${r} 对${e === "*" ? "所有实体" : ` ${e} `}的权限`,
    ),
  workflow: (w: string): Words => words(`workflow ${w}`, `流程 ${w}`),
  state: (w: string, s: string): Words => words(`workflow ${w}: state ${s}`, `流程 ${w}：状态 ${s}`),
  transition: (w: string, t: string): Words => words(`workflow ${w}: transition ${t}`, `流程 ${w}：流转 ${t}`),
  step: (w: string, n: number, id: string): Words =>
    words(`approval ${w} step ${n} (${id})`, `审批 ${w} 第 ${n} 步（${id}）`),
  automation: (a: string): Words => words(`automation ${a}`, `自动化 ${a}`),
  computation: (c: string): Words => words(`computation ${c}`, `计算 ${c}`),
  page: (p: string): Words => words(`page ${p}`, `页面 ${p}`),
  widget: (p: string, w: string): Words => words(`dashboard ${p}: widget ${w}`, `仪表盘 ${p}：组件 ${w}`),
};

/** A label in both languages, quoted; the fallback when it has no text. */
export function labelWords(label: Label | undefined, fallback: string): Words {
  return words(`“${labelText(label, "en", fallback)}”`, `“${labelText(label, "zh-CN", fallback)}”`);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
/** A label given per language (`{ en, zh-CN }`). */
const isLabel = (v: unknown): v is Label =>
  isObject(v) &&
  Object.keys(v).length > 0 &&
  Object.entries(v).every(([k, t]) => (k === "en" || k === "zh-CN") && typeof t === "string");

/** Who a party is: approvers of a step, recipients of a notification. */
export function partyWords(party: unknown): Words {
  if (!isObject(party)) return words("nobody", "无人");
  const match = typeof party.match === "string" ? party.match : undefined;
  switch (party.kind) {
    case "role":
      return match
        ? words(`role ${String(party.role)} where ${match}`, `角色 ${String(party.role)}（条件 ${match}）`)
        : words(`role ${String(party.role)}`, `角色 ${String(party.role)}`);
    case "userField":
      return words(`the user in field ${String(party.field)}`, `字段 ${String(party.field)} 中的用户`);
    case "managerOf":
      return words(`the manager of field ${String(party.field)}`, `字段 ${String(party.field)} 中用户的上级`);
    case "users":
      return words(`users ${(party.users as string[]).join(", ")}`, `用户 ${(party.users as string[]).join("、")}`);
    default:
      return valueWords(party);
  }
}

/** A short rendering of any value (formulas and ids as they are, objects as compact JSON). */
export function valueWords(value: unknown): Words {
  if (value === undefined) return words("(none)", "（无）");
  if (typeof value === "string") return words(value, value);
  if (isLabel(value)) return labelWords(value, "");
  const json = JSON.stringify(value);
  const text = json.length > 80 ? `${json.slice(0, 77)}...` : json;
  return words(text, text);
}

/** A list of ids (or "none"). */
export function listWords(values: readonly string[]): Words {
  return values.length === 0 ? words("none", "无") : words(values.join(", "), values.join("、"));
}
