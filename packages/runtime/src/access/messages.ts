import { defineMessages, issueFrom } from "../issues/catalogue.js";
import type { Issue } from "../issues/issue.js";

/** Issue codes of access decisions (paths point into the record being written). */
export const accessMessages = defineMessages({
  "access.denied": {
    en: "You may not {action} {entity} records. Ask an app administrator to grant your role this permission.",
    "zh-CN": "您无权对{entity}记录执行“{action}”操作。请联系应用管理员为您的角色授予此权限。",
  },
  "access.fieldReadOnly": {
    en: "The field '{field}' is read-only for your role when you {action} {entity} records. Leave it unchanged or ask an app administrator.",
    "zh-CN": "对{entity}记录执行“{action}”操作时，字段“{field}”对您的角色是只读的。请不要修改它，或联系应用管理员。",
  },
  "access.fieldHidden": {
    en: "The field '{field}' of {entity} is not visible to your role, so you cannot {action} it. Remove it from the change or ask an app administrator.",
    "zh-CN":
      "{entity}的字段“{field}”对您的角色不可见，因此无法在“{action}”操作中设置它。请从修改中移除该字段，或联系应用管理员。",
  },
});

export type AccessCode = keyof typeof accessMessages;

export function accessIssue(code: AccessCode, path: string, params: Readonly<Record<string, unknown>> = {}): Issue {
  return issueFrom(accessMessages, code, path, params);
}
