import type { App, Locale } from "@plinth/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, type Server, testServer } from "../../server/test/support/server.js";
import { createDesignerApi, type DesignerApi } from "../src/api/designerApi.js";
import { createHttp } from "../src/api/http.js";
import { type Autosave, type BackupStorage, createAutosave, readBackup } from "../src/store/autosave.js";
import { setLabel, setValue } from "../src/store/commands.js";
import { createDesignerStore } from "../src/store/designerStore.js";

/**
 * Drafts autosave over real HTTP to a real server on a real SQLite file: saved over their
 * revision, a second tab's stale save is a conflict (never an overwrite), merge keeps both
 * tabs' edits, reload takes the server's, and an unreachable server loses nothing.
 */

let server: Server;
let base: string;

function memoryStorage(): BackupStorage & { readonly map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

/** A browser tab: its own cookie jar over Node's fetch against the test server. */
async function tab(): Promise<DesignerApi> {
  let cookie = "";
  const fetcher = (async (path: string, init?: RequestInit) => {
    const response = await fetch(`${base}${path}`, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    const set = response.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0] ?? "";
    return response;
  }) as typeof fetch;
  const api = createDesignerApi(createHttp(() => "en" as Locale, fetcher));
  await api.login("admin", ADMIN_PASSWORD);
  return api;
}

async function open(api: DesignerApi, storage = memoryStorage()) {
  const draft = await api.draft("starter");
  const store = createDesignerStore(draft.app as App);
  const autosave: Autosave = createAutosave({
    store,
    api,
    appId: "starter",
    revision: draft.draftRevision,
    delayMs: 5,
    storage,
  });
  return { store, autosave, storage, revision: draft.draftRevision };
}

beforeAll(async () => {
  server = await testServer();
  await server.app.listen({ port: 0, host: "127.0.0.1" });
  const address = server.app.server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(async () => {
  await server.close();
});

describe("draft autosave", () => {
  it("saves an edit over its revision and clears the browser backup", async () => {
    const api = await tab();
    const a = await open(api);
    a.store.getState().apply(setLabel("/label", "zh-CN", "入门应用 A"));
    expect(readBackup(a.storage, "starter")?.doc.label).toMatchObject({ "zh-CN": "入门应用 A" });
    await a.autosave.flush();
    expect(a.autosave.status.getState()).toMatchObject({ state: { kind: "saved" }, revision: a.revision + 1 });
    expect(readBackup(a.storage, "starter")).toBeUndefined();
    expect((await api.draft("starter")).app.label).toMatchObject({ "zh-CN": "入门应用 A" });
    a.autosave.dispose();
  });

  it("turns a second tab's stale save into a conflict, and merge keeps both tabs' edits", async () => {
    const one = await open(await tab());
    const two = await open(await tab());
    one.store.getState().apply(setValue("/version", "9.9.9"));
    await one.autosave.flush();
    two.store.getState().apply(setLabel("/label", "en", "Starter (tab two)"));
    await two.autosave.flush();
    const state = two.autosave.status.getState().state;
    expect(state.kind).toBe("conflict");
    // Nothing was overwritten: the server still has tab one's draft.
    const api = await tab();
    expect((await api.draft("starter")).app.version).toBe("9.9.9");
    await two.autosave.resolve("merge");
    await two.autosave.flush();
    expect(two.autosave.status.getState().state.kind).toBe("saved");
    const merged = (await api.draft("starter")).app;
    expect(merged.version).toBe("9.9.9");
    expect(merged.label).toMatchObject({ en: "Starter (tab two)" });
    one.autosave.dispose();
    two.autosave.dispose();
  });

  it("reload takes the server's draft and drops the tab's unsaved edit", async () => {
    const one = await open(await tab());
    const two = await open(await tab());
    one.store.getState().apply(setValue("/version", "10.0.0"));
    await one.autosave.flush();
    two.store.getState().apply(setValue("/version", "11.0.0"));
    await two.autosave.flush();
    expect(two.autosave.status.getState().state.kind).toBe("conflict");
    await two.autosave.resolve("reload");
    expect(two.store.getState().doc.version).toBe("10.0.0");
    expect(two.store.getState().past).toHaveLength(0);
    one.autosave.dispose();
    two.autosave.dispose();
  });

  it("keeps the edit in the browser when the server cannot be reached", async () => {
    const storage = memoryStorage();
    const draft = await (await tab()).draft("starter");
    const offline = createDesignerApi(
      createHttp(
        () => "en",
        async () => {
          throw new TypeError("fetch failed");
        },
      ),
    );
    const store = createDesignerStore(draft.app as App);
    const autosave = createAutosave({ store, api: offline, appId: "starter", revision: draft.draftRevision, storage });
    store.getState().apply(setValue("/version", "12.0.0"));
    await autosave.flush();
    expect(autosave.status.getState().state.kind).toBe("error");
    expect(readBackup(storage, "starter")).toMatchObject({ revision: draft.draftRevision, doc: { version: "12.0.0" } });
    autosave.dispose();
  });
});
