import type { App, DashboardPage } from "@plinth/runtime";
import { act } from "@testing-library/react";
import { createOverlayMode } from "../../editor/overlayMode.js";
import { fixtureApp, renderDesigner } from "../../testing/renderDesigner.js";
import { DashboardsPanel } from "./DashboardsPanel.js";

/** The fixture app's forecast dashboard: its index in `pages`. */
export const FORECAST = 5;

export type Store = ReturnType<typeof renderDesigner>["store"];

/** The forecast page as the store holds it now. */
export const forecastPage = (store: Store) => store.getState().doc.pages?.[FORECAST] as DashboardPage;

/** Select the forecast's widget `i` (its inspector opens). */
export function openWidget(store: Store, i: number): void {
  act(() => store.getState().select(`/pages/${FORECAST}/widgets/${i}`));
}

/**
 * The dashboards panel on the East variant of the fixture app, whose template HQ froze the
 * forecast widget `widget` in (`/pages/forecast/widgets/<widget>`).
 */
export function renderLockedVariant(widget: string, reason: { en: string; "zh-CN": string }) {
  const template: App = {
    ...fixtureApp(),
    locks: [{ target: `/pages/forecast/widgets/${widget}`, mode: "frozen", reason }],
  };
  const variant = {
    schemaVersion: 1,
    id: "sales_east",
    version: "1.0.0",
    label: { en: "East" },
    extends: { app: "sales", version: "^1.2.0" },
    overlay: [],
  } as unknown as App;
  const overlay = createOverlayMode(template);
  return { overlay, ...renderDesigner(<DashboardsPanel />, { doc: overlay.effective(variant), overlay }) };
}
