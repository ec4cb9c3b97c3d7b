import {
  type App,
  approverVariables,
  compileFormulaText,
  createAppScope,
  type EvalEnv,
  FieldTypes,
  indexApp,
  type Party,
} from "@plinth/runtime";
import type { ServerContext } from "../http/context.js";
import type { ReadTx, UserRow } from "../storage/types.js";

/** The users of an app with their roles, fetched once per action so the core can ask synchronously. */
export interface Directory {
  readonly users: ReadonlyMap<string, { readonly user: UserRow; readonly roles: readonly string[] }>;
  resolve(party: Party, record: Readonly<Record<string, unknown>>, env: EvalEnv): string[];
  managerOf(user: string): string | undefined;
  /** Out of office: attributes `delegate`, `awayFrom`, `awayUntil` (ISO instants). */
  delegateOf(user: string, at: string): string | undefined;
  rolesOf(user: string): readonly string[];
  isAdmin(user: string): boolean;
}

const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * Load the app's people and build the synchronous answers the workflow core needs. A role
 * party's `match` formula is evaluated for each candidate with `$approver.*` = that user.
 */
export async function loadDirectory(
  ctx: ServerContext,
  tx: ReadTx,
  app: App,
  appId: string,
  entity: string,
  expand: (roles: readonly string[]) => ReadonlySet<string>,
  actor?: UserRow,
): Promise<Directory> {
  const rows = await tx.platform.usersInApp(appId);
  if (actor && !rows.some((r) => r.user.id === actor.id)) rows.push({ user: actor, roles: [] });
  const users = new Map(rows.map((r) => [r.user.id, { user: r.user, roles: [...expand(r.roles)] }]));
  const model = indexApp(app);
  const types = new FieldTypes(model, ctx.runtime.functions);
  const matchCache = new Map<string, ReturnType<typeof compileFormulaText>>();
  const admins = new Set(rows.filter((r) => r.user.isAdmin).map((r) => r.user.id));
  return {
    users,
    resolve(party, record, env) {
      switch (party.kind) {
        case "users":
          return [...party.users];
        case "userField": {
          const id = text(record[party.field]);
          return id ? [id] : [];
        }
        case "managerOf": {
          const id = text(record[party.field]);
          const manager = id ? text(users.get(id)?.user.attributes.manager) : undefined;
          return manager ? [manager] : [];
        }
        case "role": {
          const candidates = [...users.values()].filter((u) => u.roles.includes(party.role) && !u.user.disabled);
          if (party.match === undefined) return candidates.map((c) => c.user.id);
          let compiled = matchCache.get(party.match);
          if (!compiled) {
            compiled = compileFormulaText(
              party.match,
              createAppScope(types, model, entity, approverVariables),
              ctx.runtime.functions,
              { expected: "boolean" },
            );
            matchCache.set(party.match, compiled);
          }
          if (!compiled.ok) return [];
          const formula = compiled.formula;
          return candidates
            .filter((c) => {
              const approver = {
                ...c.user.attributes,
                id: c.user.id,
                region: text(c.user.attributes.region) ?? null,
                team: text(c.user.attributes.team) ?? null,
                roles: c.roles,
              };
              const result = formula.evaluate(record, { ...env, approver });
              return result.ok && result.value === true;
            })
            .map((c) => c.user.id);
        }
      }
    },
    managerOf: (user) => text(users.get(user)?.user.attributes.manager),
    delegateOf(user, at) {
      const attributes = users.get(user)?.user.attributes;
      const delegate = text(attributes?.delegate);
      const from = text(attributes?.awayFrom);
      const until = text(attributes?.awayUntil);
      if (!delegate || !from || !until) return undefined;
      return from <= at && at < until ? delegate : undefined;
    },
    rolesOf: (user) => users.get(user)?.roles ?? [],
    isAdmin: (user) => admins.has(user),
  };
}
