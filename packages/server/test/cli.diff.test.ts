import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, type AppChange, validateApp } from "@plinth/runtime";
import { templates } from "@plinth/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDiff } from "../src/cli/diff.js";
import type { HttpFetch } from "../src/cli/diffImpact.js";
import { runCli } from "../src/cli/main.js";
import { contactApp, createAndPublish, field } from "./support/apps.js";
import { createTestIo } from "./support/cliIo.js";
import { type Server, testServer } from "./support/server.js";

// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited as plain JSON at any depth
type Json = Record<string, any>;
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

let dir = "";
const file = (name: string) => join(dir, name);
async function save(name: string, app: unknown): Promise<string> {
  await writeFile(file(name), JSON.stringify(app, null, 2));
  return file(name);
}

const promotion = templates.find((t) => t.app.id === "promotion")?.app as App;

/** A field of region that nothing else refers to, so the app stays valid without it. */
const removable = (() => {
  const region = promotion.entities?.find((e) => e.id === "region");
  for (const f of region?.fields ?? []) {
    const app = copy(promotion) as Json;
    const entity = app.entities.find((e: Json) => e.id === "region");
    entity.fields = entity.fields.filter((x: Json) => x.id !== f.id);
    if (validateApp(app).ok) return f.id;
  }
  throw new Error("every field of region is referenced");
})();

