import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { systemFieldIds } from "../app/model.js";
import { standardFunctions } from "../expr/functions/index.js";
import type { App, Permission, Role } from "../schema/types.js";
import type { AccessUser } from "./access.types.js";
import { createAccessPolicy } from "./policy.js";

/**
 * The policy against a naive reference written straight from the rules in README.md, on
 * random grant sets over 2 entities × 3 roles (with random, possibly cyclic, inheritance).
 * Reproduce a failure with ACCESS_PROPERTY_SEED=<seed>.
 */
const RUNS = Number(process.env.ACCESS_PROPERTY_RUNS ?? 500);
const SEED = process.env.ACCESS_PROPERTY_SEED === undefined ? undefined : Number(process.env.ACCESS_PROPERTY_SEED);

const entities = ["deal", "lead"] as const;
const roleIds = ["r0", "r1", "r2"] as const;
const actions = ["read", "create", "update", "delete"] as const;
const ownFields = ["owner", "region", "stage", "notes"] as const;
/** Row scopes and what they mean, written without the formula language. `bad` does not compile. */
const scopes = {
  mine: "owner = $user.id",
  myRegion: "region = $user.region",
  won: "stage = 'won'",
  bad: "nosuch = 1",
} as const;
type ScopeName = keyof typeof scopes;

type TestRecord = { owner?: string | null; region?: string | null; stage?: string | null };

function scopeHolds(scope: ScopeName | undefined, user: AccessUser, record: TestRecord): boolean {
  switch (scope) {
    case undefined:
      return true;
    case "mine":
      return record.owner != null && record.owner === user.id;
    case "myRegion":
      return record.region != null && user.region != null && record.region === user.region;
    case "won":
      return record.stage === "won";
    case "bad":
      return false;
  }
}

interface Case {
  readonly roles: Role[];
  readonly grants: { readonly grant: Permission; readonly scope: ScopeName | undefined }[];
  readonly user: AccessUser;
  readonly record: TestRecord;
  readonly entity: (typeof entities)[number];
  readonly action: (typeof actions)[number] | "export";
  readonly write: "create" | "update";
}

const subset = <T>(items: readonly T[]) => fc.subarray([...items]);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const grantArb = fc
  .record({
    role: fc.constantFrom<string>(...roleIds, "*"),
    entity: fc.constantFrom<string>(...entities, "*"),
    actions: fc.subarray([...actions], { minLength: 1 }),
    scope: optional(fc.constantFrom(...(Object.keys(scopes) as ScopeName[]))),
    hiddenFields: optional(subset(ownFields)),
    readOnlyFields: optional(subset(ownFields)),
  })
  .map(({ scope, hiddenFields, readOnlyFields, ...rest }) => {
    const grant: Permission = { ...rest };
    if (scope !== undefined) grant.rowScope = scopes[scope];
    if (hiddenFields !== undefined) grant.hiddenFields = hiddenFields;
    if (readOnlyFields !== undefined) grant.readOnlyFields = readOnlyFields;
    return { grant, scope };
  });

const caseArb: fc.Arbitrary<Case> = fc.record({
  roles: fc
    .tuple(subset(roleIds), subset(roleIds), subset(roleIds))
    .map((inherits) => roleIds.map((id, i) => ({ id, inherits: inherits[i] ?? [] }))),
  grants: fc.array(grantArb, { maxLength: 6 }),
  user: fc.record({
    id: fc.constantFrom("u1", "u2"),
    roles: subset([...roleIds, "ghost"]),
    region: fc.constantFrom<string | null | undefined>("east", "west", null, undefined),
  }),
  record: fc.record(
    {
      owner: fc.constantFrom<string | null>("u1", "u2", null),
      region: fc.constantFrom<string | null>("east", "west", null),
      stage: fc.constantFrom<string | null>("open", "won", null),
    },
    { requiredKeys: [] },
  ),
  entity: fc.constantFrom(...entities),
  action: fc.constantFrom(...actions, "export" as const),
  write: fc.constantFrom("create" as const, "update" as const),
});

