import type { ServerContext } from "../http/context.js";
import { insertUserTx } from "../users/service.js";
import { generatePassword, hashPassword } from "./passwords.js";

export { createUser, type NewUser } from "../users/service.js";

/** What {@link ensureAdmin} did. `password` is set only when it generated one (print it once). */
export interface EnsureAdminResult {
  readonly created: boolean;
  readonly username: string;
  readonly password?: string;
}

const ADMIN_USERNAME = "admin";

/**
 * On first start (no user at all), create the administrator `admin` with the given password
 * (from PLINTH_ADMIN_PASSWORD) or a generated one, which is returned so the caller can show
 * it once. Does nothing when any user exists. The check and the insert share one transaction.
 *
 * @example
 * const admin = await ensureAdmin(ctx, { password: process.env.PLINTH_ADMIN_PASSWORD });
 * if (admin.password) console.log(`Sign in as admin with ${admin.password}`);
 */
export async function ensureAdmin(ctx: ServerContext, options: { password?: string } = {}): Promise<EnsureAdminResult> {
  const exists = await ctx.storage.read(async (tx) => (await tx.platform.listUsers()).length > 0);
  if (exists) return { created: false, username: ADMIN_USERNAME };
  const generated = options.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(options.password || generated || "");
  const created = await ctx.storage.write(async (tx) => {
    if ((await tx.platform.listUsers()).length > 0) return false;
    const input = { username: ADMIN_USERNAME, displayName: "Administrator", isAdmin: true };
    await insertUserTx(ctx, tx, input, passwordHash, { userId: null, requestId: null });
    return true;
  });
  if (!created) return { created: false, username: ADMIN_USERNAME };
  return generated === undefined
    ? { created: true, username: ADMIN_USERNAME }
    : { created: true, username: ADMIN_USERNAME, password: generated };
}
