// @vitest-environment happy-dom
import type { Locale } from "@plinth/runtime";
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App as AntApp } from "antd";
import { I18nextProvider } from "react-i18next";
import { afterEach, describe, expect, it } from "vitest";
import { createHttp } from "../api/http.js";
import { createI18n } from "../i18n.js";
import { AttributesEditor } from "./AttributesEditor.js";
import { createPeopleApi, type PersonJson } from "./peopleApi.js";

afterEach(cleanup);

const alice: PersonJson = {
  id: "u-alice",
  username: "alice",
  displayName: "Alice",
  isAdmin: false,
  disabled: false,
  attributes: { region: "east" },
  createdAt: "2026-06-01T09:00:00.000Z",
};

/**
 * The messages PATCH /api/users/:id answers `users.badAttributeKey` with (the server's catalogue,
 * packages/server/src/auth/messages.ts; its test, users.test.ts, pins the code, path and both texts).
 */
const badKey = (key: string) => ({
  en: `'${key}' cannot name an attribute: formulas read it as $user.<name>. Start with a letter and use only letters, digits and underscores, up to 63 characters (region, sales_team).`,
  "zh-CN": `“${key}”不能用作属性名：公式以 $user.<属性名> 读取它。请以字母开头，只用字母、数字和下划线，最多 63 个字符（如 region、sales_team）。`,
});

interface Sent {
  readonly method: string;
  readonly url: string;
  readonly language: string | null;
  readonly body: { attributes: Record<string, unknown> };
}

/**
 * A stand-in for the user routes at the fetch boundary: it answers as the server does — a 400 in
 * the API's error shape for an attribute name that is no identifier (the first one, at its JSON
 * pointer), else the user with the attributes saved. The designer's real HTTP client and error
 * parser read the answers.
 */
function serverStandIn() {
  const sent: Sent[] = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    const body = JSON.parse(String(init.body)) as Sent["body"];
    sent.push({ method: String(init.method), url, language: headers.get("accept-language"), body });
    const bad = Object.keys(body.attributes).find((k) => !/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(k));
    if (bad !== undefined) {
      const messages = badKey(bad);
      const locale = headers.get("accept-language") === "zh-CN" ? "zh-CN" : "en";
      const error = {
        code: "users.badAttributeKey",
        message: messages[locale],
        path: `/attributes/${bad.replaceAll("~", "~0").replaceAll("/", "~1")}`,
        details: { messages },
      };
      return new Response(JSON.stringify({ error }), { status: 400, headers: { "content-type": "application/json" } });
    }
    return new Response(JSON.stringify({ ...alice, attributes: body.attributes }), { status: 200 });
  }) as typeof fetch;
  return { sent, fetcher };
}

function renderEditor(locale: Locale) {
  const server = serverStandIn();
  const people = createPeopleApi(createHttp(() => locale, server.fetcher));
  const saved: PersonJson[] = [];
  const ui = (shown: Locale) => (
    <I18nextProvider i18n={createI18n(shown)}>
      <AntApp>
        <AttributesEditor
          people={people}
          person={alice}
          appTitle="Promotions"
          attributes={[{ id: "region", usedBy: ["/permissions/0/rowScope"] }]}
          locale={shown}
          onSaved={(p) => saved.push(p)}
        />
      </AntApp>
    </I18nextProvider>
  );
  const { rerender } = render(ui(locale));
  /** The designer's language switched (the editor keeps its rows and the refusal). */
  const switchTo = (shown: Locale) => rerender(ui(shown));
  return { ...server, saved, switchTo };
}

/** The help under an input (antd's Form.Item), where the designer shows an issue of that input. */
function helpOf(input: HTMLElement): string {
  const item = input.closest(".ant-form-item");
  return item?.querySelector(".ant-form-item-explain")?.textContent ?? "";
}

