import { randomBytes } from "node:crypto";
import type { ServerContext } from "../http/context.js";
import type { PlatformReader, PlatformWriter } from "../storage/types.js";

const HOSTS_KEY = "webhooks.allowedHosts";
const SECRET_KEY = "webhooks.secret";

/** The hosts webhooks may call (`host` or `host:port`); none until an administrator lists some. */
export async function allowedHosts(platform: PlatformReader): Promise<string[]> {
  const raw = await platform.meta(HOSTS_KEY);
  if (raw === undefined) return [];
  const parsed: unknown = JSON.parse(raw);
  return Array.isArray(parsed) ? parsed.filter((h): h is string => typeof h === "string") : [];
}

export async function saveAllowedHosts(platform: PlatformWriter, hosts: readonly string[]): Promise<void> {
  await platform.setMeta(HOSTS_KEY, JSON.stringify(hosts));
}

/** The signing secret (HMAC-SHA256 key of `X-Plinth-Signature`), if one was set or generated. */
export async function webhookSecret(platform: PlatformReader): Promise<string | undefined> {
  return platform.meta(SECRET_KEY);
}

export async function saveWebhookSecret(platform: PlatformWriter, secret: string): Promise<void> {
  await platform.setMeta(SECRET_KEY, secret);
}

/** Generate the signing secret on first start (32 random bytes, hex); keeps an existing one. */
export async function ensureWebhookSecret(ctx: ServerContext): Promise<void> {
  if ((await ctx.storage.read((tx) => webhookSecret(tx.platform))) !== undefined) return;
  await ctx.storage.write(async (tx) => {
    if ((await webhookSecret(tx.platform)) === undefined)
      await saveWebhookSecret(tx.platform, randomBytes(32).toString("hex"));
  });
}
