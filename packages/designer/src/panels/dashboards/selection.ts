/** `/pages/3/widgets/1/query/filter` → page 3, widget 1. */
export function parseDashboardSelection(selection: string | undefined): { p: number; widget?: number } | undefined {
  const m = /^\/pages\/(\d+)(?:\/widgets\/(\d+))?(?:\/|$)/.exec(selection ?? "");
  if (!m) return undefined;
  return { p: Number(m[1]), ...(m[2] !== undefined ? { widget: Number(m[2]) } : {}) };
}
