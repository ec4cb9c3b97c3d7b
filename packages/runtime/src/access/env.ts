import type { EvalEnv, EvalUser } from "../expr/values.js";
import type { AccessUser } from "./access.types.js";

const noLookup: EvalEnv["lookup"] = () => null;

/**
 * `$user` as formulas see it: the user's attributes (`manager` and the app's declared
 * `settings.userAttributes`), then `id`, `region`, `team` (blank when absent) and `roles` (the
 * user's own roles, as given). The same object serves as `SqlEnv.user` for `translateToSql`,
 * so row filters mean the same in JavaScript and in SQL.
 */
export function evalUserOf(user: AccessUser): EvalUser {
  return { ...user, id: user.id, region: user.region ?? null, team: user.team ?? null, roles: [...user.roles] };
}

/**
 * Build the formula environment of `user`: `$user.*`, `$today`, `$now`. Relation paths
 * (`account.region`) resolve through `lookup`, and are blank when it is omitted.
 *
 * @example
 * const env = userEnv({ id: "u1", roles: ["rep"], region: "east" }, "2026-06-01", "2026-06-01T09:00:00.000Z");
 * formula.evaluate(record, env);
 */
export function userEnv(user: AccessUser, today: string, now: string, lookup: EvalEnv["lookup"] = noLookup): EvalEnv {
  return { today, now, user: evalUserOf(user), lookup };
}
