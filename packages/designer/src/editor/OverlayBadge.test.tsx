// @vitest-environment happy-dom
import type { App } from "@plinth/runtime";
import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { promotionApp } from "../../../runtime/test/fixtures/promotionApp.js";
import { setLabel } from "../store/commands.js";
import { renderDesigner } from "../testing/renderDesigner.js";
import { OverlayBadge } from "./OverlayBadge.js";
import { createOverlayMode } from "./overlayMode.js";

afterEach(cleanup);

function template(): App {
  const app = structuredClone(promotionApp()) as unknown as App;
  return {
    ...app,
    locks: [{ target: "/entities/promotion/fields/status", reason: { en: "HQ flow", "zh-CN": "总部流程" } }],
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

describe("overlay badges", () => {
  it("say locked (with HQ's reason), changed here, or inherited, in the chosen language", async () => {
    const overlay = createOverlayMode(template());
    const status = template().entities?.[1]?.fields.findIndex((f) => f.id === "status") ?? -1;
    const { store } = renderDesigner(
      <>
        <OverlayBadge path={`/entities/1/fields/${status}`} />
        <OverlayBadge path="/entities/1/fields/0" />
        <OverlayBadge path="/entities/0" />
      </>,
      { doc: overlay.effective(variant), overlay, locale: "zh-CN" },
    );
    expect(screen.getByLabelText("总部锁定: 总部流程")).toBeTruthy();
    expect(screen.getAllByText("继承")).toHaveLength(2);
    store.getState().apply(setLabel("/entities/1/fields/0/label", "zh-CN", "标题"));
    expect(await screen.findByText("本区域已修改")).toBeTruthy();
  });

  it("show nothing outside a regional variant", () => {
    const { container } = renderDesigner(<OverlayBadge path="/entities/0" />);
    expect(container.textContent).toBe("");
  });
});
