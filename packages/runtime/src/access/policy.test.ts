import { describe, expect, it } from "vitest";
import { salesApp } from "../../test/fixtures/salesApp.js";
import { standardFunctions } from "../expr/functions/index.js";
import { renderTemplate } from "../issues/catalogue.js";
import type { App, Permission } from "../schema/types.js";
import type { AccessUser, RowFilter } from "./access.types.js";
import { userEnv } from "./env.js";
import { maskRecord } from "./mask.js";
import { accessMessages } from "./messages.js";
import { createAccessPolicy } from "./policy.js";

const env = { today: "2026-06-01", now: "2026-06-01T09:00:00.000Z" };
const rep: AccessUser = { id: "u1", roles: ["rep"], region: "east" };
const manager: AccessUser = { id: "m1", roles: ["manager"] };
const finance: AccessUser = { id: "f1", roles: ["finance"] };

function policyOf(permissions?: Permission[]) {
  const app: App = salesApp();
  return createAccessPolicy(permissions ? { ...app, permissions } : app, { functions: standardFunctions });
}

const scopes = (filter: RowFilter) => (filter.kind === "any" ? filter.formulas.map((f) => f.text) : filter.kind);

describe("createAccessPolicy on the sales app", () => {
  const policy = policyOf();

  it("denies by default: no grant, no roles, unknown entities", () => {
    expect(policy.entityAccess(finance, "account", "read")).toMatchObject({
      allowed: false,
      rowFilter: { kind: "none" },
    });
    expect(policy.entityAccess(rep, "opportunity", "delete").allowed).toBe(false);
    expect(policy.entityAccess({ id: "x", roles: [] }, "opportunity", "read").allowed).toBe(false);
    expect(policy.entityAccess({ id: "x", roles: ["nobody"] }, "opportunity", "read").allowed).toBe(false);
    expect(policy.entityAccess(manager, "nosuchentity", "read").allowed).toBe(false);
    expect(policy.readMask(finance, "account").size).toBe(0);
    // A denied read hides everything, so nothing can be written either.
    const denied = policy.entityAccess(finance, "account", "read");
    expect(denied.hiddenFields.has("name")).toBe(true);
    expect(denied.readOnlyFields.has("name")).toBe(true);
  });

  it("expands inherited roles transitively and tolerates cycles", () => {
    expect([...policy.rolesOf(["manager"])]).toEqual(["manager", "rep"]);
    expect([...policy.rolesOf(["finance", "ghost"])]).toEqual(["finance", "ghost"]);
    const app: App = {
      ...salesApp(),
      roles: [
        { id: "a", inherits: ["b"] },
        { id: "b", inherits: ["c"] },
        { id: "c", inherits: ["a"] },
      ],
    };
    expect([...createAccessPolicy(app, { functions: standardFunctions }).rolesOf(["a"])]).toEqual(["a", "b", "c"]);
  });

  it("gives a manager the union of its own and the inherited rep grants", () => {
    const read = policy.entityAccess(manager, "opportunity", "read");
    expect(read.rowFilter).toEqual({ kind: "all" });
    // rep makes `probability` read-only, the manager grant does not: grants add up.
    expect(policy.entityAccess(manager, "opportunity", "update").readOnlyFields.has("probability")).toBe(false);
    expect(policy.entityAccess(manager, "account", "delete").allowed).toBe(true);
  });

  it("scopes a rep to their own opportunities", () => {
    expect(scopes(policy.entityAccess(rep, "opportunity", "read").rowFilter)).toEqual(["owner = $user.id"]);
    expect(policy.canOnRecord(rep, "opportunity", "read", { owner: "u1" }, env)).toBe(true);
    expect(policy.canOnRecord(rep, "opportunity", "update", { owner: "u2" }, env)).toBe(false);
    // Blank owner: `owner = $user.id` is blank, and blank is not TRUE.
    expect(policy.canOnRecord(rep, "opportunity", "read", { owner: null }, env)).toBe(false);
    expect(policy.canOnRecord(rep, "opportunity", "read", {}, env)).toBe(false);
    expect(policy.canOnRecord(rep, "opportunity", "delete", { owner: "u1" }, env)).toBe(false);
    expect(policy.canOnRecord(manager, "opportunity", "delete", { owner: "u2" }, env)).toBe(true);
  });

  it("takes $user from the user argument, not from the environment passed in", () => {
    const stranger = userEnv({ id: "u2", roles: [] }, env.today, env.now);
    expect(policy.canOnRecord(rep, "opportunity", "read", { owner: "u1" }, stranger)).toBe(true);
    expect(policy.canOnRecord(rep, "opportunity", "read", { owner: "u2" }, stranger)).toBe(false);
  });

  it("ORs the row scopes of several roles", () => {
    const both: AccessUser = { id: "u1", roles: ["rep", "finance"] };
    expect(scopes(policy.entityAccess(both, "opportunity", "read").rowFilter)).toEqual([
      "owner = $user.id",
      "stage = 'won'",
    ]);
    expect(policy.canOnRecord(both, "opportunity", "read", { owner: "u9", stage: "won" }, env)).toBe(true);
    expect(policy.canOnRecord(both, "opportunity", "read", { owner: "u1", stage: "lost" }, env)).toBe(true);
    expect(policy.canOnRecord(both, "opportunity", "read", { owner: "u9", stage: "lost" }, env)).toBe(false);
    // finance only reads: the update filter is the rep's alone.
    expect(scopes(policy.entityAccess(both, "opportunity", "update").rowFilter)).toEqual(["owner = $user.id"]);
  });

  it("masks fields by intersection: a field is hidden only if every matching grant hides it", () => {
    expect([...policy.entityAccess(finance, "opportunity", "read").hiddenFields]).toEqual(["notes"]);
    const readable = policy.readMask(finance, "opportunity");
    expect(readable.has("notes")).toBe(false);
    for (const f of ["id", "version", "createdAt", "name", "amount", "contract"]) expect(readable.has(f), f).toBe(true);
    expect(policy.readMask({ id: "u1", roles: ["rep", "finance"] }, "opportunity").has("notes")).toBe(true);
    expect(policy.readMask(rep, "opportunity").size).toBe(readable.size + 1);
  });

  it("makes hidden fields read-only, and takes the hidden fields of writes from read", () => {
    const p = policyOf([
      { role: "rep", entity: "opportunity", actions: ["read"], hiddenFields: ["notes"] },
      { role: "rep", entity: "opportunity", actions: ["update"], readOnlyFields: ["amount"] },
      { role: "finance", entity: "opportunity", actions: ["read", "update"], hiddenFields: ["amount"] },
    ]);
    const update = p.entityAccess(rep, "opportunity", "update");
    expect([...update.hiddenFields]).toEqual(["notes"]);
    expect([...update.readOnlyFields].sort()).toEqual(["amount", "notes"]);
    const financeRead = p.entityAccess(finance, "opportunity", "read");
    expect([...financeRead.readOnlyFields]).toEqual(["amount"]);
    // Both roles: read hides nothing in common; amount is read-only for one update grant, hidden for the other.
    const both = p.entityAccess({ id: "u1", roles: ["rep", "finance"] }, "opportunity", "update");
    expect([...both.hiddenFields]).toEqual([]);
    expect([...both.readOnlyFields]).toEqual(["amount"]);
  });

  it("refuses writes of read-only fields with one issue per field and a path", () => {
    expect(policy.checkWrite(rep, "opportunity", "update", { name: "Deal", amount: 5 })).toEqual([]);
    const issues = policy.checkWrite(rep, "opportunity", "update", { probability: 50, name: "x" });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: "access.fieldReadOnly",
      path: "/probability",
      params: { field: "probability", action: "update", entity: "opportunity" },
      severity: "error",
    });
    expect(issues[0]?.message.en).toContain("'probability' is read-only");
    expect(policy.checkWrite(manager, "opportunity", "update", { probability: 50 })).toEqual([]);
  });

  it("refuses writes of fields the user cannot read, and whole writes without a grant", () => {
    const p = policyOf([
      { role: "finance", entity: "opportunity", actions: ["read", "update"], hiddenFields: ["notes", "amount"] },
    ]);
    expect(p.checkWrite(finance, "opportunity", "update", { notes: "x", amount: 1, name: "y" })).toMatchObject([
      { code: "access.fieldHidden", path: "/notes" },
      { code: "access.fieldHidden", path: "/amount" },
    ]);
    const denied = p.checkWrite(finance, "opportunity", "create", { name: "y" });
    expect(denied).toMatchObject([{ code: "access.denied", path: "", params: { action: "create" } }]);
    expect(denied[0]?.message.en).toBe(
      "You may not create opportunity records. Ask an app administrator to grant your role this permission.",
    );
    expect(p.checkWrite(finance, "ghost", "update", {})).toMatchObject([{ code: "access.denied" }]);
  });

  it("applies '*' roles, '*' entities and '*' actions", () => {
    const p = policyOf([
      { role: "*", entity: "account", actions: ["read"] },
      { role: "finance", entity: "*", actions: ["export"], rowScope: "id <> ''" },
      { role: "rep", entity: "opportunity", actions: ["*"], rowScope: "owner = $user.id" },
    ]);
    expect(p.entityAccess({ id: "x", roles: [] }, "account", "read").allowed).toBe(true);
    expect(p.entityAccess(finance, "account", "export").rowFilter.kind).toBe("any");
    expect(p.entityAccess(finance, "opportunity", "export").rowFilter.kind).toBe("any");
    expect(p.entityAccess(finance, "opportunity", "read").allowed).toBe(false);
    expect(p.canOnRecord(rep, "opportunity", "reopen", { owner: "u1" }, env)).toBe(true);
  });

  it("compiles a '*' entity row scope per entity; where it does not compile it matches no row", () => {
    const p = policyOf([
      { role: "rep", entity: "*", actions: ["read"], rowScope: "owner = $user.id" },
      { role: "finance", entity: "opportunity", actions: ["read"], rowScope: "nosuchfield = 1" },
    ]);
    // account has no `owner`: no rows, hence not allowed.
    expect(p.entityAccess(rep, "account", "read")).toMatchObject({ allowed: false, rowFilter: { kind: "none" } });
    expect(p.entityAccess(rep, "opportunity", "read").allowed).toBe(true);
    expect(p.entityAccess(finance, "opportunity", "read").allowed).toBe(false);
    expect(p.canOnRecord(finance, "opportunity", "read", { owner: "f1" }, env)).toBe(false);
  });

  it("reads relation paths through the lookup of the environment", () => {
    const p = policyOf([
      { role: "rep", entity: "opportunity", actions: ["read"], rowScope: "account.region = $user.region" },
    ]);
    const lookup = (path: readonly string[]) => (path.join(".") === "account.region" ? "east" : null);
    expect(p.canOnRecord(rep, "opportunity", "read", { account: "a1" }, { ...env, lookup })).toBe(true);
    expect(p.canOnRecord(rep, "opportunity", "read", { account: "a1" }, env)).toBe(false);
    expect(p.canOnRecord({ ...rep, region: "west" }, "opportunity", "read", {}, { ...env, lookup })).toBe(false);
  });

  it("lists the matrix in a fixed order with row scoping and masks", () => {
    const cells = policy.matrix();
    expect(cells).toHaveLength(3 * 2 * 6);
    expect(cells.slice(0, 3).map((c) => `${c.role}/${c.entity}/${c.action}`)).toEqual([
      "rep/account/read",
      "rep/account/create",
      "rep/account/update",
    ]);
    const cell = (role: string, entity: string, action: string) =>
      cells.find((c) => c.role === role && c.entity === entity && c.action === action);
    expect(cell("rep", "opportunity", "update")).toMatchObject({
      allowed: true,
      rowScoped: true,
      hiddenFields: [],
      readOnlyFields: ["probability"],
    });
    expect(cell("manager", "opportunity", "read")).toMatchObject({ allowed: true, rowScoped: false });
    expect(cell("finance", "opportunity", "read")).toMatchObject({
      allowed: true,
      rowScoped: true,
      hiddenFields: ["notes"],
    });
    expect(cell("finance", "account", "read")).toMatchObject({ allowed: false, rowScoped: false });
    expect(policy.matrix()).toEqual(cells);
    const custom = policyOf([{ role: "rep", entity: "opportunity", actions: ["reopen", "approve"] }]).matrix();
    expect(custom.slice(0, 8).map((c) => c.action)).toEqual([
      ...["read", "create", "update", "delete"],
      ...["export", "import", "approve", "reopen"],
    ]);
  });
});

