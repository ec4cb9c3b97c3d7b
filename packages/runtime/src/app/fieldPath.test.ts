import { describe, expect, it } from "vitest";
import { salesApp } from "../../test/fixtures/salesApp.js";
import type { App } from "../schema/types.js";
import { fieldAtPath, recordFields } from "./fieldPath.js";

const app = structuredClone(salesApp()) as unknown as App;

describe("field paths", () => {
  it("follow a dotted path through relations to its field, system fields included", () => {
    expect(fieldAtPath(app, "opportunity", "close_date")?.kind).toBe("date");
    expect(fieldAtPath(app, "opportunity", "account.createdAt")?.kind).toBe("datetime");
    expect(fieldAtPath(app, "opportunity", "account.region")?.kind).toBe("select");
    expect(fieldAtPath(app, "opportunity", "stage.region")).toBeUndefined();
    expect(fieldAtPath(app, "opportunity", "nowhere")).toBeUndefined();
    expect(fieldAtPath(app, "nowhere", "name")).toBeUndefined();
  });

  it("list an entity's own fields, then the system ones", () => {
    const ids = recordFields(app, "account").map((f) => f.id);
    expect(ids.slice(-5)).toEqual(["id", "createdAt", "updatedAt", "createdBy", "updatedBy"]);
    expect(ids).toContain("name");
    expect(recordFields(app, "nowhere")).toEqual([]);
  });
});
