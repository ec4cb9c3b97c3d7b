/**
 * Demo users and default passwords carried into a real deployment. An app document holds no
 * user accounts or passwords of its own, so this checks what it can carry: fixed user lists
 * (approvers, recipients, escalations) naming demo-like accounts, and credentials written into
 * the app (a webhook URL with a user:password or a secret query parameter, a secret-named
 * webhook body entry or field value set to a constant, a default value on a password-like field).
 * Scenario tests' users are test fixtures and never deployed: not checked. Turn the rule off
 * for a demo app.
 */
import type { Node } from "../../expr/ast.js";
import type { RuleReport } from "../lint.types.js";
import { defineRule } from "../rule.js";
import { appEffects, appParties } from "./walk.js";

type Key = "demoUser" | "urlCredentials" | "constantSecret" | "defaultSecret";

/** User ids the demo installs and the usual sample accounts. */
const demoUserPattern = /^(demo|test|tester|sample|example|guest|admin|user|rep|manager)([._-]?\d*|[._-].*)$/i;
/** Names of things that hold a secret. */
const secretName = /(password|passwd|pwd|secret|token|api[_-]?key|credential|authorization)/i;

const options = {
  type: "object",
  properties: {
    users: {
      type: "array",
      items: { type: "string", maxLength: 64 },
      maxItems: 1000,
      description: "Further user ids that are demo accounts (besides demo-, test-, sample-, admin-like ones).",
    },
  },
  additionalProperties: false,
} as const;

/** A constant text (a string literal, maybe parenthesised): a value written into the app. */
function constantText(ast: Node | undefined): string | undefined {
  return ast?.type === "string" ? ast.value : undefined;
}

/** Query parameters of a URL whose name says they carry a secret. */
function secretParams(url: string): string[] {
  const query = url.split("#")[0]?.split("?")[1] ?? "";
  return query
    .split("&")
    .map((pair) => decodeURIComponentSafe(pair.split("=")[0] ?? ""))
    .filter((name, i, all) => name !== "" && secretName.test(name) && all.indexOf(name) === i);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export const demoCredentials = defineRule({
  id: "security/demo-credentials",
  category: "security",
  severity: "error",
  summary: {
    en: "Demo users or default passwords in the app: demo-like accounts in fixed user lists, credentials written into webhooks or field values, defaults on password-like fields.",
    "zh-CN":
      "应用中的演示用户或默认密码：固定用户列表中的演示类账号、写入 Webhook 或字段值的凭据、类似密码字段的默认值。",
  },
  options,
  messages: {
    demoUser: {
      en: "Fixed user '{user}' looks like a demo or test account; in a real deployment it does not exist or keeps a known password.",
      "zh-CN": "固定用户“{user}”看起来是演示或测试账号；在正式部署中它要么不存在，要么仍使用众所周知的密码。",
      hint: {
        en: 'Name a role ({ "kind": "role", "role": "..." }) or a user field of the record instead of fixed users; for a demo app, turn this rule off in the lint config.',
        "zh-CN":
          '请改用角色（{ "kind": "role", "role": "..." }）或记录的用户字段，而不是固定用户；演示应用可在 lint 配置中关闭本规则。',
      },
    },
    urlCredentials: {
      en: "The webhook URL carries credentials ({what}) in plain text in the app document.",
      "zh-CN": "Webhook 地址以明文在应用文档中携带了凭据（{what}）。",
      hint: {
        en: "Remove them from the URL: let the receiving service authenticate Plinth's signed webhook calls, or keep the secret in the server's configuration.",
        "zh-CN": "请从地址中删除凭据：由接收方验证 Plinth 已签名的 Webhook 调用，或把密钥保存在服务器配置中。",
      },
    },
    constantSecret: {
      en: "'{name}' is set to a constant text: a credential written into the app, readable by everyone who can export it.",
      "zh-CN": "“{name}”被设为常量文本：这是写进应用的凭据，任何能导出应用的人都能看到。",
      hint: {
        en: "Do not keep secrets in the app schema; use the server's configuration, or a value each user sets.",
        "zh-CN": "不要在应用结构中保存密钥；请使用服务器配置，或由每个用户自行设置的值。",
      },
    },
    defaultSecret: {
      en: "Field '{entity}.{field}' looks like a password or secret and has a default value: every record starts with the same known secret.",
      "zh-CN": "字段“{entity}.{field}”看起来是密码或密钥，却有默认值：每条记录都以同一个已知密钥开始。",
      hint: {
        en: 'Remove "default" from the field.',
        "zh-CN": "请删除该字段的 “default”。",
      },
    },
  },
  check(ctx, o) {
    const extra = new Set(Array.isArray(o.users) ? o.users.map(String) : []);
    const out: RuleReport<Key>[] = [];
    for (const { party, path } of appParties(ctx.app)) {
      if (party.kind !== "users") continue;
      party.users.forEach((user, i) => {
        if (extra.has(user) || demoUserPattern.test(user))
          out.push({ path: `${path}/users/${i}`, message: "demoUser", params: { user } });
      });
    }
    for (const { effect, path } of appEffects(ctx.app)) {
      if (effect.kind === "webhook") {
        const what = [
          ...(/^https:\/\/[^/?#]*@/i.test(effect.url) ? ["user:password@"] : []),
          ...secretParams(effect.url).map((name) => `?${name}=`),
        ];
        if (what.length > 0)
          out.push({ path: `${path}/url`, message: "urlCredentials", params: { what: what.join(", ") } });
        for (const [name, text] of Object.entries(effect.body ?? {}))
          if (secretName.test(name) && constantText(ctx.parse(text)) !== undefined)
            out.push({ path: `${path}/body/${name}`, message: "constantSecret", params: { name } });
      } else if (effect.kind === "setFields" || effect.kind === "createRecord") {
        for (const [name, text] of Object.entries(effect.values))
          if (secretName.test(name) && constantText(ctx.parse(text)) !== undefined)
            out.push({ path: `${path}/values/${name}`, message: "constantSecret", params: { name } });
      }
    }
    for (const { value: entity, path } of ctx.model.entities.values()) {
      entity.fields.forEach((field, f) => {
        if ("default" in field && field.default !== undefined && secretName.test(field.id))
          out.push({
            path: `${path}/fields/${f}/default`,
            message: "defaultSecret",
            params: { entity: entity.id, field: field.id },
          });
      });
    }
    return out;
  },
});
