import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureAdmin } from "../src/auth/bootstrap.js";
import { createServer } from "../src/http/createServer.js";
import { contactApp, createAndPublish, field } from "./support/apps.js";
import { testContext } from "./support/context.js";
import { expectError } from "./support/http.js";
import { ADMIN_PASSWORD, type Client, login, type Server, testServer } from "./support/server.js";
import { inspect } from "./support/sqlite.js";

const PASSWORD = "files-password-1";
const KB = 1024;

/** Contacts with an owner scope: reps see their own, managers all; `docs` takes PDFs and images up to 2 KB. */
function app() {
  return {
    ...contactApp([
      field("name", "text", { required: true }),
      field("owner", "user", { default: "$user" }),
      field("docs", "attachment", { maxFiles: 3, maxSizeMb: 2 / 1024, accept: ["application/pdf", "image/*"] }),
      field("any", "attachment", { maxSizeMb: 1 }),
      field("secret_docs", "attachment"),
    ]),
    roles: [{ id: "rep" }, { id: "manager", inherits: ["rep"] }, { id: "viewer" }],
    permissions: [
      {
        role: "rep",
        entity: "contact",
        actions: ["read", "create", "update"],
        rowScope: "owner = $user.id",
        hiddenFields: ["secret_docs"],
      },
      { role: "manager", entity: "contact", actions: ["read", "create", "update"] },
      { role: "viewer", entity: "contact", actions: ["read"] },
    ],
  };
}

