import type { App } from "@plinth/runtime";
import { prng, type SeedScale, type Template } from "@plinth/templates";
import { publishApp } from "../apps/publish.js";
import { PublishedApps } from "../apps/published.js";
import { hashPassword } from "../auth/passwords.js";
import type { ServerContext } from "../http/context.js";
import { createRecord } from "../records/service.js";
import { actorOf } from "../records/userContext.js";
import { runApprovalAction } from "../workflow/approvals.js";
import { starterApp } from "./starterApp.js";
import { installTemplate } from "./templates.js";

export interface DemoUser {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly attributes: Record<string, string>;
  readonly isAdmin?: boolean;
}

/** The demo users, one or more per role (listed in the README). */
export const demoUsers: readonly DemoUser[] = [
  { username: "admin", displayName: "Admin", roles: [], attributes: {}, isAdmin: true },
  {
    username: "rep.east",
    displayName: "Li Lei (rep, East)",
    roles: ["rep"],
    attributes: { region: "east", team: "east-1" },
  },
  {
    username: "rep.north",
    displayName: "Han Meimei (rep, North)",
    roles: ["rep"],
    attributes: { region: "north", team: "north-1" },
  },
  {
    username: "manager.east",
    displayName: "Wang Fang (manager, East)",
    roles: ["manager"],
    attributes: { region: "east", team: "east-1" },
  },
  { username: "finance", displayName: "Zhao Min (finance)", roles: ["finance"], attributes: {} },
  { username: "auditor", displayName: "Chen Jie (auditor)", roles: ["auditor"], attributes: {} },
];

const companies = [
  "Acme",
  "Huaxin",
  "Jinpeng",
  "Lianhe",
  "Mingda",
  "Nanfang",
  "Qiming",
  "Ruitong",
  "Shengda",
  "Tianyu",
  "Xinghe",
  "Yuanda",
];
const suffixes = ["Retail", "Foods", "Tech", "Logistics", "Pharma"];

/**
 * Install the demo: users for every role (password `demo` unless given), the starter app
 * published, and seeded accounts and opportunities written through the same service as the
 * API (validation, permissions, audit). Does nothing when the app is already installed.
 */
export async function installDemo(
  ctx: ServerContext,
  password: string,
  options: DemoOptions = {},
): Promise<{ installed: boolean }> {
  const starter = await installStarter(ctx, password);
  let installed = starter.installed;
  for (const template of options.templates ?? []) {
    const done = await installTemplate(ctx, template, { password, scale: options.scale ?? "demo", log: options.log });
    installed ||= done.installed;
  }
  return { installed };
}

/** What the demo installs beside the starter app. */
export interface DemoOptions {
  /** Templates to install with their users and seed data (none unless given). */
  readonly templates?: readonly Template[];
  readonly scale?: SeedScale;
  readonly log?: (line: string) => void;
}

async function installStarter(ctx: ServerContext, password: string): Promise<{ installed: boolean }> {
  const existing = await ctx.storage.read((tx) => tx.platform.app(starterApp.id));
  if (existing) return { installed: false };
  const hash = await hashPassword(password);
  const at = ctx.clock.now().toISOString();
  const ids = new Map<string, string>();
  await ctx.storage.write(async (tx) => {
    for (const user of demoUsers) {
      const found = await tx.platform.userByName(user.username);
      const id = found?.id ?? ctx.newId();
      ids.set(user.username, id);
      if (!found) {
        await tx.platform.insertUser({
          id,
          username: user.username,
          displayName: user.displayName,
          passwordHash: hash,
          isAdmin: user.isAdmin ?? false,
          attributes: user.attributes,
          disabled: false,
          createdAt: at,
        });
      }
      await tx.platform.setRoles(id, starterApp.id, user.roles);
    }
    const schema = starterApp as App;
    await tx.platform.insertApp({
      id: schema.id,
      draft: schema,
      draftRevision: 1,
      publishedVersion: null,
      createdAt: at,
      updatedAt: at,
    });
    await publishApp(ctx, tx, {
      appId: schema.id,
      schema,
      actor: ids.get("admin") as string,
      requestId: null,
      action: "app.publish",
    });
  });

  const random = prng(20261204);
  const apps = new PublishedApps(ctx);
  const admin = await ctx.storage.read((tx) => tx.platform.userById(ids.get("admin") as string));
  if (!admin) return { installed: true };
  const owners = ["rep.east", "rep.north", "manager.east"].map((u) => ({
    id: ids.get(u) as string,
    region: demoUsers.find((d) => d.username === u)?.attributes.region ?? "east",
  }));
  await ctx.storage.write(async (tx) => {
    const published = await apps.get(tx, starterApp.id);
    const actor = await actorOf(tx, admin, published, ctx.clock.now().toISOString());
    const accounts: Array<{ id: string; region: string }> = [];
    for (let i = 0; i < 40; i++) {
      const region = ["east", "north", "south", "west"][i % 4] as string;
      const name = `${companies[i % companies.length]} ${suffixes[Math.floor(i / companies.length) % suffixes.length]} ${i + 1}`;
      const industry = ["retail", "manufacturing", "technology"][Math.floor(random() * 3)];
      const row = await createRecord(ctx, tx, published, actor, "account", { name, region, industry }, null);
      accounts.push({ id: String(row.id), region });
    }
    const stageIds = ["prospecting", "qualification", "proposal", "negotiation", "won", "lost"];
    const discounted: string[] = [];
    for (let i = 0; i < 300; i++) {
      const owner = owners[i % owners.length] as { id: string; region: string };
      const candidates = accounts.filter((a) => a.region === owner.region);
      const account =
        candidates[Math.floor(random() * candidates.length)] ?? (accounts[0] as { id: string; region: string });
      const stage = stageIds[Math.floor(random() * stageIds.length)] as string;
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * 28);
      // A few of rep.east's open deals carry a discount that goes through the approval below.
      const discount =
        owner.id === ids.get("rep.east") && !["won", "lost"].includes(stage) && discounted.length < 3
          ? ([12, 25, 18][discounted.length] as number)
          : 0;
      const row = await createRecord(
        ctx,
        tx,
        published,
        actor,
        "opportunity",
        {
          name: `Deal ${i + 1}`,
          account: account.id,
          region: owner.region,
          amount: Math.round(20_000 + random() * 980_000),
          probability: { prospecting: 10, qualification: 20, proposal: 60, negotiation: 80, won: 100, lost: 0 }[stage],
          stage,
          lost_reason: stage === "lost" ? "price" : null,
          close_date: `2026-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
          owner: owner.id,
          discount,
        },
        null,
      );
      if (discount > 0) discounted.push(String(row.id));
    }
    // Fill the inboxes: rep.east asks for three discounts; manager.east already approved the 25 % one,
    // which now waits for finance.
    const as = async (username: string) => {
      const user = await tx.platform.userById(ids.get(username) as string);
      if (!user) throw new Error(`demo user ${username} is missing`);
      return actorOf(tx, user, published, ctx.clock.now().toISOString());
    };
    const rep = await as("rep.east");
    for (const id of discounted) {
      await runApprovalAction(ctx, tx, published, rep, "opportunity", id, "submit", {}, null);
    }
    const second = discounted[1];
    if (second) {
      const comment = "OK for a strategic account";
      await runApprovalAction(
        ctx,
        tx,
        published,
        await as("manager.east"),
        "opportunity",
        second,
        "approve",
        { comment },
        null,
      );
    }
  });
  return { installed: true };
}
