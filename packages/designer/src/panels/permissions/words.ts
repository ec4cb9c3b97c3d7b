import type { Locale } from "@plinth/runtime";
import type { Command } from "../../store/commands.js";
import { permissionsStrings } from "./strings.js";

type Key = keyof (typeof permissionsStrings)["en"];

function fill(text: string, params: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? "");
}

/** The name of an action in `locale`: the standard ones translated, an app's own by id. */
export function actionWord(action: string, locale: Locale): string {
  const key = `perm_action_${action}` as Key;
  return key in permissionsStrings.en ? permissionsStrings[locale][key] : action;
}

/** A command's label in both languages, whatever the UI language (undo says it in either). */
export function bothLabels(key: Key, params: Readonly<Record<string, string>>, action?: string): Command["label"] {
  const word = (locale: Locale): Record<string, string> =>
    action === undefined ? {} : { action: actionWord(action, locale) };
  return {
    en: fill(permissionsStrings.en[key], { ...params, ...word("en") }),
    "zh-CN": fill(permissionsStrings["zh-CN"][key], { ...params, ...word("zh-CN") }),
  };
}