function appOf(c: Case): App {
  const fields = [
    { id: "owner", kind: "user" as const },
    { id: "region", kind: "select" as const, options: [{ value: "east" }, { value: "west" }] },
    { id: "stage", kind: "select" as const, options: [{ value: "open" }, { value: "won" }] },
    { id: "notes", kind: "longText" as const },
  ];
  return {
    schemaVersion: 1,
    id: "prop",
    version: "1.0.0",
    roles: c.roles,
    entities: entities.map((id) => ({ id, fields })),
    permissions: c.grants.map((g) => g.grant),
  };
}

/** The reference: every rule spelt out with loops, no precomputation. */
const reference = {
  roles(c: Case): Set<string> {
    const out = new Set(c.user.roles);
    let grew = true;
    while (grew) {
      grew = false;
      for (const role of c.roles)
        if (out.has(role.id))
          for (const parent of role.inherits ?? [])
            if (!out.has(parent)) {
              out.add(parent);
              grew = true;
            }
    }
    return out;
  },
  /** Matching grants that can give at least one row (a scope that does not compile gives none). */
  grants(c: Case, action: string) {
    const roles = reference.roles(c);
    return c.grants.filter(
      ({ grant, scope }) =>
        (grant.role === "*" || roles.has(grant.role)) &&
        (grant.entity === "*" || grant.entity === c.entity) &&
        grant.actions.includes(action) &&
        scope !== "bad",
    );
  },
  can(c: Case): boolean {
    return reference.grants(c, c.action).some(({ scope }) => scopeHolds(scope, c.user, c.record));
  },
  hidden(c: Case): Set<string> {
    const all = [...systemFieldIds, ...ownFields];
    const grants = reference.grants(c, "read");
    return new Set(all.filter((f) => grants.every(({ grant }) => grant.hiddenFields?.includes(f))));
  },
  readable(c: Case): Set<string> {
    if (reference.grants(c, "read").length === 0) return new Set();
    const hidden = reference.hidden(c);
    return new Set([...systemFieldIds, ...ownFields].filter((f) => !hidden.has(f)));
  },
  writeCodes(c: Case, changes: readonly string[]): string[] {
    const grants = reference.grants(c, c.write);
    if (grants.length === 0) return ["access.denied"];
    const hidden = reference.hidden(c);
    return changes.flatMap((f) => {
      if (hidden.has(f)) return [`access.fieldHidden ${f}`];
      const readOnly = grants.every(
        ({ grant }) => grant.readOnlyFields?.includes(f) || grant.hiddenFields?.includes(f),
      );
      return readOnly ? [`access.fieldReadOnly ${f}`] : [];
    });
  },
};

const env = { today: "2026-06-01", now: "2026-06-01T09:00:00.000Z" };

describe("access policy against a brute-force reference", () => {
  it("agrees on canOnRecord, readMask and checkWrite", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const policy = createAccessPolicy(appOf(c), { functions: standardFunctions });
        expect(new Set(policy.rolesOf(c.user.roles))).toEqual(reference.roles(c));
        expect(policy.canOnRecord(c.user, c.entity, c.action, c.record, env)).toBe(reference.can(c));
        expect(policy.readMask(c.user, c.entity)).toEqual(reference.readable(c));
        const changes = Object.fromEntries(ownFields.map((f) => [f, null]));
        const issues = policy.checkWrite(c.user, c.entity, c.write, changes);
        const codes = issues.map((i) => (i.code === "access.denied" ? i.code : `${i.code} ${i.params.field}`));
        expect(codes).toEqual(reference.writeCodes(c, ownFields));
        // The row filter and `allowed` never disagree.
        const access = policy.entityAccess(c.user, c.entity, c.action);
        expect(access.allowed).toBe(access.rowFilter.kind !== "none");
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
  });
});
