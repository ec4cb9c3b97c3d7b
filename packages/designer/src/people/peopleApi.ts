import type { Http } from "../api/http.js";

/** A scalar user attribute, as the server stores it (permission formulas read it as `$user.<key>`). */
export type AttributeValue = string | number | boolean | null;

/** A user as administrators see it in `GET /api/users`; `roles` only when listed for one app. */
export interface PersonJson {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly isAdmin: boolean;
  readonly disabled: boolean;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly createdAt: string;
  readonly roles?: readonly string[];
}

export interface NewPerson {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
}

const enc = encodeURIComponent;

/**
 * The server's user administration routes (administrators only): list (with the roles held in one
 * app), create, change attributes, set roles in an app. The server checks every rule; failures come
 * back as `ApiError`s with the server's code, path and message in both languages.
 */
export function createPeopleApi(http: Http) {
  return {
    async list(appId?: string): Promise<readonly PersonJson[]> {
      const query = appId === undefined ? "" : `?app=${enc(appId)}`;
      return (await http.request<{ users: PersonJson[] }>("GET", `/api/users${query}`)).users;
    },
    create(person: NewPerson): Promise<PersonJson> {
      return http.request("POST", "/api/users", person);
    },
    /** Replace the user's whole attribute set. */
    setAttributes(userId: string, attributes: Readonly<Record<string, AttributeValue>>): Promise<PersonJson> {
      return http.request("PATCH", `/api/users/${enc(userId)}`, { attributes });
    },
    async setRoles(userId: string, appId: string, roles: readonly string[]): Promise<readonly string[]> {
      const body = { roles: [...roles] };
      return (await http.request<{ roles: string[] }>("PUT", `/api/users/${enc(userId)}/roles/${enc(appId)}`, body))
        .roles;
    },
  };
}

export type PeopleApi = ReturnType<typeof createPeopleApi>;
