import type { App } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { appAccess, attributeText, attributeValue } from "./appAccess.js";

const published = {
  schemaVersion: 1,
  id: "visits",
  version: "1.0.0",
  roles: [{ id: "rep", label: { en: "Sales rep" } }],
  permissions: [
    { role: "rep", entity: "visit", actions: ["read"], rowScope: "owner = $user.id AND region = $user.region" },
    { role: "rep", entity: "note", actions: ["read"], rowScope: "$user.team = team OR 'x' IN ($user.roles)" },
    { role: "rep", entity: "memo", actions: ["read"], rowScope: "region = (" },
  ],
  settings: { userAttributes: [{ id: "quota", kind: "number", label: { en: "Quota" } }] },
} as unknown as App;

const draft = {
  ...published,
  roles: [{ id: "rep", label: { en: "Rep (renamed in the draft)" } }, { id: "manager" }],
  permissions: [{ role: "manager", entity: "visit", actions: ["read"], rowScope: "region = $user.region" }],
} as unknown as App;

describe("appAccess", () => {
  it("offers the roles of the published app and its draft, the published label first", () => {
    expect(appAccess([published, draft]).roles).toEqual([{ id: "rep", label: { en: "Sales rep" } }, { id: "manager" }]);
    expect(appAccess([undefined, draft]).roles.map((r) => r.id)).toEqual(["rep", "manager"]);
  });

  it("finds the attributes row scopes read as $user.<key>, and the declared ones, but not id or roles", () => {
    expect(appAccess([published, draft]).attributes).toEqual([
      { id: "quota", kind: "number", label: { en: "Quota" }, usedBy: [] },
      { id: "region", usedBy: ["/permissions/0/rowScope"] },
      { id: "team", usedBy: ["/permissions/1/rowScope"] },
    ]);
  });

  it("skips a row scope that does not parse", () => {
    const broken = { ...published, permissions: [published.permissions?.[2]], settings: {} } as unknown as App;
    expect(appAccess([broken]).attributes).toEqual([]);
  });
});

describe("attribute values", () => {
  it("keeps text, reads numbers and booleans where the app declares them, and blanks empty text", () => {
    expect(attributeValue("east", undefined)).toBe("east");
    expect(attributeValue("12", undefined)).toBe("12");
    expect(attributeValue("12", "number")).toBe(12);
    expect(attributeValue("twelve", "number")).toBe("twelve");
    expect(attributeValue("true", "boolean")).toBe(true);
    expect(attributeValue("  ", "text")).toBeNull();
    expect([attributeText(null), attributeText(undefined), attributeText(3), attributeText(false)]).toEqual([
      "",
      "",
      "3",
      "false",
    ]);
  });
});
