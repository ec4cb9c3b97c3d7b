import type { App } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { ApiError, apiErrorFrom, errorStatus, errorText } from "./data/errors.js";
import { createPlatformApi } from "./data/platform.js";
import { createRecordSource } from "./data/records.js";
import { formatValue } from "./format.js";
import { initialLocale, resources } from "./i18n.js";
import { effectiveRoles, firstPage, navigationEntries } from "./navigation.js";
import { parseRoute, routePath } from "./routes.js";
import { combineFilters, nextSort, sortable, sortParam } from "./sort.js";

describe("routes", () => {
  it("parses and prints /apps/ paths", () => {
    expect(parseRoute("/apps/")).toEqual({ kind: "apps" });
    expect(parseRoute("/apps")).toEqual({ kind: "apps" });
    expect(parseRoute("/apps/starter")).toEqual({ kind: "app", appId: "starter" });
    expect(parseRoute("/apps/starter/opportunities/")).toEqual({
      kind: "page",
      appId: "starter",
      pageId: "opportunities",
    });
    expect(routePath({ kind: "page", appId: "starter", pageId: "pipeline" })).toBe("/apps/starter/pipeline");
    expect(routePath({ kind: "apps" })).toBe("/apps/");
  });
});

describe("sort and filter", () => {
  it("cycles a header ascending, descending, then back to the page default", () => {
    expect(nextSort([], "amount")).toEqual([{ field: "amount", direction: "asc" }]);
    expect(nextSort([{ field: "amount", direction: "asc" }], "amount")).toEqual([
      { field: "amount", direction: "desc" },
    ]);
    expect(nextSort([{ field: "amount", direction: "desc" }], "amount")).toEqual([]);
    expect(nextSort([{ field: "name", direction: "desc" }], "amount")).toEqual([{ field: "amount", direction: "asc" }]);
    expect(
      sortParam([
        { field: "amount", direction: "desc" },
        { field: "name", direction: "asc" },
      ]),
    ).toBe("-amount,name");
    expect(sortParam([])).toBeUndefined();
    expect(sortable("account.region")).toBe(false);
  });

  it("combines the page's filter with the user's", () => {
    expect(combineFilters(undefined, " ")).toBeUndefined();
    expect(combineFilters("stage = 'won'", "")).toBe("stage = 'won'");
    expect(combineFilters("stage = 'won'", "amount > 5")).toBe("(stage = 'won') AND (amount > 5)");
  });
});

describe("data", () => {
  it("lists records over the REST route, with the language and the session's CSRF token", async () => {
    const calls: { url: string; init?: RequestInit }[] = [];
    const http = {
      baseUrl: "",
      locale: () => "zh-CN",
      csrfToken: () => "token-1",
      fetch: async (url: string, init?: RequestInit) => {
        calls.push({ url, ...(init ? { init } : {}) });
        return new Response(JSON.stringify({ records: [{ id: "r1" }], next: null }), { status: 200 });
      },
    };
    const page = await createRecordSource(http, "starter").list("opportunity", {
      filter: "amount > 500000",
      sort: [{ field: "amount", direction: "desc" }],
      limit: 2,
    });
    expect(page.records).toEqual([{ id: "r1" }]);
    expect(page.next ?? undefined).toBeUndefined();
    expect(calls[0]?.url).toBe("/api/apps/starter/data/opportunity?filter=amount%20%3E%20500000&sort=-amount&limit=2");
    expect(new Headers(calls[0]?.init?.headers).get("x-csrf-token")).toBeNull();
    await createPlatformApi(http).logout();
    expect(new Headers(calls[1]?.init?.headers).get("x-csrf-token")).toBe("token-1");
    expect(new Headers(calls[1]?.init?.headers).get("accept-language")).toBe("zh-CN");
  });

  it("turns the server's error shape into an ApiError with both languages", async () => {
    const body = {
      error: {
        code: "http.badCredentials",
        message: "用户名或密码错误。",
        path: "",
        details: { messages: { en: "The user name or password is wrong.", "zh-CN": "用户名或密码错误。" } },
      },
    };
    const http = { baseUrl: "", fetch: async () => new Response(JSON.stringify(body), { status: 401 }) };
    const error = await createPlatformApi(http)
      .login("x", "y")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).text("en")).toBe("The user name or password is wrong.");
    expect((error as ApiError).text("zh-CN")).toBe("用户名或密码错误。");
    expect(await createPlatformApi(http).me()).toBeUndefined();
    expect(apiErrorFrom(502, "<html>").text("en")).toBe("The server answered 502.");
    const filterError = await createRecordSource(
      { ...http, fetch: async () => new Response(JSON.stringify(body), { status: 400 }) },
      "a",
    )
      .list("e", { filter: "amount >" })
      .catch((e: unknown) => e);
    expect(errorStatus(filterError)).toBe(400);
    expect(errorText(filterError, "zh-CN")).toBe("用户名或密码错误。");
  });
});

