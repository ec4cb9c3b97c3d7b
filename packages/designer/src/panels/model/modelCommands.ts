import type { Rule } from "@plinth/runtime";
import { type Command, insertItem, removeItem, setValue } from "../../store/commands.js";

/** Set (or, with `undefined`, clear) one property of an entity, field or rule, named for the undo button. */
export function setProperty(pointer: string, key: string, owner: string, value: unknown): Command {
  const clear = value === undefined || (Array.isArray(value) && value.length === 0);
  return setValue(
    `${pointer}/${key}`,
    clear ? undefined : value,
    clear
      ? { en: `Clear ${key} of ${owner}`, "zh-CN": `清除 ${owner} 的 ${key}` }
      : { en: `Set ${key} of ${owner}`, "zh-CN": `设置 ${owner} 的 ${key}` },
  );
}

export function addRule(entityPointer: string, rule: Rule): Command {
  return insertItem(`${entityPointer}/rules`, rule, undefined, {
    en: `Add validation rule ${rule.id}`,
    "zh-CN": `添加校验规则 ${rule.id}`,
  });
}

export function removeRule(entityPointer: string, index: number, id: string): Command {
  return removeItem(`${entityPointer}/rules`, index, {
    en: `Remove validation rule ${id}`,
    "zh-CN": `删除校验规则 ${id}`,
  });
}

export function addOption(fieldPointer: string, value: string): Command {
  return insertItem(`${fieldPointer}/options`, { value }, undefined, {
    en: `Add option ${value}`,
    "zh-CN": `添加选项 ${value}`,
  });
}

export function removeOption(fieldPointer: string, index: number, value: string): Command {
  return removeItem(`${fieldPointer}/options`, index, { en: `Remove option ${value}`, "zh-CN": `删除选项 ${value}` });
}
