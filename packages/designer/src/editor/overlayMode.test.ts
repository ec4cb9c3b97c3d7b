import type { App } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { promotionApp } from "../../../runtime/test/fixtures/promotionApp.js";
import { insertItem, setLabel, setValue } from "../store/commands.js";
import { createDesignerStore } from "../store/designerStore.js";
import { createOverlayMode } from "./overlayMode.js";

function template(): App {
  const app = structuredClone(promotionApp()) as unknown as App;
  const spend = app.entities?.[1]?.fields.find((f) => f.id === "planned_spend") as { max?: number };
  spend.max = 120_000;
  return {
    ...app,
    locks: [
      {
        target: "/entities/promotion/fields/status",
        mode: "frozen",
        reason: { en: "HQ status flow", "zh-CN": "总部状态流" },
      },
      { target: "/entities/promotion/fields/planned_spend/max", mode: "tightenOnly", reason: "HQ cap" },
    ],
  };
}

const variant = {
  schemaVersion: 1,
  id: "tpm_east",
  version: "1.0.0",
  label: { en: "East" },
  extends: { app: "tpm", version: "^1.0.0" },
  overlay: [],
} as unknown as App;
const statusIndex = () => template().entities?.[1]?.fields.findIndex((f) => f.id === "status") ?? -1;
const spendIndex = () => template().entities?.[1]?.fields.findIndex((f) => f.id === "planned_spend") ?? -1;

describe("a regional variant in the designer", () => {
  it("edits the effective app and saves only the overlay, which gives the same app back", () => {
    const mode = createOverlayMode(template());
    const store = createDesignerStore(mode.effective(variant), { guard: mode.refusals });
    expect(store.getState().doc.id).toBe("tpm_east");
    expect(store.getState().apply(setLabel("/entities/1/label", "zh-CN", "促销（华东）"))).toBe(true);
    expect(store.getState().apply(insertItem("/entities/1/fields", { id: "store_count", kind: "number" }))).toBe(true);
    expect(store.getState().apply(setValue(`/entities/1/fields/${spendIndex()}/max`, 90_000))).toBe(true);
    const draft = mode.draft(store.getState().doc);
    expect(Object.keys(draft).sort()).toEqual([
      "$schema",
      "extends",
      "id",
      "label",
      "overlay",
      "schemaVersion",
      "version",
    ]);
    expect(draft.overlay).toContainEqual({
      op: "set",
      target: "/entities/promotion/fields/planned_spend/max",
      value: 90_000,
    });
    expect(mode.effective(draft)).toEqual(store.getState().doc);
  });

  it("refuses an edit of a locked node or a looser cap, with the reason, and keeps the document", () => {
    const mode = createOverlayMode(template());
    const store = createDesignerStore(mode.effective(variant), { guard: mode.refusals });
    const before = store.getState().doc;
    expect(store.getState().apply(setLabel(`/entities/1/fields/${statusIndex()}/label`, "en", "Stage"))).toBe(false);
    expect(store.getState().refusal?.[0]?.code).toBe("overlay.locked");
    expect(store.getState().refusal?.[0]?.message["zh-CN"]).toContain("已被模板锁定");
    expect(store.getState().apply(setValue(`/entities/1/fields/${spendIndex()}/max`, 200_000))).toBe(false);
    expect(store.getState().refusal?.[0]?.code).toBe("overlay.notTighter");
    expect(store.getState().doc).toBe(before);
    expect(store.getState().past).toHaveLength(0);
  });

  it("says what each node is: inherited, changed here, added here, locked", () => {
    const mode = createOverlayMode(template());
    const store = createDesignerStore(mode.effective(variant), { guard: mode.refusals });
    store.getState().apply(setLabel("/entities/1/fields/0/label", "en", "Headline"));
    store.getState().apply(insertItem("/entities/1/fields", { id: "store_count", kind: "number" }));
    const doc = store.getState().doc;
    const count = doc.entities?.[1]?.fields.length ?? 0;
    expect(mode.status(doc, "/entities/1/fields/0").kind).toBe("overridden");
    expect(mode.status(doc, "/entities/1/fields/1").kind).toBe("inherited");
    expect(mode.status(doc, `/entities/1/fields/${count - 1}`).kind).toBe("added");
    expect(mode.status(doc, `/entities/1/fields/${statusIndex()}`)).toMatchObject({ kind: "locked" });
  });
});
