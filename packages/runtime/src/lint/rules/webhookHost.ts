import type { RuleReport } from "../lint.types.js";
import { defineRule } from "../rule.js";
import { appEffects } from "./walk.js";

/** The host of an https URL, lower-cased; undefined when it does not parse. */
export function hostOf(url: string): string | undefined {
  const match = /^https:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url);
  const host = match?.[1]?.toLowerCase();
  return host === undefined || host === "" ? undefined : host;
}

/** Does `host` match an allow-list entry (`api.example.com`, or `*.example.com` for its subdomains)? */
export function hostAllowed(host: string, allowHosts: readonly string[]): boolean {
  return allowHosts.some((entry) => {
    const allowed = entry.toLowerCase();
    return allowed.startsWith("*.")
      ? host.endsWith(allowed.slice(1)) && host.length > allowed.length - 1
      : host === allowed;
  });
}

/** A webhook sends record data out of Plinth: only to hosts the project has approved. */
export const webhookHost = defineRule({
  id: "security/webhook-host",
  category: "security",
  severity: "error",
  summary: {
    en: 'A webhook whose host is not in the config\'s "allowHosts".',
    "zh-CN": "Webhook 的目标主机不在配置的 “allowHosts” 中。",
  },
  messages: {
    outside: {
      en: "This webhook sends data to '{host}', which is not in the allow-list ({allowed}).",
      "zh-CN": "此 Webhook 把数据发送到“{host}”，该主机不在允许列表（{allowedZh}）中。",
      hint: {
        en: 'If \'{host}\' is approved, add it to "allowHosts" in the lint config (or "*.domain" for its subdomains); otherwise point the webhook at an approved host.',
        "zh-CN":
          "若“{host}”已获批准，请将其加入 lint 配置的 “allowHosts”（子域名可写 “*.域名”）；否则请改用已批准的主机。",
      },
    },
  },
  check(ctx) {
    const out: RuleReport<"outside">[] = [];
    const allowed = ctx.allowHosts.length === 0 ? "none configured" : ctx.allowHosts.join(", ");
    const allowedZh = ctx.allowHosts.length === 0 ? "未配置" : ctx.allowHosts.join("、");
    for (const { effect, path } of appEffects(ctx.app)) {
      if (effect.kind !== "webhook") continue;
      const host = hostOf(effect.url) ?? effect.url;
      if (!hostAllowed(host, ctx.allowHosts))
        out.push({ path: `${path}/url`, message: "outside", params: { host, url: effect.url, allowed, allowedZh } });
    }
    return out;
  },
});
