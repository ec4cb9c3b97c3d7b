import { randomFillSync } from "node:crypto";
import type { Runtime } from "@plinth/runtime";
import type { Storage, UserRow } from "../storage/types.js";

/** Sources of time and ids, passed in so tests can control them. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const ID_BYTES = 15;
/** Random bytes for 273 ids, drawn from the CSPRNG at once (one call per id cost more than the id). */
const pool = Buffer.alloc(ID_BYTES * 273);
let used = pool.length;

/** Random ids: 20 url-safe characters (120 bits from the operating system's CSPRNG). */
export function newId(): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += ID_BYTES;
  return pool.toString("base64url", used - ID_BYTES, used);
}

/** Something that happened to a record, inside the write transaction that did it. */
export interface WriteEvent {
  readonly tx: import("../storage/types.js").WriteTx;
  readonly published: import("../apps/published.js").PublishedApp;
  readonly actor: import("../records/userContext.js").Actor;
  readonly entity: string;
  readonly kind: "create" | "update" | "delete" | "transition" | "approval";
  /** The record after the change (before it, for deletes). */
  readonly record: Readonly<Record<string, unknown>>;
  readonly old?: Readonly<Record<string, unknown>>;
  readonly workflow?: string;
  readonly transition?: string;
  readonly outcome?: "submitted" | "approved" | "rejected" | "returned" | "recalled";
  /** How many automations deep this write is (automations that write trigger more). */
  readonly depth: number;
  readonly requestId: string | null;
  /** A record restored from an export (`?restore=1`, administrators only): automations stay out of it. */
  readonly restore?: boolean;
}

/** Code that reacts to writes in the same transaction (automations); registered by createServer. */
export interface WriteHooks {
  readonly afterWrite: Array<(event: WriteEvent) => Promise<void>>;
  /** Checks before a record is updated or deleted (e.g. the lock of a pending approval); throw to refuse. */
  readonly beforeChange: Array<(event: ChangeEvent) => Promise<void>>;
}

/** A change about to be made to a stored record. */
export interface ChangeEvent {
  readonly tx: import("../storage/types.js").WriteTx;
  readonly published: import("../apps/published.js").PublishedApp;
  readonly actor: import("../records/userContext.js").Actor;
  readonly entity: string;
  readonly kind: "update" | "delete";
  readonly record: Readonly<Record<string, unknown>>;
  /** The fields the change writes (empty for deletes). */
  readonly fields: readonly string[];
  /** The values the change writes, by field (empty for deletes). */
  readonly values: Readonly<Record<string, unknown>>;
  /** True for changes the workflow engine itself makes (effects, status mirrors). */
  readonly system: boolean;
}

export function createWriteHooks(): WriteHooks {
  return { afterWrite: [], beforeChange: [] };
}

/** Everything a route needs, created once per server. */
export interface ServerContext {
  readonly hooks: WriteHooks;
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