describe("People: a refused attribute name shows at its input, in the current language", () => {
  it("English: 'bad key!' is refused by the server; the message says what to do under the key, and a fix saves", async () => {
    const user = userEvent.setup();
    const { sent, saved } = renderEditor("en");
    await user.click(screen.getByRole("button", { name: "Add attribute" }));
    await user.type(screen.getByLabelText("Key of attribute 2"), "bad key!");
    await user.type(screen.getByLabelText("Value of attribute 2"), "x");
    await user.click(screen.getByRole("button", { name: "Save attributes" }));

    const key = screen.getByLabelText("Key of attribute 2");
    const help = await within(key.closest(".ant-form-item") as HTMLElement).findByRole("alert");
    expect(help.textContent).toBe(badKey("bad key!").en);
    expect(key.getAttribute("aria-invalid")).toBe("true");
    expect(helpOf(screen.getByLabelText("Key of attribute 1"))).toBe("");
    expect(helpOf(screen.getByLabelText("Value of attribute 2"))).toBe("");
    // Shown once, at the input: not again above the rows, and not the validator's text.
    expect(screen.getAllByRole("alert")).toHaveLength(1);
    expect(document.body.textContent).not.toContain("must match pattern");
    expect(sent).toEqual([
      {
        method: "PATCH",
        url: "/api/users/u-alice",
        language: "en",
        body: { attributes: { region: "east", "bad key!": "x" } },
      },
    ]);
    expect(saved).toEqual([]);

    // Editing the row clears the stale message; the fixed name saves.
    await user.clear(key);
    await user.type(key, "bad_key");
    await waitFor(() => expect(helpOf(key)).toBe(""));
    expect(key.getAttribute("aria-invalid")).toBeNull();
    // (antd's spinner leaves by a CSS motion that never ends here: it stays in the button's name.)
    const saveAgain = screen.getByRole("button", { name: /Save attributes$/ });
    expect(saveAgain.className).not.toContain("ant-btn-loading");
    await user.click(saveAgain);
    expect(await screen.findByText("Attributes saved.")).toBeTruthy();
    expect(saved.map((p) => p.attributes)).toEqual([{ region: "east", bad_key: "x" }]);
  });

  it("中文: '1abc' is refused with the Chinese message under its key", async () => {
    const user = userEvent.setup();
    const { sent } = renderEditor("zh-CN");
    await user.click(screen.getByRole("button", { name: "添加属性" }));
    const [, key] = screen.getAllByRole("textbox").filter((el) => el.closest(".designer-people-key"));
    if (!key) throw new Error("no second key input");
    await user.type(key, "1abc");
    const value = screen.getAllByRole("textbox").filter((el) => el.closest(".designer-people-value"))[1];
    if (!value) throw new Error("no second value input");
    await user.type(value, "7");
    await user.click(screen.getByRole("button", { name: "保存属性" }));

    const help = await within(key.closest(".ant-form-item") as HTMLElement).findByRole("alert");
    expect(help.textContent).toBe(badKey("1abc")["zh-CN"]);
    expect(help.textContent).toContain("请以字母开头");
    expect(sent[0]?.language).toBe("zh-CN");
  });

  it("switching the language shows the same refusal in the other language", async () => {
    const user = userEvent.setup();
    const { switchTo } = renderEditor("en");
    const key = screen.getByLabelText("Key of attribute 1");
    await user.clear(key);
    await user.type(key, "1abc");
    await user.click(screen.getByRole("button", { name: "Save attributes" }));
    expect(await within(key.closest(".ant-form-item") as HTMLElement).findByRole("alert")).toHaveProperty(
      "textContent",
      badKey("1abc").en,
    );
    switchTo("zh-CN");
    const again = screen.getByLabelText("属性 1 的键");
    expect(helpOf(again)).toBe(badKey("1abc")["zh-CN"]);
  });

  it("an error about no one attribute (the server cannot be reached) stays above the rows", async () => {
    const user = userEvent.setup();
    const people = createPeopleApi(
      createHttp(
        () => "en",
        async () => {
          throw new TypeError("fetch failed");
        },
      ),
    );
    render(
      <I18nextProvider i18n={createI18n("en")}>
        <AntApp>
          <AttributesEditor
            people={people}
            person={alice}
            appTitle="Promotions"
            attributes={[]}
            locale="en"
            onSaved={() => {}}
          />
        </AntApp>
      </I18nextProvider>,
    );
    await user.click(screen.getByRole("button", { name: "Save attributes" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("The server cannot be reached");
    expect(alert.closest(".ant-form-item")).toBeNull();
  });
});
