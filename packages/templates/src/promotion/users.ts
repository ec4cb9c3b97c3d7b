import type { DemoUser } from "../types.js";
import { regions } from "./regions.js";

const people = [
  ["rep", "rep", "Rep", "销售代表"],
  ["manager", "manager", "Manager", "区域经理"],
  ["director", "director", "Director", "区域总监"],
  ["finance", "region_finance", "Finance BP", "财务BP"],
  ["admin", "region_admin", "Admin", "区域管理员"],
] as const;

/**
 * The template's demo users: five people in each of the 23 regions (`tp.<region>.rep`, ...,
 * attribute `region` = the region's code) and the HQ people, who see every region.
 */
export const users: readonly DemoUser[] = [
  ...regions.flatMap((r) =>
    people.map(([suffix, role, en, zh]) => ({
      username: `tp.${r.code}.${suffix}`,
      displayName: `${r.en} ${en} / ${r.zh}${zh}`,
      roles: [role],
      attributes: {
        region: r.code,
        ...(suffix === "rep" ? { manager: `tp.${r.code}.manager` } : {}),
        ...(suffix === "manager" ? { manager: `tp.${r.code}.director` } : {}),
      },
    })),
  ),
  {
    username: "tp.hq.trade",
    displayName: "HQ Trade Marketing / 总部通路市场",
    roles: ["hq_trade"],
    attributes: { region: "HQ" },
  },
  {
    username: "tp.hq.finance",
    displayName: "HQ Finance / 总部财务",
    roles: ["hq_finance"],
    attributes: { region: "HQ" },
  },
  {
    username: "tp.hq.pricing",
    displayName: "HQ Pricing / 总部价格管理",
    roles: ["hq_pricing"],
    attributes: { region: "HQ" },
  },
  { username: "tp.hq.gm", displayName: "VP Sales / 销售副总裁", roles: ["hq_gm"], attributes: { region: "HQ" } },
  { username: "tp.hq.admin", displayName: "HQ Admin / 总部管理员", roles: ["hq_admin"], attributes: { region: "HQ" } },
  { username: "tp.auditor", displayName: "Auditor / 审计", roles: ["auditor"], attributes: { region: "HQ" } },
];