describe("maskRecord", () => {
  it("copies the record without hidden keys and leaves the input alone", () => {
    const record = { name: "Deal", notes: "secret", amount: 5 };
    const masked = maskRecord(record, new Set(["notes"]));
    expect(masked).toEqual({ name: "Deal", amount: 5 });
    expect(record).toEqual({ name: "Deal", notes: "secret", amount: 5 });
  });

  it("keeps only own properties and treats __proto__ as data", () => {
    const record = JSON.parse('{"__proto__": {"polluted": true}, "name": "x"}') as Record<string, unknown>;
    const masked = maskRecord(record, new Set());
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype);
    expect(Object.keys(masked)).toEqual(["__proto__", "name"]);
    const inherited = Object.create({ secret: 1 }) as Record<string, unknown>;
    inherited.name = "y";
    expect(maskRecord(inherited, new Set())).toEqual({ name: "y" });
  });
});

describe("userEnv", () => {
  it("exposes id, region, team, roles and the user's attributes, blank when absent, and no lookup unless given", () => {
    const e = userEnv({ id: "u1", roles: ["rep"], level: 3 }, env.today, env.now);
    expect(e.user).toEqual({ id: "u1", region: null, team: null, roles: ["rep"], level: 3 });
    expect(e.lookup(["account", "region"], {})).toBeNull();
    expect(e).toMatchObject(env);
  });
});

describe("access messages", () => {
  it("have English and Chinese with the same placeholders", () => {
    for (const [code, t] of Object.entries(accessMessages)) {
      expect(code).toMatch(/^access\.[a-z][A-Za-z]+$/);
      expect(t["zh-CN"], code).toMatch(/[\u4e00-\u9fff]/);
      const names = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
      expect(names(t["zh-CN"]), code).toEqual(names(t.en));
      expect(renderTemplate(t.en, { action: "a", entity: "e", field: "f" })).not.toMatch(/\{/);
    }
  });
});
