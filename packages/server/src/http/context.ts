import { randomBytes } from "node:crypto";
import type { Runtime } from "@plinth/runtime";
import type { Storage, UserRow } from "../storage/types.js";

/** Sources of time and ids, passed in so tests can control them. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Random ids: 20 url-safe characters (120 bits). */
export function newId(): string {
  return randomBytes(15).toString("base64url");
}

/** Everything a route needs, created once per server. */
export interface ServerContext {
  readonly storage: Storage;
  readonly runtime: Runtime;
  readonly clock: Clock;
  readonly newId: () => string;
  /** Cookies are sent with `Secure` when the server is behind HTTPS. */
  readonly secureCookies: boolean;
}

/** Who is calling: set by the auth plugin on every request that carries a valid session or token. */
export interface Principal {
  readonly user: UserRow;
  /** How the caller proved it: a session cookie needs a CSRF token on unsafe methods; a token does not. */
  readonly via: "session" | "token";
  readonly csrfToken?: string;
}

declare module "fastify" {
  interface FastifyRequest {
    principal?: Principal;
  }
}
