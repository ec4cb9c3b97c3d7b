import type { DemoUser } from "../types.js";

/** Six teams (two per region, three regions); reps are spread round-robin over them. */
export const TEAMS = ["east-1", "east-2", "north-1", "north-2", "south-1", "south-2"] as const;

const pad = (n: number) => String(n).padStart(2, "0");

/** The demo users: 50 reps, 6 managers (one per team), an executive, RevOps, marketing and finance. */
export function pipelineUsers(repCount = 50, teams: readonly string[] = TEAMS): DemoUser[] {
  const managers = teams.map(
    (team, i): DemoUser => ({
      username: `pl.mgr${i + 1}`,
      displayName: `Manager ${team}`,
      roles: ["manager"],
      attributes: { team, region: team.split("-")[0] as string },
    }),
  );
  const reps = Array.from({ length: repCount }, (_, i): DemoUser => {
    const t = i % teams.length;
    const team = teams[t] as string;
    return {
      username: `pl.rep${pad(i + 1)}`,
      displayName: `Rep ${pad(i + 1)} (${team})`,
      roles: ["rep"],
      attributes: { team, region: team.split("-")[0] as string, manager: `pl.mgr${t + 1}` },
    };
  });
  return [
    ...managers,
    ...reps,
    { username: "pl.exec", displayName: "Executive", roles: ["executive"], attributes: {} },
    { username: "pl.revops", displayName: "RevOps admin", roles: ["revops"], attributes: {} },
    { username: "pl.marketing", displayName: "Marketing", roles: ["marketing"], attributes: {} },
    { username: "pl.finance", displayName: "Finance", roles: ["finance"], attributes: {} },
  ];
}

/** The users the template installs (all scales: the test seed uses the first teams and reps). */
export const users = pipelineUsers();
