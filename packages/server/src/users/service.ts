import { escapePointerToken, ID_PATTERN } from "@plinth/runtime";
import { type Actor, auditPlatform } from "../auth/audit.js";
import { authError } from "../auth/messages.js";
import { hashPassword } from "../auth/passwords.js";
import type { ServerContext } from "../http/context.js";
import { httpError } from "../http/errors.js";
import type { PlatformWriter, UserRow, WriteTx } from "../storage/types.js";
import { toUserJson, type UserAttributes, type UserJson } from "./userJson.js";

/** User names: letters, digits and `_ . @ -`, up to 64 characters (e-mail addresses fit). */
export const USERNAME_PATTERN = "^[A-Za-z0-9_.@-]{1,64}$";

/** What it takes to create a user. Without a password the user cannot sign in with one. */
export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly password?: string;
  readonly isAdmin?: boolean;
  readonly attributes?: UserAttributes;
}

/** Changes to a user; absent keys stay as they are, `attributes` replaces the whole set. */
export interface UserPatch {
  readonly displayName?: string;
  readonly password?: string;
  readonly isAdmin?: boolean;
  readonly attributes?: UserAttributes;
  readonly disabled?: boolean;
}

const userNotFound = (id: string) => httpError(404, "http.notFound", { what: "user", whatZh: "用户", id });

const MAX_ATTRIBUTE_LENGTH = 1000;

const ATTRIBUTE_KEY = new RegExp(ID_PATTERN);

/** A key as the message quotes it: a hostile one (10,000 characters) is cut short. */
const shown = (key: string) => (key.length > 64 ? `${key.slice(0, 64)}…` : key);

/**
 * Attribute names are identifiers, as permission formulas read them (`$user.region`): 400
 * `users.badAttributeKey` at `/attributes/<key>`, the first that is not. The routes call it before
 * their body schema (whose `propertyNames` says the same to OpenAPI readers), so a People screen
 * gets this code and a message in both languages, not the validator's text.
 */
export function assertAttributeKeys(attributes: unknown): void {
  if (attributes === null || typeof attributes !== "object" || Array.isArray(attributes)) return;
  for (const key of Object.keys(attributes)) {
    if (!ATTRIBUTE_KEY.test(key))
      throw authError(400, "users.badAttributeKey", { key: shown(key) }, `/attributes/${escapePointerToken(key)}`);
  }
}

/**
 * Attribute names are identifiers and values scalars (permission formulas compare them); 400
 * naming the first that is not (`users.badAttributeKey`, `users.badAttributeValue`).
 */
export function assertAttributes(attributes: Readonly<Record<string, unknown>> | undefined): void {
  assertAttributeKeys(attributes);
  for (const [key, value] of Object.entries(attributes ?? {})) {
    const ok =
      value === null ||
      typeof value === "boolean" ||
      (typeof value === "number" && Number.isFinite(value)) ||
      (typeof value === "string" && value.length <= MAX_ATTRIBUTE_LENGTH);
    if (!ok) {
      const params = { key: shown(key), max: MAX_ATTRIBUTE_LENGTH };
      throw authError(400, "users.badAttributeValue", params, `/attributes/${escapePointerToken(key)}`);
    }
  }
}

/** `attributes.manager`, when set, must name an existing user. */
async function assertManager(
  platform: PlatformWriter,
  attributes: Readonly<Record<string, unknown>> | undefined,
): Promise<void> {
  const manager = attributes?.manager;
  if (manager === undefined || manager === null) return;
  const found = typeof manager === "string" ? await platform.userById(manager) : undefined;
  if (!found) throw authError(422, "users.unknownManager", { id: String(manager) }, "/attributes/manager");
}

/**
 * Insert a user and its audit row inside an open write transaction (the password is already
 * hashed, so no slow work happens while the write lock is held).
 */
export async function insertUserTx(
  ctx: ServerContext,
  tx: WriteTx,
  input: NewUser,
  passwordHash: string | null,
  actor: Actor,
): Promise<UserRow> {
  assertAttributes(input.attributes);
  if (await tx.platform.userByName(input.username)) {
    throw httpError(409, "http.exists", { what: "User", whatZh: "用户", id: input.username }, { path: "/username" });
  }
  await assertManager(tx.platform, input.attributes);
  const user: UserRow = {
    id: ctx.newId(),
    username: input.username,
    displayName: input.displayName,
    passwordHash,
    isAdmin: input.isAdmin ?? false,
    attributes: input.attributes ?? {},
    disabled: false,
    createdAt: ctx.clock.now().toISOString(),
  };
  await tx.platform.insertUser(user);
  await auditPlatform(ctx, tx, actor, "user.create", {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    isAdmin: user.isAdmin,
    attributes: user.attributes,
  });
  return user;
}