describe("format", () => {
  it("shows select labels, money and relation titles in the chosen language", () => {
    const stage = {
      id: "stage",
      kind: "select",
      options: [{ value: "won", label: { en: "Closed won", "zh-CN": "赢单" } }],
    };
    expect(formatValue(stage, "won", "en")).toBe("Closed won");
    expect(formatValue(stage, "won", "zh-CN")).toBe("赢单");
    expect(formatValue({ id: "amount", kind: "currency", currency: "CNY" }, 995730, "en")).toBe("CN¥995,730.00");
    expect(formatValue({ id: "amount", kind: "currency", currency: "CNY" }, 995730, "zh-CN")).toBe("¥995,730.00");
    expect(formatValue({ id: "account", kind: "relation" }, "a1", "en", new Map([["a1", "Acme"]]))).toBe("Acme");
    expect(formatValue({ id: "account", kind: "relation" }, "a2", "en", new Map())).toBe("a2");
    expect(formatValue({ id: "p", kind: "percent" }, 60, "en")).toBe("60%");
    expect(formatValue(undefined, null, "en")).toBe("");
  });
});

describe("navigation", () => {
  const app = {
    schemaVersion: 1,
    id: "a",
    version: "1.0.0",
    roles: [{ id: "rep" }, { id: "manager", inherits: ["rep"] }, { id: "finance" }],
    entities: [],
    pages: [
      { kind: "dashboard", id: "home", widgets: [] },
      { kind: "inbox", id: "inbox", label: { en: "Inbox" }, roles: ["manager"] },
      { kind: "dashboard", id: "money", widgets: [], roles: ["finance"] },
    ],
    navigation: [
      { kind: "group", id: "g", label: "Group", items: [{ kind: "page", page: "inbox" }] },
      { kind: "page", page: "home", label: { en: "Home", "zh-CN": "首页" } },
      { kind: "page", page: "money" },
      { kind: "page", page: "missing" },
    ],
  } as unknown as App;

  it("keeps the pages the user's roles (with inherited ones) may see", () => {
    const manager = navigationEntries(app, effectiveRoles(app, ["manager"]));
    expect(manager.map((e) => (e.kind === "page" ? e.page : e.id))).toEqual(["g", "home"]);
    expect(firstPage(manager)).toBe("inbox");
    const rep = navigationEntries(app, effectiveRoles(app, ["rep"]));
    expect(rep.map((e) => (e.kind === "page" ? e.page : e.id))).toEqual(["home"]);
    expect(navigationEntries(app, undefined)).toHaveLength(3);
    expect(effectiveRoles(app, ["manager"])).toEqual(new Set(["manager", "rep"]));
  });
});

describe("i18n", () => {
  it("has every UI string in both languages", () => {
    expect(Object.keys(resources["zh-CN"].translation).sort()).toEqual(Object.keys(resources.en.translation).sort());
  });

  it("starts in the saved language, else the browser's", () => {
    expect(initialLocale("zh-CN", ["en-US"])).toBe("zh-CN");
    expect(initialLocale(null, ["zh-TW", "en"])).toBe("zh-CN");
    expect(initialLocale("fr", ["en-GB"])).toBe("en");
  });
});
