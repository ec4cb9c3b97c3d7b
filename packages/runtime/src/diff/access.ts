/** Roles and the permission matrix: widened, narrowed, added, removed. */
import type { App, Permission } from "../schema/types.js";
import { type ChangeSink, type Place, pairById, same } from "./collect.js";
import { labelWords, listWords, where, words } from "./describe.js";

/** Changes to the app's roles: a removed role takes access away from the people who had it. */
export function diffRoles(sink: ChangeSink, before: App, after: App): void {
  const roles = pairById(before.roles, after.roles, "/roles", "/roles", "/roles");
  for (const r of roles.added)
    sink.say("role.added", "compatible", r.place, where.role(r.item.id), words("added", "新增"));
  for (const r of roles.removed)
    sink.say(
      "role.removed",
      "breaking",
      r.place,
      where.role(r.item.id),
      words("removed: people holding it lose what it granted", "已删除：拥有该角色的人将失去其权限"),
    );
  for (const r of roles.common) {
    if (!same(r.before.label, r.after.label)) {
      const from = labelWords(r.before.label, r.after.id);
      const to = labelWords(r.after.label, r.after.id);
      sink.say(
        "role.labelChanged",
        "compatible",
        { ...r.place, target: `${r.place.target}/label` },
        where.role(r.after.id),
        words(`label ${from.en} → ${to.en}`, `名称 ${from["zh-CN"]} → ${to["zh-CN"]}`),
      );
    }
    const was = r.before.inherits ?? [];
    const now = r.after.inherits ?? [];
    if (!same(was, now)) {
      const lost = was.filter((x) => !now.includes(x));
      sink.say(
        lost.length > 0 ? "role.narrowed" : "role.widened",
        lost.length > 0 ? "breaking" : "compatible",
        { ...r.place, target: `${r.place.target}/inherits` },
        where.role(r.after.id),
        words(
          `inherits ${listWords(was).en} → ${listWords(now).en}`,
          `继承 ${listWords(was)["zh-CN"]} → ${listWords(now)["zh-CN"]}`,
        ),
        { from: was, to: now },
      );
    }
  }
}

interface Grant {
  readonly role: string;
  readonly entity: string;
  readonly grants: ReadonlyArray<{ readonly permission: Permission; readonly index: number }>;
}

function grantsOf(app: App): Map<string, Grant> {
  const out = new Map<string, Grant>();
  (app.permissions ?? []).forEach((permission, index) => {
    const key = `${permission.role}\u0000${permission.entity}`;
    const grant = out.get(key) ?? { role: permission.role, entity: permission.entity, grants: [] };
    out.set(key, { ...grant, grants: [...grant.grants, { permission, index }] });
  });
  return out;
}

const union = (grant: Grant, pick: (p: Permission) => readonly string[] | undefined): Set<string> =>
  new Set(grant.grants.flatMap((g) => pick(g.permission) ?? []));
/** Fields masked by every grant (grants add up, so a field one grant shows is visible). */
const masked = (grant: Grant, pick: (p: Permission) => readonly string[] | undefined): Set<string> => {
  const lists = grant.grants.map((g) => new Set(pick(g.permission) ?? []));
  const [first, ...rest] = lists;
  return new Set([...(first ?? [])].filter((f) => rest.every((l) => l.has(f))));
};
const minus = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x));

/**
 * Changes to the permission matrix, per role and entity (several grants add up): actions
 * gained or lost, fields hidden or shown, made read-only or writable, row scopes added,
 * removed or changed. Anything that can take access away is `breaking`.
 */
export function diffPermissions(sink: ChangeSink, before: App, after: App): void {
  const olds = grantsOf(before);
  const news = grantsOf(after);
  sink.cover("/permissions");
  for (const [key, grant] of news) {
    const old = olds.get(key);
    const first = grant.grants[0]?.index ?? 0;
    const place: Place = { new: `/permissions/${first}`, target: "/permissions" };
    const at = where.grant(grant.role, grant.entity);
    const actions = [...union(grant, (p) => p.actions)];
    if (!old) {
      sink.say(
        "permission.added",
        "compatible",
        place,
        at,
        words(`granted ${actions.join(", ")}`, `授予 ${actions.join("、")}`),
        { role: grant.role, entity: grant.entity, actions },
      );
      continue;
    }
    const placeBoth: Place = { ...place, old: `/permissions/${old.grants[0]?.index ?? 0}` };
    const params = { role: grant.role, entity: grant.entity };
    const gained = minus(
      union(grant, (p) => p.actions),
      union(old, (p) => p.actions),
    );
    const lost = minus(
      union(old, (p) => p.actions),
      union(grant, (p) => p.actions),
    );
    if (gained.length > 0)
      sink.say(
        "permission.widened",
        "compatible",
        placeBoth,
        at,
        words(`may now ${gained.join(", ")}`, `新增操作：${gained.join("、")}`),
        { ...params, actions: gained },
      );
    if (lost.length > 0)
      sink.say(
        "permission.narrowed",
        "breaking",
        placeBoth,
        at,
        words(`may no longer ${lost.join(", ")}`, `不再允许：${lost.join("、")}`),
        { ...params, actions: lost },
      );
    for (const [prop, en, zh] of [
      ["hiddenFields", "hidden", "隐藏"],
      ["readOnlyFields", "read-only", "只读"],
    ] as const) {
      const was = masked(old, (p) => p[prop]);
      const now = masked(grant, (p) => p[prop]);
      const more = minus(now, was);
      const fewer = minus(was, now);
      if (more.length > 0)
        sink.say(
          "permission.narrowed",
          "breaking",
          placeBoth,
          at,
          words(`${more.join(", ")} now ${en}`, `${more.join("、")} 改为${zh}`),
          { ...params, [prop]: more },
        );
      if (fewer.length > 0)
        sink.say(
          "permission.widened",
          "compatible",
          placeBoth,
          at,
          words(`${fewer.join(", ")} no longer ${en}`, `${fewer.join("、")} 不再${zh}`),
          { ...params, [prop]: fewer },
        );
    }
    const scopes = (g: Grant) => g.grants.map((x) => x.permission.rowScope);
    const wasScoped = scopes(old).every((s) => s !== undefined);
    const nowScoped = scopes(grant).every((s) => s !== undefined);
    if (!same(scopes(old), scopes(grant))) {
      const show = (g: Grant) =>
        scopes(g)
          .map((s) => s ?? "TRUE")
          .join(" OR ");
      const cls = wasScoped && !nowScoped ? "compatible" : "breaking";
      sink.say(
        cls === "compatible" ? "permission.widened" : "permission.rowScopeChanged",
        cls,
        placeBoth,
        at,
        words(`rows ${show(old)} → ${show(grant)}`, `可见行 ${show(old)} → ${show(grant)}`),
        { ...params, from: scopes(old), to: scopes(grant) },
      );
    }
  }
  for (const [key, old] of olds) {
    if (news.has(key)) continue;
    const actions = [...union(old, (p) => p.actions)];
    sink.say(
      "permission.removed",
      "breaking",
      { old: `/permissions/${old.grants[0]?.index ?? 0}`, target: "/permissions" },
      where.grant(old.role, old.entity),
      words(`removed (was ${actions.join(", ")})`, `已删除（原为 ${actions.join("、")}）`),
      { role: old.role, entity: old.entity, actions },
    );
  }
}