/**
 * Create a user (used by POST /api/users, the first-start bootstrap and demo seeding).
 * Throws 409 `http.exists` when the user name is taken (case-insensitively).
 */
export async function createUser(ctx: ServerContext, input: NewUser, actor: Actor): Promise<UserJson> {
  if (!new RegExp(USERNAME_PATTERN).test(input.username)) {
    throw httpError(
      400,
      "http.badRequest",
      { reason: `username must match ${USERNAME_PATTERN}` },
      { path: "/username" },
    );
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const user = await ctx.storage.write((tx) => insertUserTx(ctx, tx, input, passwordHash, actor));
  return toUserJson(user);
}

function changes(before: UserRow, patch: UserPatch): Partial<UserRow> {
  const next: { -readonly [K in keyof UserRow]?: UserRow[K] } = {};
  if (patch.displayName !== undefined && patch.displayName !== before.displayName) next.displayName = patch.displayName;
  if (patch.isAdmin !== undefined && patch.isAdmin !== before.isAdmin) next.isAdmin = patch.isAdmin;
  if (patch.disabled !== undefined && patch.disabled !== before.disabled) next.disabled = patch.disabled;
  if (patch.attributes !== undefined && JSON.stringify(patch.attributes) !== JSON.stringify(before.attributes)) {
    next.attributes = patch.attributes;
  }
  return next;
}

/** Refuse a change that would leave nobody able to administer the server. */
async function assertAdminRemains(platform: PlatformWriter, before: UserRow, after: UserRow): Promise<void> {
  const wasActiveAdmin = before.isAdmin && !before.disabled;
  const isActiveAdmin = after.isAdmin && !after.disabled;
  if (!wasActiveAdmin || isActiveAdmin) return;
  const others = (await platform.listUsers()).filter((u) => u.id !== before.id && u.isAdmin && !u.disabled);
  if (others.length === 0) throw authError(409, "users.lastAdmin");
}

/**
 * Change a user and record `user.update` with `{key: {before, after}}` for each changed key;
 * a new password appears only as `passwordChanged: true`.
 */
export async function updateUser(ctx: ServerContext, id: string, patch: UserPatch, actor: Actor): Promise<UserJson> {
  assertAttributes(patch.attributes);
  const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
  const user = await ctx.storage.write(async (tx) => {
    const before = await tx.platform.userById(id);
    if (!before) throw userNotFound(id);
    const changed = changes(before, patch);
    const after: UserRow = { ...before, ...changed };
    await assertAdminRemains(tx.platform, before, after);
    if (changed.attributes) await assertManager(tx.platform, changed.attributes);
    const diff: Record<string, unknown> = {};
    for (const key of Object.keys(changed) as Array<keyof UserRow>)
      diff[key] = { before: before[key], after: after[key] };
    if (passwordHash !== undefined) diff.passwordChanged = true;
    if (Object.keys(diff).length === 0) return before;
    await tx.platform.updateUser(id, passwordHash === undefined ? changed : { ...changed, passwordHash });
    await auditPlatform(ctx, tx, actor, "user.update", { id, ...diff });
    return after;
  });
  return toUserJson(user);
}

/** Role ids an app declares, in its published version and its draft. */
async function declaredRoles(platform: PlatformWriter, appId: string): Promise<Set<string> | undefined> {
  const app = await platform.app(appId);
  if (!app) return undefined;
  const published = app.publishedVersion === null ? undefined : await platform.appVersion(appId, app.publishedVersion);
  const schemas = [published?.schema, app.draft ?? undefined];
  return new Set(schemas.flatMap((schema) => (schema?.roles ?? []).map((role) => role.id)));
}

/**
 * Replace a user's roles in one app and record `user.roles` with `{before, after}`.
 * The app must exist and declare each role. Returns the roles now held, sorted.
 */
export async function setUserRoles(
  ctx: ServerContext,
  userId: string,
  appId: string,
  roles: readonly string[],
  actor: Actor,
): Promise<string[]> {
  const after = [...new Set(roles)].sort();
  return ctx.storage.write(async (tx) => {
    if (!(await tx.platform.userById(userId))) throw userNotFound(userId);
    const declared = await declaredRoles(tx.platform, appId);
    if (!declared) throw httpError(404, "http.notFound", { what: "app", whatZh: "应用", id: appId });
    const unknown = after.filter((role) => !declared.has(role));
    if (unknown.length > 0) throw authError(422, "users.unknownRoles", { app: appId, roles: unknown }, "/roles");
    const before = await tx.platform.rolesOf(userId, appId);
    await tx.platform.setRoles(userId, appId, after);
    await auditPlatform(ctx, tx, actor, "user.roles", { userId, before, after }, appId);
    return after;
  });
}
