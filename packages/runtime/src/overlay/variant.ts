import type { App } from "../schema/types.js";
import { type ApplyOverlayResult, applyOverlay } from "./apply.js";

/** The properties a variant keeps as its own when it is resolved against its template. */
const IDENTITY = ["$schema", "schemaVersion", "id", "version", "label", "extends"] as const;

/**
 * The app a regional variant stands for: its template with the variant's overlay applied, under
 * the variant's own identity (id, version, label) and with the template's locks kept, so that a
 * variant of the variant is bound by them too. `issues` lists the overlay operations refused.
 */
export function resolveVariant(template: App, variant: App): ApplyOverlayResult {
  const result = applyOverlay(template, variant.overlay ?? []);
  const app = { ...result.app } as Record<string, unknown>;
  delete app.overlay;
  for (const key of IDENTITY) {
    const value = (variant as Record<string, unknown>)[key];
    if (value !== undefined) app[key] = value;
  }
  return { ...result, app: app as unknown as App };
}

/** The variant document that stores `effective` as an overlay of `template`. */
export function variantDocument(identity: App, overlay: App["overlay"]): App {
  const doc: Record<string, unknown> = {};
  for (const key of IDENTITY) {
    const value = (identity as Record<string, unknown>)[key];
    if (value !== undefined) doc[key] = value;
  }
  doc.overlay = overlay ?? [];
  return doc as unknown as App;
}
