import { type App, createRuntime } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { salesApp } from "../../../../runtime/test/fixtures/salesApp.js";
import { rename, setValue } from "../../store/commands.js";
import { createDesignerStore } from "../../store/designerStore.js";
import { markPublished, renamesSincePublish } from "./renames.js";

const runtime = createRuntime();

describe("renamesSincePublish", () => {
  it("chains the session's renames and starts over after a publish", () => {
    const store = createDesignerStore(salesApp() as unknown as App);
    const doRename = (target: Parameters<typeof rename>[2], to: string) =>
      expect(store.getState().apply(rename(runtime, store.getState().doc, target, to))).toBe(true);
    expect(renamesSincePublish(store)).toEqual({});
    doRename({ kind: "field", entity: "opportunity", id: "notes" }, "remarks");
    doRename({ kind: "field", entity: "opportunity", id: "remarks" }, "comments");
    doRename({ kind: "entity", id: "opportunity" }, "deal");
    expect(renamesSincePublish(store)).toEqual({
      entities: [{ from: "opportunity", to: "deal" }],
      fields: [{ entity: "deal", from: "notes", to: "comments" }],
    });
    markPublished(store);
    expect(renamesSincePublish(store)).toEqual({});
    store.getState().apply(setValue("/version", "2.0.0"));
    doRename({ kind: "field", entity: "deal", id: "comments" }, "notes");
    expect(renamesSincePublish(store)).toEqual({ fields: [{ entity: "deal", from: "comments", to: "notes" }] });
  });
});