/** The promotion template with the changes an IT reviewer should see named. */
function changedPromotion(): Json {
  const app = copy(promotion) as Json;
  const approval = app.workflows.find((w: Json) => w.id === "promotion_approval");
  approval.steps[1].approvers = { kind: "role", role: "hq_finance" };
  const region = app.entities.find((e: Json) => e.id === "region");
  region.fields.find((f: Json) => f.id === "roi_floor").kind = "currency";
  region.fields = region.fields.filter((f: Json) => f.id !== removable);
  return app;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "plinth-diff-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("plinth diff on the shipped templates", () => {
  for (const template of templates) {
    it(`finds no change between ${template.app.id} and itself (exit 0)`, async () => {
      const path = await save(`${template.app.id}.json`, template.app);
      const t = createTestIo();
      expect(await runDiff([path, path], t.io), t.err()).toBe(0);
      expect(t.out()).toContain("no changes");
      expect(t.err()).toBe("");
    });
  }

  it("names approver, kind and removed-field changes with pointers and classes; breaking exits 3", async () => {
    const before = await save("promotion.json", promotion);
    const after = await save("promotion.changed.json", changedPromotion());
    const t = createTestIo();
    expect(await runDiff([before, after, "--json"], t.io), t.err()).toBe(3);
    const result = JSON.parse(t.out()) as { class: string; counts: Json; changes: AppChange[] };
    expect(result.class).toBe("breaking");
    const byCode = (code: string) => result.changes.filter((c) => c.code === code);
    expect(byCode("step.approversChanged")).toEqual([
      expect.objectContaining({
        class: "compatible",
        path: expect.stringMatching(/^\/workflows\/\d+\/steps\/1\/approvers$/),
        target: "/workflows/promotion_approval/steps/director/approvers",
        message: {
          en: "approval promotion_approval step 2 (director): approver changed from role director where $approver.region = region.code to role hq_finance",
          "zh-CN":
            "审批 promotion_approval 第 2 步（director）：审批人由 角色 director（条件 $approver.region = region.code） 改为 角色 hq_finance",
        },
      }),
    ]);
    const kind = byCode("field.kindChanged")[0];
    expect(kind?.message.en).toBe("field region.roi_floor: number → currency");
    expect(kind?.class).toBe("compatible");
    const removed = byCode("field.removed")[0];
    expect(removed?.message.en).toBe(`entity region: field ${removable} removed: its stored values are dropped`);
    expect(removed).toMatchObject({
      class: "breaking",
      in: "old",
      path: `/entities/0/fields/${promotion.entities?.[0]?.fields.findIndex((f) => f.id === removable)}`,
    });
    expect(result.counts).toEqual({ compatible: 2, "needs-migration": 0, breaking: 1 });
  });

  it("prints one line per change and a summary, in Chinese with --lang zh-CN", async () => {
    const before = await save("promotion.json", promotion);
    const after = await save("promotion.changed.json", changedPromotion());
    const en = createTestIo();
    expect(await runDiff([before, after], en.io), en.err()).toBe(3);
    expect(en.out()).toMatch(
      new RegExp(`^breaking +/entities/0/fields/\\d+ {2}entity region: field ${removable} removed`, "m"),
    );
    expect(en.out()).toContain("3 changes (2 compatible, 0 needing migration, 1 breaking).");
    const zh = createTestIo();
    expect(await runDiff([before, after, "--lang", "zh-CN"], zh.io), zh.err()).toBe(3);
    expect(zh.out()).toContain("破坏性");
    expect(zh.out()).toContain("字段 region.roi_floor：number → currency");
    expect(zh.out()).toContain("3 项变更（2 项兼容，0 项需迁移，1 项破坏性）");
  });

  it("exits 1 when the worst change needs a migration (an option removed, a field now required)", async () => {
    const app = copy(promotion) as Json;
    const customer = app.entities.find((e: Json) => e.id === "customer");
    const type = customer.fields.find((f: Json) => f.id === "type");
    const dropped = type.options.pop().value as string;
    customer.fields.find((f: Json) => f.id === "is_new").required = true;
    const t = createTestIo();
    expect(
      await runDiff([await save("p.json", promotion), await save("p.options.json", app), "--json"], t.io),
      t.err(),
    ).toBe(1);
    const { changes } = JSON.parse(t.out()) as { changes: AppChange[] };
    expect(changes.map((c) => [c.code, c.class, c.target])).toEqual([
      ["field.optionsRemoved", "needs-migration", "/entities/customer/fields/type/options"],
      ["field.requiredAdded", "needs-migration", "/entities/customer/fields/is_new/required"],
    ]);
    expect(changes[0]?.params).toEqual({ removed: [dropped] });
  });

  it("exits 0 for compatible changes: labels, options added, a new page, widened permissions", async () => {
    const app = copy(promotion) as Json;
    app.entities[0].label = { en: "Sales region", "zh-CN": "销售区域" };
    const customer = app.entities.find((e: Json) => e.id === "customer");
    customer.fields.find((f: Json) => f.id === "type").options.push({ value: "online", label: "Online" });
    app.pages.push({
      kind: "table",
      id: "all_regions",
      label: "All regions",
      entity: "region",
      columns: [{ field: "code" }],
    });
    const t = createTestIo();
    expect(await runDiff([await save("p.json", promotion), await save("p.compatible.json", app)], t.io), t.err()).toBe(
      0,
    );
    expect(t.out()).toContain("entity region: label “Region” → “Sales region”");
    expect(t.out()).toContain("field customer.type: options added: online");
    expect(t.out()).toContain("page all_regions: added");
  });

  it("says permissions narrowed and transitions removed (breaking)", async () => {
    const app = copy(promotion) as Json;
    const index = app.permissions.findIndex((p: Json) => p.actions.length > 1 && p.entity !== "*");
    const grant = app.permissions[index];
    const lost = grant.actions.pop();
    const lifecycle = app.workflows.find((w: Json) => w.id === "lifecycle");
    // The first transition the app can do without (others leave a state with no way out).
    const all = lifecycle.transitions as Json[];
    const gone = all.find((t) => {
      lifecycle.transitions = all.filter((x) => x !== t);
      return validateApp(app).ok;
    });
    expect(gone).toBeDefined();
    const t = createTestIo();
    expect(
      await runDiff([await save("p.json", promotion), await save("p.narrow.json", app), "--json"], t.io),
      t.err(),
    ).toBe(3);
    const { changes } = JSON.parse(t.out()) as { changes: AppChange[] };
    expect(changes).toContainEqual(
      expect.objectContaining({
        code: "permission.narrowed",
        class: "breaking",
        path: `/permissions/${index}`,
        params: { role: grant.role, entity: grant.entity, actions: [lost] },
      }),
    );
    expect(changes.find((c) => c.code === "transition.removed")?.message.en).toMatch(
      new RegExp(`^workflow lifecycle: transition ${gone?.id}: removed \\(was .+\\): the action is no longer offered$`),
    );
  });

  it("answers --help and -h in English and Chinese with exit 0", async () => {
    for (const flag of ["--help", "-h"]) {
      const t = createTestIo();
      expect(await runDiff([flag], t.io), t.err()).toBe(0);
      expect(t.out()).toContain("Usage / 用法: plinth diff <old.json> <new.json>");
      expect(t.out()).toContain("needs-migration");
      expect(t.out()).toContain("比较应用的两个版本");
    }
  });

  it("is a plinth command: plinth diff, typegen and openapi dispatch, and plinth help lists them", async () => {
    for (const command of ["diff", "typegen", "openapi"]) {
      const t = createTestIo();
      expect(await runCli([command, "--help"], t.io)).toBe(0);
      expect(t.out()).toContain(
        `Usage / 用法: plinth ${command} <app.json>`.replace(
          "<app.json>",
          command === "diff" ? "<old.json>" : "<app.json>",
        ),
      );
    }
    const help = createTestIo();
    expect(await runCli(["help"], help.io)).toBe(0);
    expect(help.out()).toContain("plinth diff <old.json> <new.json>");
    expect(help.out()).toContain("plinth typegen <app.json>");
    expect(help.out()).toContain("plinth openapi <app.json>");
    expect(help.out()).toContain("3 breaking 破坏性");
  });

  it("exits 2 on usage errors and on unreadable or invalid files", async () => {
    const path = await save("p.json", promotion);
    const missing = createTestIo();
    expect(await runDiff([path], missing.io), missing.err()).toBe(2);
    expect(missing.err()).toContain("cli.missingArgument");
    const noToken = createTestIo();
    expect(await runDiff([path, path, "--server", "http://127.0.0.1:1"], noToken.io), noToken.err()).toBe(2);
    expect(noToken.err()).toContain("--token");
    const unreadable = createTestIo();
    expect(await runDiff([path, file("nope.json")], unreadable.io), unreadable.err()).toBe(2);
    expect(unreadable.err()).toContain("cli.fileUnreadable");
    const broken = copy(promotion) as Json;
    broken.entities[3].fields[1].target = "custmer";
    const invalid = createTestIo();
    expect(await runDiff([path, await save("broken.json", broken)], invalid.io), invalid.err()).toBe(2);
    expect(invalid.err()).toContain("error schema.unknownReference /entities/3/fields/1/target");
    expect(invalid.err()).toContain("cli.invalidApp");
  });
});

