import {
  type App,
  createMemorySource,
  createRestSource,
  type DataSource,
  DataSourceError,
  type FetchLike,
  type MemoryUser,
} from "@plinth/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, type Server, testServer } from "./support/server.js";

/**
 * People and attachments through the REST data source on a real socket (demo app), and the
 * memory source answering the same people for the same directory.
 */

let server: Server;
let base: string;
const sources = new Map<string, DataSource>();
const cookies = new Map<string, { cookie: string; csrf: string }>();

async function restFor(username: string): Promise<DataSource> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] as string;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  cookies.set(username, { cookie, csrf: csrfToken });
  const withCookie: FetchLike = (url, init) => fetch(url, { ...init, headers: { ...init.headers, cookie } });
  return createRestSource({ baseUrl: base, app: "starter", fetch: withCookie, csrfToken: () => csrfToken });
}

const source = (username: string) => sources.get(username) as DataSource;

beforeAll(async () => {
  server = await testServer();
  await server.app.listen({ port: 0, host: "127.0.0.1" });
  const address = server.app.server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  for (const name of ["rep.east", "rep.north", "manager.east", "finance", "auditor"]) {
    sources.set(name, await restFor(name));
  }
});
afterAll(() => server.close());

describe("people", () => {
  it("lists the app's people by name, with ids and names only, and the memory source agrees", async () => {
    const people = await source("rep.east").people({ limit: 500 });
    expect(people.map((p) => p.name)).toEqual([
      "Chen Jie (auditor)",
      "Han Meimei (rep, North)",
      "Li Lei (rep, East)",
      "Wang Fang (manager, East)",
      "Zhao Min (finance)",
    ]);
    for (const p of people) expect(Object.keys(p).sort()).toEqual(["id", "name"]);

    const users: MemoryUser[] = [];
    for (const name of sources.keys()) users.push(await source(name).me());
    const memory = createMemorySource({
      app: (await source("rep.east").app()) as App,
      user: users[0] as MemoryUser,
      users,
      clock: () => "2026-06-01T09:00:00.000Z",
      newId: () => "x",
    });
    const wang = people.find((p) => p.name.startsWith("Wang"))?.id as string;
    const cases = [
      {},
      { search: "wang" },
      { roles: ["rep"] },
      { limit: 2 },
      { search: "zz" },
      { ids: [wang, "nobody"] },
    ];
    for (const options of cases) {
      expect(await memory.people(options), JSON.stringify(options)).toEqual(await source("rep.east").people(options));
    }
    expect((await source("rep.east").people({ roles: ["rep"] })).map((p) => p.name)).toContain(
      "Wang Fang (manager, East)",
    );
  });

  it("refuses a search longer than 100 characters and an out-of-range limit", async () => {
    for (const options of [{ search: "x".repeat(101) }, { limit: 501 }, { roles: ["no such-role!"] }]) {
      const error = await source("rep.east")
        .people(options)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataSourceError);
      expect((error as DataSourceError).status).toBe(400);
    }
  });

  it("answers 401 without a session", async () => {
    const res = await fetch(`${base}/api/apps/starter/people`);
    expect(res.status).toBe(401);
  });
});

describe("attachments through the REST source", () => {
  it("uploads with progress, attaches on create, downloads by source and by URL", async () => {
    const rep = source("rep.east");
    const me = await rep.me();
    const accounts = await rep.list("account", { limit: 1, filter: "region = 'east'" });
    const seen: number[] = [];
    const body = new Blob(["quarterly numbers"], { type: "text/plain" });
    const file = await rep.upload(
      "opportunity",
      "files",
      { name: "Q3 报告.txt", contentType: body.type, size: body.size, body },
      { onProgress: (loaded) => seen.push(loaded) },
    );
    expect(file).toMatchObject({ name: "Q3 报告.txt", size: 17, contentType: "text/plain" });
    expect(seen).toEqual([17]);
    const created = await rep.create("opportunity", {
      name: "With files",
      account: accounts.records[0]?.id,
      region: "east",
      close_date: "2026-09-01",
      owner: me.id,
      files: [file],
    });
    expect(created.files).toEqual([file]);
    const bytes = await rep.download("opportunity", String(created.id), "files", file.id);
    expect(new TextDecoder().decode(bytes)).toBe("quarterly numbers");

    const url = rep.fileUrl("opportunity", String(created.id), "files", file.id) as string;
    const { cookie } = cookies.get("rep.east") as { cookie: string };
    const res = await fetch(url, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("filename*=UTF-8''Q3%20%E6%8A%A5%E5%91%8A.txt");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");

    // rep.north cannot read rep.east's deal: the file is not found for them.
    const error = await source("rep.north")
      .download("opportunity", String(created.id), "files", file.id)
      .then(
        () => undefined,
        (e: unknown) => e as DataSourceError,
      );
    expect([error?.status, error?.code]).toEqual([404, "http.notFound"]);
  });

  it("answers 413 over a real socket when a streamed body without a length passes the limit", async () => {
    const { cookie, csrf } = cookies.get("rep.east") as { cookie: string; csrf: string };
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 12) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(`${base}/api/apps/starter/files/opportunity/files?name=big.bin`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrf, "content-type": "application/octet-stream" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("http.fileTooLarge");
  });
});
