import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** The cookie that carries the session secret. */
export const SESSION_COOKIE = "plinth_session";
/** Sessions last 12 hours from sign-in. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Personal API tokens look like `plt_<id>_<secret>`. */
export const TOKEN_PREFIX = "plt_";

/** 32 random bytes as base64url: session ids, CSRF tokens and token secrets. */
export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** SHA-256 hex of a secret: only this is stored, so a leaked database does not leak live credentials. */
export function sha256(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Compare two strings without leaking where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(sha256(a), "hex");
  const right = Buffer.from(sha256(b), "hex");
  return timingSafeEqual(left, right);
}