describe("attachments over HTTP", () => {
  let server: Server;
  const as = new Map<string, Client>();
  const user = (name: string) => as.get(name) as Client;

  beforeAll(async () => {
    server = await testServer({ demo: false });
    const admin = await server.login("admin");
    as.set("admin", admin);
    await createAndPublish(admin, app());
    for (const [username, roles] of [
      ["rep1", ["rep"]],
      ["rep2", ["rep"]],
      ["boss", ["manager"]],
      ["viewer", ["viewer"]],
    ] as const) {
      const created = await admin.request("POST", "/api/users", {
        body: { username, displayName: username, password: PASSWORD },
      });
      const userId = (created.json() as { id: string }).id;
      await admin.request("PUT", `/api/users/${userId}/roles/crm`, { body: { roles } });
      as.set(username, await server.login(username, PASSWORD));
    }
  });
  afterAll(() => server.close());

  const upload = (who: string, fieldId: string, body: Buffer | Readable | string, type: string, name = "a.pdf") =>
    user(who).request("POST", `/api/apps/crm/files/contact/${fieldId}?name=${encodeURIComponent(name)}`, {
      body,
      headers: { "content-type": type },
    });
  const descriptor = async (who: string, fieldId: string, text: string, type: string, name?: string) => {
    const res = await upload(who, fieldId, Buffer.from(text), type, name);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; name: string; size: number; contentType: string };
  };
  const create = async (who: string, values: Record<string, unknown>) => {
    const res = await user(who).request("POST", "/api/apps/crm/data/contact", { body: values });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number } & Record<string, unknown>;
  };
  /** Ids of the stored blobs, read past the server: the files folder (SQLite) or the `file_blobs` table. */
  const storedBlobs = (): string[] => {
    if (server.ctx.storage.kind === "postgres") {
      const db = inspect(server.ctx.file);
      try {
        return (db.db.prepare("SELECT id FROM file_blobs").all() as Array<{ id: string }>).map((r) => r.id);
      } finally {
        db.close();
      }
    }
    const dir = join(server.ctx.dir, "files");
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  const download = (who: string, recordId: string, fieldId: string, fileId: string) =>
    user(who).request("GET", `/api/apps/crm/data/contact/${recordId}/files/${fieldId}/${fileId}`);

  it("uploads a file, attaches it with a record write and downloads it as an attachment", async () => {
    const file = await descriptor("rep1", "docs", "%PDF-1.7 hello", "application/pdf; charset=binary", "报价单.pdf");
    expect(file).toEqual({ id: expect.any(String), name: "报价单.pdf", size: 14, contentType: "application/pdf" });
    const record = await create("rep1", { name: "Ann", docs: [file] });
    expect(record.docs).toEqual([file]);

    const res = await download("rep1", record.id, "docs", file.id);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe("%PDF-1.7 hello");
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="___.pdf"; filename*=UTF-8''${encodeURIComponent("报价单.pdf")}`,
    );
    // The bytes sit under the random id only: in the files folder next to the SQLite file, or in PostgreSQL.
    expect(storedBlobs()).toContain(file.id);
  });

  it("lets a manager who may read the record download it and save the record with its files", async () => {
    const file = await descriptor("rep1", "docs", "%PDF-", "application/pdf");
    const record = await create("rep1", { name: "Bob", docs: [file] });
    expect((await download("boss", record.id, "docs", file.id)).statusCode).toBe(200);
    const saved = await user("boss").request("PATCH", `/api/apps/crm/data/contact/${record.id}`, {
      body: { name: "Bob B.", docs: [file] },
      headers: { "if-match": `"${record.version}"` },
    });
    expect(saved.statusCode, saved.body).toBe(200);
  });

  it("hides files of records the user may not read, of hidden fields, and ids the record does not hold", async () => {
    const file = await descriptor("boss", "docs", "%PDF-", "application/pdf");
    const secret = await descriptor("boss", "secret_docs", "top secret", "text/plain");
    const record = await create("boss", {
      name: "Cy",
      owner: user("rep1").userId,
      docs: [file],
      secret_docs: [secret],
    });
    expect((await download("rep1", record.id, "docs", file.id)).statusCode).toBe(200);
    expectError(await download("rep2", record.id, "docs", file.id), 404, "http.notFound");
    expectError(await download("rep1", record.id, "secret_docs", secret.id), 404, "http.notFound");
    expect((await download("boss", record.id, "secret_docs", secret.id)).statusCode).toBe(200);
    expectError(await download("rep1", record.id, "docs", secret.id), 404, "http.notFound");
    expectError(await download("rep1", record.id, "docs", "nope"), 404, "http.notFound");
    expectError(await download("rep1", record.id, "name", file.id), 404, "http.notFound");
    expectError(await download("rep1", record.id, "docs", "..%2F..%2Fplinth.sqlite"), 400);
  });

  it("answers 404 when the bytes of an attached file are missing", async () => {
    const file = await descriptor("rep1", "any", "gone soon", "text/plain");
    const record = await create("rep1", { name: "Di", any: [file] });
    await server.ctx.storage.blobs.remove(file.id);
    expectError(await download("rep1", record.id, "any", file.id), 404, "http.notFound");
  });

  it("refuses to attach a file someone else uploaded, or one uploaded for another field", async () => {
    const theirs = await descriptor("rep2", "docs", "%PDF-", "application/pdf");
    const refused = await user("rep1").request("POST", "/api/apps/crm/data/contact", {
      body: { name: "Ed", docs: [theirs] },
    });
    const error = expectError(refused, 422, "http.fileUnknown");
    expect(error.path).toBe("/docs/0");
    const mine = await descriptor("rep1", "any", "x", "application/pdf");
    expectError(
      await user("rep1").request("POST", "/api/apps/crm/data/contact", { body: { name: "Ed", docs: [mine] } }),
      422,
      "http.fileUnknown",
    );
    const made = { id: "madeUpId123", name: "x.pdf", size: 1, contentType: "application/pdf" };
    expectError(
      await user("rep1").request("POST", "/api/apps/crm/data/contact", { body: { name: "Ed", docs: [made] } }),
      422,
      "http.fileUnknown",
    );
  });

  it("refuses files over the field's size, types it does not accept, and too many files", async () => {
    const big = expectError(await upload("rep1", "docs", Buffer.alloc(3 * KB), "application/pdf"), 413);
    expect(big.code).toBe("http.fileTooLarge");
    expect(big.message).toContain("2 KB");
    // Without Content-Length the limit holds while the body streams in, and nothing is kept.
    const stored = storedBlobs;
    const before = stored().length;
    const streamed = await upload(
      "rep1",
      "docs",
      Readable.from([Buffer.alloc(KB), Buffer.alloc(KB), Buffer.alloc(KB)]),
      "image/png",
    );
    expectError(streamed, 413, "http.fileTooLarge");
    expect(stored()).toHaveLength(before);

    const html = expectError(await upload("rep1", "docs", "<script>alert(1)</script>", "text/html"), 415);
    expect(html.code).toBe("http.fileType");
    expect(html.message).toContain("application/pdf, image/*");
    expectError(await upload("rep1", "docs", "no type", "application/octet-stream"), 415, "http.fileType");
    expectError(await upload("rep1", "docs", "no type", ""), 415);
    expect((await upload("rep1", "docs", Buffer.from([0x89, 0x50]), "image/png", "p.png")).statusCode).toBe(201);

    const four = await Promise.all([1, 2, 3, 4].map(() => descriptor("rep1", "docs", "%PDF-", "application/pdf")));
    const tooMany = await user("rep1").request("POST", "/api/apps/crm/data/contact", {
      body: { name: "Flo", docs: four },
    });
    expect(tooMany.statusCode).toBe(422);
  });

  it("sanitises path-traversal and control characters out of names", async () => {
    const a = await descriptor("rep1", "any", "x", "text/plain", "../../../etc/passwd");
    expect(a.name).toBe("passwd");
    const b = await descriptor("rep1", "any", "x", "text/plain", "..\\..\\boot.ini\u0007\u202e");
    expect(b.name).toBe("boot.ini");
    // NUL is refused outright (no database stores it as text), before the upload is read.
    const nul = await upload("rep1", "any", "x", "text/plain", "boot.ini\u0000");
    expectError(nul, 400, "http.nulCharacter");
    const c = await descriptor("rep1", "any", "x", "text/plain", "");
    expect(c.name).toBe("file");
    const record = await create("rep1", { name: "Gus", any: [a] });
    const res = await download("rep1", record.id, "any", a.id);
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="passwd"; filename*=UTF-8''passwd`);
    expect(existsSync(join(server.ctx.dir, "etc"))).toBe(false);
  });

  it("refuses uploads from people who may not write the field, for unknown fields, and without a session", async () => {
    expectError(await upload("viewer", "docs", "%PDF-", "application/pdf"), 403, "http.forbidden");
    expectError(await upload("rep1", "secret_docs", "x", "text/plain"), 403, "http.fieldForbidden");
    expectError(await upload("rep1", "name", "x", "text/plain"), 404, "http.notFound");
    expectError(await upload("rep1", "nope", "x", "text/plain"), 404, "http.notFound");
    const anonymous = await server.app.inject({
      method: "POST",
      url: "/api/apps/crm/files/contact/docs?name=a.pdf",
      payload: "%PDF-",
      headers: { "content-type": "application/pdf" },
    });
    expectError(anonymous, 401, "http.unauthenticated");
    // JSON bodies are files too here: not parsed, stored as they are.
    const json = await upload("rep1", "any", '{"a":1}', "application/json", "a.json");
    expect(json.statusCode).toBe(201);
  });
});