describe("plinth diff --server: the data impact, read-only", () => {
  let server: Server;
  let token = "";
  let fetch: HttpFetch;
  const v1 = contactApp([
    field("name", "text"),
    field("phone", "text"),
    field("status", "select", { options: [{ value: "a" }, { value: "b" }] }),
  ]);
  const v2 = contactApp(
    [field("name", "text"), field("status", "select", { options: [{ value: "a" }, { value: "b" }] })],
    {
      version: "1.1.0",
    },
  );

  beforeAll(async () => {
    server = await testServer({ demo: false });
    const admin = await server.login("admin");
    await createAndPublish(admin, v1);
    for (const phone of ["555-1", "555-2", null])
      expect(
        (await admin.request("POST", "/api/apps/crm/data/contact", { body: { name: "x", phone } })).statusCode,
      ).toBe(201);
    const made = await admin.request("POST", "/api/auth/tokens", { body: { name: "ci" } });
    token = made.json<{ token: string }>().token;
    // The command's HTTP calls go through the server's full request handling (inject), no socket needed.
    fetch = async (url, init) => {
      const res = await server.app.inject({
        method: init.method as "GET",
        url: new URL(url).pathname + new URL(url).search,
        headers: init.headers,
        ...(init.body === undefined ? {} : { payload: init.body }),
      });
      return { status: res.statusCode, text: async () => res.body };
    };
  });

  afterAll(async () => {
    await server?.close();
  });

  const stored = async () => {
    const admin = await server.login("admin");
    const res = await admin.request("GET", "/api/apps/crm?draft=1");
    const published = await admin.request("GET", "/api/apps/crm");
    return {
      draftRevision: res.json<{ draftRevision: number }>().draftRevision,
      version: published.json<{ version: number }>().version,
    };
  };

  it("plans from the published version and counts the values a dropped column holds", async () => {
    const before = await stored();
    const t = createTestIo();
    const args = [
      await save("crm1.json", v1),
      await save("crm2.json", v2),
      "--server",
      "http://plinth.test",
      "--token",
      token,
    ];
    expect(await runDiff(args, t.io, { fetch })).toBe(3);
    expect(t.out()).toContain(
      "Data impact on http://plinth.test (app crm; planned from published version 1, counted on the server): 2 rows/values affected.",
    );
    expect(t.out()).toContain("  drop column contact.phone: 2 values deleted");
    const json = createTestIo();
    expect(await runDiff([...args, "--json"], json.io, { fetch }), json.err()).toBe(3);
    const { impact } = JSON.parse(json.out()) as { impact: Json };
    expect(impact).toMatchObject({ source: "published", publishedVersion: 1, rowsAffected: 2, app: "crm" });
    expect(impact.plan.steps).toContainEqual({ kind: "dropColumn", entity: "contact", field: "phone", rows: 2 });
    expect(await stored()).toEqual(before);
  });

  it("uses the server's publish dry run when its draft is the new app, and changes nothing", async () => {
    const admin = await server.login("admin");
    const draft = await admin.request("GET", "/api/apps/crm?draft=1");
    const saved = await admin.request("PUT", "/api/apps/crm/draft", {
      body: { app: v2 },
      headers: { "if-match": String(draft.headers.etag) },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const before = await stored();
    const t = createTestIo();
    const args = [
      await save("crm1.json", v1),
      await save("crm2.json", v2),
      "--server",
      "http://plinth.test",
      "--token",
      token,
      "--lang",
      "zh-CN",
    ];
    expect(await runDiff(args, t.io, { fetch })).toBe(3);
    expect(t.out()).toContain("服务器对其草稿的发布预演");
    expect(t.out()).toContain("删除列 contact.phone：删除 2 个值");
    expect(await stored()).toEqual(before);
  });

  it("exits 2 with the server's answer when the token is wrong or the server cannot be reached", async () => {
    const path = await save("crm2.json", v2);
    const bad = createTestIo();
    expect(
      await runDiff([path, path, "--server", "http://plinth.test", "--token", "plt_nope"], bad.io, { fetch }),
      bad.err(),
    ).toBe(2);
    expect(bad.err()).toMatch(/cli\.serverRefused: The server answered 401 to GET \/api\/apps\/crm\?draft=1/);
    const down = createTestIo();
    expect(await runDiff([path, path, "--server", "http://127.0.0.1:9", "--token", token], down.io), down.err()).toBe(
      2,
    );
    expect(down.err()).toContain("cli.serverUnreachable");
  });
});
