import type { Clock } from "../http/context.js";

/** Limits of the sign-in rate limiter. */
export interface LoginLimits {
  /** Failures allowed per user name within the window. */
  readonly perUsername: number;
  /** Failures allowed per client address within the window. */
  readonly perIp: number;
  readonly windowMs: number;
  /** Keys remembered at most; the oldest are forgotten first, so a flood cannot exhaust memory. */
  readonly maxKeys: number;
}

/** Five failures per user name or twenty per address within 15 minutes. */
export const defaultLoginLimits: LoginLimits = { perUsername: 5, perIp: 20, windowMs: 15 * 60 * 1000, maxKeys: 10_000 };

/** Counts failed sign-ins in memory (per process) by user name and by client address. */
export interface LoginLimiter {
  /** Seconds to wait when either limit is reached; undefined when the attempt may go ahead. */
  retryAfter(username: string, ip: string): number | undefined;
  failed(username: string, ip: string): void;
  /** A successful sign-in clears the user name's failures (not the address's). */
  succeeded(username: string): void;
}

/** Create a limiter; time comes from `clock` so tests can move it. */
export function createLoginLimiter(clock: Clock, limits: LoginLimits = defaultLoginLimits): LoginLimiter {
  const failures = new Map<string, number[]>();
  // User names are case-insensitive in storage, so "Alice" and "alice" share a counter.
  const userKey = (username: string) => `u:${username.toLowerCase()}`;
  const ipKey = (ip: string) => `i:${ip}`;

  const recent = (key: string, now: number): number[] => {
    const kept = (failures.get(key) ?? []).filter((at) => at > now - limits.windowMs);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  const wait = (key: string, limit: number, now: number): number | undefined => {
    const times = recent(key, now);
    const oldest = times[times.length - limit];
    if (times.length < limit || oldest === undefined) return undefined;
    return Math.max(1, Math.ceil((oldest + limits.windowMs - now) / 1000));
  };
  const add = (key: string, now: number) => {
    const times = recent(key, now);
    failures.delete(key);
    failures.set(key, [...times, now]);
    while (failures.size > limits.maxKeys) {
      const first = failures.keys().next();
      if (first.done) break;
      failures.delete(first.value);
    }
  };

  return {
    retryAfter(username, ip) {
      const now = clock.now().getTime();
      const waits = [wait(userKey(username), limits.perUsername, now), wait(ipKey(ip), limits.perIp, now)];
      const defined = waits.filter((w): w is number => w !== undefined);
      return defined.length === 0 ? undefined : Math.max(...defined);
    },
    failed(username, ip) {
      const now = clock.now().getTime();
      add(userKey(username), now);
      add(ipKey(ip), now);
    },
    succeeded(username) {
      failures.delete(userKey(username));
    },
  };
}