describe("people of an app", () => {
  it("names the people with a role in the app, to any of them, and to nobody else", async () => {
    const server = await testServer({ demo: false });
    try {
      const admin = await server.login("admin");
      await createAndPublish(admin, app());
      const make = async (username: string, displayName: string, roles: string[]) => {
        const created = await admin.request("POST", "/api/users", {
          body: {
            username,
            displayName,
            password: PASSWORD,
            attributes: { region: "east", email: `${username}@x.cn` },
          },
        });
        const userId = (created.json() as { id: string }).id;
        if (roles.length > 0) await admin.request("PUT", `/api/users/${userId}/roles/crm`, { body: { roles } });
        return server.login(username, PASSWORD);
      };
      const rep = await make("rep1", "Li Lei", ["rep"]);
      await make("boss", "Wang Fang", ["manager"]);
      const outsider = await make("outsider", "Nobody", []);

      const res = await rep.request("GET", "/api/apps/crm/people");
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        people: [
          { id: rep.userId, name: "Li Lei" },
          { id: expect.any(String), name: "Wang Fang" },
        ],
      });
      expect(res.body).not.toContain("@x.cn");
      expect(res.body).not.toContain("east");
      const reps = await rep.request("GET", "/api/apps/crm/people?roles=rep&q=WANG");
      expect((reps.json() as { people: unknown[] }).people).toHaveLength(1);
      expectError(await outsider.request("GET", "/api/apps/crm/people"), 403, "http.forbidden");
      expectError(await rep.request("GET", `/api/apps/crm/people?q=${"x".repeat(101)}`), 400);
      expectError(await rep.request("GET", "/api/apps/crm/people?limit=0"), 400);
      expectError(await rep.request("GET", "/api/apps/crm/people?ids=../etc"), 400);
      expectError(await rep.request("GET", "/api/apps/nope/people"), 404);
    } finally {
      await server.close();
    }
  });
});

describe("the global upload cap", () => {
  it("holds below a field's own maxSizeMb", async () => {
    const ctx = testContext();
    await ensureAdmin(ctx, { password: ADMIN_PASSWORD });
    const app = await createServer(ctx, { maxUploadBytes: 100 });
    try {
      const admin = await login(app, "admin", ADMIN_PASSWORD);
      await createAndPublish(admin, contactApp([field("name", "text"), field("files", "attachment")]));
      const res = await admin.request("POST", "/api/apps/crm/files/contact/files?name=a.txt", {
        body: Buffer.alloc(101),
        headers: { "content-type": "text/plain" },
      });
      expect(expectError(res, 413, "http.fileTooLarge").message).toContain("100 B");
    } finally {
      await app.close();
      await ctx.cleanup();
    }
  });
});
