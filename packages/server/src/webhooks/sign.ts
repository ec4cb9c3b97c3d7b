import { createHmac } from "node:crypto";

/**
 * The `X-Plinth-Signature` value: `sha256=` and the hex HMAC-SHA256, keyed by the webhook
 * secret, of `"<timestamp>.<body>"` (timestamp = `X-Plinth-Timestamp`, Unix seconds). A
 * receiver recomputes it over the raw body and rejects old timestamps to stop replays.
 *
 * @example
 * signWebhook(secret, "1780304400", '{"event":"automation"}'); // "sha256=5d1c…"
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}
