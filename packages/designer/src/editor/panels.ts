/** The designer's panels, in the order of the side menu; the panel an issue path belongs to. */
export type PanelId = "model" | "pages" | "workflows" | "dashboards" | "permissions" | "code" | "publish";

export const panelOrder: readonly PanelId[] = [
  "model",
  "pages",
  "workflows",
  "dashboards",
  "permissions",
  "code",
  "publish",
];

/** Which panel shows the part of the document at `path` (a JSON Pointer); dashboards are pages too. */
export function panelFor(path: string, doc?: { readonly pages?: ReadonlyArray<{ readonly kind: string }> }): PanelId {
  const [, top = "", index = ""] = path.split("/");
  if (top === "entities") return "model";
  if (top === "pages") return doc?.pages?.[Number(index)]?.kind === "dashboard" ? "dashboards" : "pages";
  if (top === "navigation") return "pages";
  if (top === "workflows" || top === "automations") return "workflows";
  if (top === "permissions" || top === "roles") return "permissions";
  return "code";
}
