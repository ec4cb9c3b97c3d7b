// @vitest-environment happy-dom
import { type App, createRuntime } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { createDesignerStore } from "../../store/designerStore.js";
import { fixtureApp } from "../../testing/renderDesigner.js";
import { directGrants, grantIndexOf, inheritedGrants, inheritedRoles, matrixActions } from "./grants.js";
import { removeRole, setFieldMask, toggleAction } from "./permCommands.js";

const runtime = createRuntime();

describe("the matrix's model", () => {
  it("lists the standard actions, then the app's own from its grants", () => {
    const doc = fixtureApp();
    doc.permissions?.push({ role: "manager", entity: "opportunity", actions: ["reopen", "approve"] });
    expect(matrixActions(doc)).toEqual(["read", "create", "update", "delete", "export", "import", "approve", "reopen"]);
  });

  it("finds what a role inherits, transitively and through cycles", () => {
    const doc = fixtureApp();
    doc.roles?.push({ id: "vp", inherits: ["manager"] }, { id: "a", inherits: ["b"] }, { id: "b", inherits: ["a"] });
    expect([...inheritedRoles(doc, "vp")]).toEqual(["manager", "rep"]);
    expect([...inheritedRoles(doc, "a")]).toEqual(["b"]);
    expect(inheritedGrants(doc, "vp", "account").map((g) => g.index)).toEqual([1, 3]);
    expect(directGrants(doc, "rep", "opportunity")).toEqual([0]);
    expect(grantIndexOf("/permissions/12/rowScope")).toBe(12);
    expect(grantIndexOf("/roles/1")).toBeUndefined();
  });
});

describe("permission commands", () => {
  it("adds an app's own action to the pair's first grant and takes it out of every grant", () => {
    const store = createDesignerStore(fixtureApp());
    store.getState().apply(toggleAction("rep", "opportunity", "reopen", true));
    expect(store.getState().doc.permissions?.[0]?.actions).toEqual(["read", "create", "update", "reopen"]);
    store.getState().apply(toggleAction("rep", "opportunity", "read", false));
    expect(store.getState().doc.permissions?.[0]?.actions).toEqual(["create", "update", "reopen"]);
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().doc).toEqual(fixtureApp());
  });

  it("removes the permissions list with its last grant, and undo puts it back", () => {
    const doc = { ...fixtureApp(), permissions: [{ role: "rep", entity: "account", actions: ["read"] }] } as App;
    const store = createDesignerStore(doc);
    store.getState().apply(toggleAction("rep", "account", "read", false));
    expect(store.getState().doc.permissions).toBeUndefined();
    store.getState().undo();
    expect(store.getState().doc).toEqual(doc);
  });

  it("drops an empty field mask", () => {
    const store = createDesignerStore(fixtureApp());
    const grant = fixtureApp().permissions?.[0] as NonNullable<App["permissions"]>[number];
    store.getState().apply(setFieldMask(0, grant, "readOnlyFields", []));
    expect(store.getState().doc.permissions?.[0]).not.toHaveProperty("readOnlyFields");
    expect(store.getState().past.at(-1)?.label).toEqual({
      en: "Read-only fields of rep on opportunity",
      "zh-CN": "rep 对 opportunity 的只读字段",
    });
  });

  it("removes an unused role and refuses a used one with every place", () => {
    const doc = fixtureApp();
    doc.roles?.push({ id: "auditor" });
    const made = removeRole(runtime, doc, "auditor");
    expect(made.ok).toBe(true);
    const refused = removeRole(runtime, doc, "finance");
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues.map((i) => i.path)).toContain("/permissions/2/role");
  });
});
