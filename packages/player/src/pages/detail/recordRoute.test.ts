import { describe, expect, it } from "vitest";
import { parseRoute, routePath } from "../../routes.js";
import { parseRecordRoute, recordRoutePath } from "./recordRoute.js";

describe("record routes", () => {
  it("parses new, view and edit URLs and writes them back", () => {
    for (const path of [
      "/apps/starter/new/opportunity",
      "/apps/starter/new/opportunity/with/account/a%201",
      "/apps/starter/record/opportunity/abc",
      "/apps/starter/record/opportunity/abc/edit",
    ]) {
      const route = parseRoute(path);
      expect(route.kind).toBe("record");
      expect(routePath(route)).toBe(path);
    }
    expect(parseRoute("/apps/starter/record/opportunity/abc/edit")).toEqual({
      kind: "record",
      appId: "starter",
      entity: "opportunity",
      id: "abc",
      mode: "edit",
    });
  });

  it("carries a related list's prefill in a new-record URL", () => {
    expect(parseRoute("/apps/starter/new/opportunity/with/account/acc_1")).toEqual({
      kind: "record",
      appId: "starter",
      entity: "opportunity",
      mode: "new",
      prefill: { account: "acc_1" },
    });
  });

  it("leaves page URLs alone", () => {
    expect(parseRoute("/apps/starter/opportunities")).toEqual({
      kind: "page",
      appId: "starter",
      pageId: "opportunities",
    });
    expect(parseRecordRoute("starter", ["record", "opportunity"])).toBeUndefined();
    expect(parseRecordRoute("starter", ["new", "opportunity", "x"])).toBeUndefined();
  });

  it("encodes ids", () => {
    expect(recordRoutePath({ kind: "record", appId: "a", entity: "e", id: "x/y", mode: "view" })).toBe(
      "/apps/a/record/e/x%2Fy",
    );
    expect(parseRoute("/apps/a/record/e/x%2Fy")).toMatchObject({ id: "x/y" });
  });
});
