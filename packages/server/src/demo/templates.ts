import type { App } from "@plinth/runtime";
import { type DemoUser, prng, type SeedActor, type SeedScale, type SeedWriter, type Template } from "@plinth/templates";
import { publishApp } from "../apps/publish.js";
import { type PublishedApp, PublishedApps } from "../apps/published.js";
import { hashPassword } from "../auth/passwords.js";
import type { ServerContext } from "../http/context.js";
import { createRecord, updateRecord } from "../records/service.js";
import { type Actor, actorOf } from "../records/userContext.js";
import type { WriteTx } from "../storage/types.js";
import { runApprovalAction } from "../workflow/approvals.js";
import { takeTransition } from "../workflow/transitions.js";

export interface InstallTemplateOptions {
  readonly password: string;
  readonly scale: SeedScale;
  /** Progress lines ("pipeline: opportunities 4,000 / 20,000"). */
  readonly log?: (line: string) => void;
  /** The PRNG seed; the default gives every install the same data. */
  readonly seed?: number;
}

/** The actor a seed step runs as: a user's roles and attributes in an app, at a moment. */
async function seedActor(tx: WriteTx, published: PublishedApp, userId: string, at: string): Promise<Actor> {
  const user = await tx.platform.userById(userId);
  if (!user) throw new Error(`seed: user ${userId} is missing`);
  return actorOf(tx, user, published, at);
}

/** Insert (or find) the template's users and give them their roles in the given apps. */
async function installUsers(
  ctx: ServerContext,
  tx: WriteTx,
  users: readonly DemoUser[],
  appIds: readonly string[],
  passwordHash: string,
  at: string,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const user of users) {
    const found = await tx.platform.userByName(user.username);
    ids.set(user.username, found?.id ?? ctx.newId());
  }
  for (const user of users) {
    const id = ids.get(user.username) as string;
    if (!(await tx.platform.userById(id))) {
      const { manager, ...rest } = user.attributes;
      const managerId =
        manager === undefined ? undefined : (ids.get(manager) ?? (await tx.platform.userByName(manager))?.id);
      await tx.platform.insertUser({
        id,
        username: user.username,
        displayName: user.displayName,
        passwordHash,
        isAdmin: false,
        attributes: managerId ? { ...rest, manager: managerId } : rest,
        disabled: false,
        createdAt: at,
      });
    }
    for (const appId of appIds) await tx.platform.setRoles(id, appId, user.roles);
  }
  return ids;
}

async function insertAndPublish(ctx: ServerContext, tx: WriteTx, schema: App, actor: string, at: string) {
  await tx.platform.insertApp({
    id: schema.id,
    draft: schema,
    draftRevision: 1,
    publishedVersion: null,
    createdAt: at,
    updatedAt: at,
  });
  await publishApp(ctx, tx, { appId: schema.id, schema, actor, requestId: null, action: "app.publish" });
}

/**
 * Install one template: its demo users, its app and its regional variants published, and its
 * seed data written through the same services as the API (validation, workflows, audit).
 * Does nothing when the app is already installed.
 */
export async function installTemplate(
  ctx: ServerContext,
  template: Template,
  options: InstallTemplateOptions,
): Promise<{ installed: boolean }> {
  const appId = template.app.id;
  if (await ctx.storage.read((tx) => tx.platform.app(appId))) return { installed: false };
  const log = options.log ?? (() => {});
  const hash = await hashPassword(options.password);
  const installedAt = ctx.clock.now().toISOString();
  const admin = await ctx.storage.read(async (tx) => (await tx.platform.userByName("admin"))?.id);
  if (!admin) throw new Error("install the administrator before a template");
  const variants = template.variants ?? [];
  const users = new Map<string, string>();
  await ctx.storage.write(async (tx) => {
    const appIds = [appId, ...variants.map((v) => v.app.id)];
    for (const [name, id] of await installUsers(ctx, tx, template.users, appIds, hash, installedAt))
      users.set(name, id);
    for (const variant of variants) {
      for (const [name, id] of await installUsers(ctx, tx, variant.users ?? [], [variant.app.id], hash, installedAt))
        users.set(name, id);
    }
    await insertAndPublish(ctx, tx, template.app, admin, installedAt);
    for (const variant of variants) await insertAndPublish(ctx, tx, variant.app, admin, installedAt);
  });

  const apps = new PublishedApps(ctx);
  await ctx.storage.write(async (tx) => {
    const published = await apps.get(tx, appId);
    const userId = (username: string) => {
      const id = username === "admin" ? admin : users.get(username);
      if (!id) throw new Error(`seed: no demo user '${username}' in template '${appId}'`);
      return id;
    };
    const actorFor = (who: SeedActor | undefined) =>
      seedActor(tx, published, userId(who?.as ?? "admin"), who?.at ?? ctx.clock.now().toISOString());
    const writer: SeedWriter = {
      random: prng(options.seed ?? 20261205),
      today: ctx.clock.now().toISOString().slice(0, 10),
      userId,
      async create(entity, values, who) {
        const row = await createRecord(ctx, tx, published, await actorFor(who), entity, values, null);
        return String(row.id);
      },
      async update(entity, id, values, who) {
        const current = await tx.records(published.stored).get(entity, id);
        if (!current) throw new Error(`seed: ${entity} ${id} is missing`);
        await updateRecord(ctx, tx, published, await actorFor(who), entity, id, Number(current.version), values, null);
      },
      async transition(entity, id, workflow, transition, who) {
        await takeTransition(ctx, tx, published, await actorFor(who), entity, id, workflow, transition, null);
      },
      async approval(entity, id, action, who) {
        const input = {
          ...(who?.workflow ? { workflow: who.workflow } : {}),
          ...(who?.comment ? { comment: who.comment } : {}),
        };
        await runApprovalAction(ctx, tx, published, await actorFor(who), entity, id, action, input, null);
      },
      progress: (message) => log(`${appId}: ${message}`),
    };
    await template.seed(writer, { scale: options.scale });
  });
  return { installed: true };
}
