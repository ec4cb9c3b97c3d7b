import { request } from "node:http";
import type { Locale } from "@plinth/runtime";
import { ADMIN_PASSWORD, type Server, testServer } from "../../../server/test/support/server.js";
import { createDesignerApi, type DesignerApi } from "../../src/api/designerApi.js";
import { createHttp, type Http } from "../../src/api/http.js";
import { createPeopleApi, type PeopleApi } from "../../src/people/peopleApi.js";

/**
 * A real server on a real SQLite file, listening on a free port of 127.0.0.1, for component tests
 * that save through the API. Close it in `afterAll`.
 */
export async function listeningServer(): Promise<Server & { readonly base: string }> {
  const server = await testServer({ demo: false });
  await server.app.listen({ port: 0, host: "127.0.0.1" });
  const address = server.app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return Object.assign(server, { base: `http://127.0.0.1:${port}` });
}

/**
 * `fetch` over node:http with one cookie jar. Component tests run under happy-dom, whose own fetch
 * applies a page's origin rules; the designer only reads `ok`, `status` and the body text.
 */
function nodeFetcher(base: string): typeof fetch {
  let cookie = "";
  return (async (path: string, init: RequestInit = {}) => {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
    if (cookie) headers.cookie = cookie;
    const body = typeof init.body === "string" ? init.body : undefined;
    const { status, text, setCookie } = await new Promise<{ status: number; text: string; setCookie?: string }>(
      (resolve, reject) => {
        const req = request(`${base}${path}`, { method: init.method ?? "GET", headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString("utf8"),
              ...(res.headers["set-cookie"]?.[0] ? { setCookie: res.headers["set-cookie"][0] } : {}),
            }),
          );
          res.on("error", reject);
        });
        req.on("error", reject);
        if (body !== undefined) req.write(body);
        req.end();
      },
    );
    if (setCookie) cookie = setCookie.split(";")[0] ?? "";
    return { ok: status >= 200 && status < 300, status, text: async () => text } as unknown as Response;
  }) as typeof fetch;
}

/** The designer's APIs as an administrator signed in to `server` (one browser's session). */
export async function adminClient(
  server: { readonly base: string },
  locale: () => Locale = () => "en",
): Promise<{ readonly http: Http; readonly api: DesignerApi; readonly people: PeopleApi }> {
  const http = createHttp(locale, nodeFetcher(server.base));
  const api = createDesignerApi(http);
  await api.login("admin", ADMIN_PASSWORD);
  return { http, api, people: createPeopleApi(http) };
}
