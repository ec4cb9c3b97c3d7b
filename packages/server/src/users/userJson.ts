import type { UserRow } from "../storage/types.js";

/** User attributes as the API accepts and returns them: scalar values only. */
export type UserAttributes = Readonly<Record<string, string | number | boolean | null>>;

/** A user as the signed-in user sees it (login, /api/auth/me). Never carries the password hash. */
export interface SessionUserJson {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly isAdmin: boolean;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** A user as administrators see it in /api/users. Never carries the password hash. */
export interface UserJson extends SessionUserJson {
  readonly disabled: boolean;
  readonly createdAt: string;
}

/** The session view of a stored user, built field by field so nothing secret slips through. */
export function toSessionUser(user: UserRow): SessionUserJson {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    isAdmin: user.isAdmin,
    attributes: user.attributes,
  };
}

/** The administrator's view of a stored user. */
export function toUserJson(user: UserRow): UserJson {
  return { ...toSessionUser(user), disabled: user.disabled, createdAt: user.createdAt };
}

const attributesResponse = { type: "object", additionalProperties: true } as const;

/** Response schema of {@link SessionUserJson}. */
export const sessionUserSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    username: { type: "string" },
    displayName: { type: "string" },
    isAdmin: { type: "boolean" },
    attributes: attributesResponse,
  },
  required: ["id", "username", "displayName", "isAdmin", "attributes"],
  additionalProperties: false,
} as const;

/** Response schema of {@link UserJson}. */
export const userSchema = {
  type: "object",
  properties: {
    ...sessionUserSchema.properties,
    disabled: { type: "boolean" },
    createdAt: { type: "string" },
  },
  required: [...sessionUserSchema.required, "disabled", "createdAt"],
  additionalProperties: false,
} as const;
