import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

/** scrypt cost parameters used for new hashes (OWASP's minimum for scrypt). */
const COST = { N: 16384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Refuse stored parameters above this, so a tampered hash cannot make verification eat the machine. */
const MAX_N = 1 << 20;

function derive(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, keyLength, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Hash a password as `scrypt$N$r$p$salt$hash` (salt and hash base64url).
 *
 * @example
 * const stored = await hashPassword("correct horse"); // "scrypt$16384$8$1$…$…"
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, COST);
  return ["scrypt", COST.N, COST.r, COST.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/**
 * Whether `password` matches a hash from {@link hashPassword}, compared in constant time.
 * A malformed hash is a mismatch, never an exception.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p || N > MAX_N || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4] ?? "", "base64url");
  const expected = Buffer.from(parts[5] ?? "", "base64url");
  if (salt.length === 0 || expected.length === 0) return false;
  const actual = await derive(password, salt, expected.length, { N, r, p });
  return timingSafeEqual(actual, expected);
}

/** A random password of 16 url-safe characters (96 bits), e.g. for the first administrator. */
export function generatePassword(): string {
  return randomBytes(12).toString("base64url");
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash no password matches, verified against when the user is unknown so that a wrong
 * user name costs the same scrypt work as a wrong password (no timing oracle).
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(32).toString("base64url"));
  return dummyHash;
}
