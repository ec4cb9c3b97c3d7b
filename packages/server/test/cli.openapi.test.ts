import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, validateApp } from "@plinth/runtime";
import { templates } from "@plinth/templates";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOpenapi } from "../src/cli/openapi.js";
import { appOpenApi } from "../src/openapi/appDocument.js";
import { contactApp, createAndPublish, field } from "./support/apps.js";
import { createTestIo } from "./support/cliIo.js";
import { testServer } from "./support/server.js";

/** The validator's errors for a document, or undefined when it is a valid OpenAPI 3.1 document. */
async function openApiErrors(doc: unknown): Promise<unknown> {
  const validator = new Validator();
  const result = await validator.validate(JSON.parse(JSON.stringify(doc)) as Record<string, unknown>);
  return result.valid ? undefined : result.errors;
}

let dir = "";
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "plinth-openapi-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("plinth openapi", () => {
  for (const template of templates) {
    it(`prints ${template.app.id}'s OpenAPI 3.1 document, valid for a real validator and the server's own`, async () => {
      const path = file(`${template.app.id}.json`);
      await writeFile(path, JSON.stringify(template.app));
      const t = createTestIo();
      expect(await runOpenapi([path], t.io), t.err()).toBe(0);
      const doc = JSON.parse(t.out()) as { openapi: string; paths: Record<string, unknown> };
      expect(doc.openapi).toBe("3.1.0");
      expect(Object.keys(doc.paths)).toContain(
        `/api/apps/${template.app.id}/data/${template.app.entities?.[0]?.id}/{id}`,
      );
      expect(await openApiErrors(doc)).toBeUndefined();
      const validated = validateApp(template.app).app as App;
      expect(doc).toEqual(JSON.parse(JSON.stringify(appOpenApi(validated))));
    }, 60_000);
  }

  it("the validator is real: a broken document (a response without a description, a bad version) is refused", async () => {
    const path = file("pipeline.json");
    await writeFile(path, JSON.stringify(templates.find((t) => t.app.id === "pipeline")?.app));
    const t = createTestIo();
    expect(await runOpenapi([path], t.io)).toBe(0);
    const doc = JSON.parse(t.out()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, { description?: string }> }>>;
    };
    const list = doc.paths["/api/apps/pipeline/data/opportunity"]?.get?.responses["200"];
    delete list?.description;
    expect(await openApiErrors(doc)).toBeDefined();
    expect(await openApiErrors({ ...doc, openapi: "3.1" })).toBeDefined();
  });

  it("writes the same document the running server serves for the app", async () => {
    const server = await testServer({ demo: false });
    try {
      const app = contactApp([
        field("name", "text", { required: true }),
        field("stage", "select", { options: [{ value: "a" }, { value: "b" }] }),
      ]);
      const admin = await server.login("admin");
      await createAndPublish(admin, app);
      const served = await admin.request("GET", "/api/apps/crm/openapi.json");
      expect(served.statusCode).toBe(200);
      await writeFile(file("crm.json"), JSON.stringify(app));
      const t = createTestIo();
      expect(await runOpenapi([file("crm.json"), "-o", file("crm.openapi.json"), "--json"], t.io), t.err()).toBe(0);
      expect(JSON.parse(t.out())).toEqual({ ok: true, out: file("crm.openapi.json"), paths: expect.any(Number) });
      expect(JSON.parse(await readFile(file("crm.openapi.json"), "utf8"))).toEqual(served.json());
    } finally {
      await server.close();
    }
  });

  it("lists --server-url under servers; says what it wrote, in Chinese with --lang zh-CN", async () => {
    const path = file("cvi.json");
    await writeFile(path, JSON.stringify(templates.find((t) => t.app.id === "cvi")?.app));
    const t = createTestIo();
    expect(
      await runOpenapi(
        [path, "--server-url", "https://plinth.example.com", "-o", file("cvi.openapi.json"), "--lang", "zh-CN"],
        t.io,
      ),
    ).toBe(0);
    expect(t.out()).toMatch(/^已将 OpenAPI 3\.1 文档（\d+ 个路径）写入 /);
    const doc = JSON.parse(await readFile(file("cvi.openapi.json"), "utf8")) as { servers: unknown };
    expect(doc.servers).toEqual([{ url: "https://plinth.example.com" }]);
  });

  it("answers --help in both languages; exits 1 on an invalid app and 2 on usage errors or unreadable files", async () => {
    const help = createTestIo();
    expect(await runOpenapi(["--help"], help.io)).toBe(0);
    expect(help.out()).toContain("Usage / 用法: plinth openapi <app.json>");
    expect(help.out()).toContain("OpenAPI 3.1 文档");
    const broken = JSON.parse(JSON.stringify(templates[0]?.app)) as { entities: unknown };
    broken.entities = "none";
    await writeFile(file("broken.json"), JSON.stringify(broken));
    const invalid = createTestIo();
    expect(await runOpenapi([file("broken.json")], invalid.io)).toBe(1);
    expect(invalid.err()).toContain("error schema.type /entities");
    expect(invalid.out()).toBe("");
    const unreadable = createTestIo();
    expect(await runOpenapi([file("missing.json")], unreadable.io)).toBe(2);
    expect(unreadable.err()).toContain("cli.fileUnreadable");
    const extra = createTestIo();
    expect(await runOpenapi([file("cvi.json"), "more.json"], extra.io)).toBe(2);
    expect(extra.err()).toContain("Unexpected argument 'more.json'");
  });
});
