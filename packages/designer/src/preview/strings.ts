import type { Locale } from "@plinth/runtime";

/**
 * The preview's words. The preview takes its language as a prop and sits inside the runtime's
 * own i18n provider, so it carries its words itself instead of reading the designer's i18next.
 */
const en = {
  preview_invalid: "The app has problems, so it cannot be previewed:",
  preview_noEntity: "There is no entity {{entity}} in this app.",
  preview_noPage: "There is no form page {{page}} for {{entity}}.",
  preview_asAdmin: "Previewing {{entity}} as an administrator (every permission).",
  preview_asRoles: "Previewing {{entity}} as {{roles}}.",
  preview_noRoles: "Previewing {{entity}} as a user with no role.",
  preview_cannotRead: "This user cannot see records of {{entity}}.",
  preview_noRecordInScope: "None of the sample records is within this user's row scope: showing a new record.",
  preview_cannotUpdate: "This user cannot edit records of {{entity}}: every field is read-only.",
  preview_cannotCreate: "This user cannot create records of {{entity}}: every field is read-only.",
  preview_hidden: "Hidden: {{fields}}",
  preview_readOnly: "Read-only: {{fields}}",
  preview_loading: "Loading sample data…",
  preview_failed: "The sample data could not be loaded: {{reason}}",
  preview_region: "Form preview",
  preview_admin: "Administrator",
};

const zh: typeof en = {
  preview_invalid: "应用存在问题，无法预览：",
  preview_noEntity: "此应用中没有实体 {{entity}}。",
  preview_noPage: "{{entity}} 没有表单页面 {{page}}。",
  preview_asAdmin: "以管理员身份（拥有全部权限）预览 {{entity}}。",
  preview_asRoles: "以 {{roles}} 身份预览 {{entity}}。",
  preview_noRoles: "以没有任何角色的用户身份预览 {{entity}}。",
  preview_cannotRead: "此用户无法查看 {{entity}} 的记录。",
  preview_noRecordInScope: "没有示例记录在此用户的数据范围内：显示一条新记录。",
  preview_cannotUpdate: "此用户无法编辑 {{entity}} 的记录：所有字段均为只读。",
  preview_cannotCreate: "此用户无法创建 {{entity}} 的记录：所有字段均为只读。",
  preview_hidden: "隐藏：{{fields}}",
  preview_readOnly: "只读：{{fields}}",
  preview_loading: "正在加载示例数据…",
  preview_failed: "无法加载示例数据：{{reason}}",
  preview_region: "表单预览",
  preview_admin: "管理员",
};

export type PreviewKey = keyof typeof en;

const words: Record<Locale, typeof en> = { en, "zh-CN": zh };

/** The preview's text for `key` in `locale`, `{{name}}` filled in from `params`. */
export function previewText(locale: Locale, key: PreviewKey, params: Readonly<Record<string, string>> = {}): string {
  return words[locale][key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? "");
}
