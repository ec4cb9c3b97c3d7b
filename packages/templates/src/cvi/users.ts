import type { DemoUser } from "../types.js";

/** The demo employees with logins: two teams of six under two managers, in two regions. */
export const EMPLOYEES_WITH_LOGIN = 12;

export const managers: ReadonlyArray<{ username: string; name: string; region: string; team: string }> = [
  { username: "cvi.m01", name: "Wang Lei (East sales manager)", region: "east", team: "east-1" },
  { username: "cvi.m02", name: "Li Na (North sales manager)", region: "north", team: "north-1" },
];

/** `cvi.e001`… with the attributes the app's row scopes read (team, manager, region). */
export function employeeUser(n: number): DemoUser {
  const manager = managers[(n - 1) % 2] as (typeof managers)[number];
  return {
    username: `cvi.e${String(n).padStart(3, "0")}`,
    displayName: `Employee ${String(n).padStart(3, "0")}`,
    roles: ["employee"],
    attributes: { team: manager.team, manager: manager.username, region: manager.region },
  };
}

export const users: readonly DemoUser[] = [
  { username: "cvi.hr", displayName: "Zhao Min (HR admin)", roles: ["hr"], attributes: { team: "hr", region: "hq" } },
  {
    username: "cvi.finance",
    displayName: "Qian Hui (Finance)",
    roles: ["finance"],
    attributes: { team: "finance", region: "hq" },
  },
  {
    username: "cvi.exec",
    displayName: "Sun Wei (VP Sales)",
    roles: ["exec"],
    attributes: { team: "exec", region: "hq" },
  },
  ...managers.map((m) => ({
    username: m.username,
    displayName: m.name,
    roles: ["manager"],
    attributes: { team: m.team, region: m.region, manager: "cvi.exec" },
  })),
  ...Array.from({ length: EMPLOYEES_WITH_LOGIN }, (_, i) => employeeUser(i + 1)),
];
