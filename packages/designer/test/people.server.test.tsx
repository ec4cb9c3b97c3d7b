// @vitest-environment happy-dom
import { type App, createRuntime, type Locale } from "@plinth/runtime";
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App as AntApp } from "antd";
import { I18nextProvider } from "react-i18next";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createI18n } from "../src/i18n.js";
import { PeoplePage } from "../src/people/PeoplePage.js";
import { adminClient, listeningServer } from "./support/serverClient.js";

/**
 * The People screen over the real user routes of a real server and SQLite file: search, create a
 * user, tick the roles the app declares, set the attributes its row scopes read; what the server
 * refuses is shown as it says it, in the chosen language.
 */

let server: Awaited<ReturnType<typeof listeningServer>>;
const slow = { timeout: 10_000 };

/** An app whose reps see the visits of their own region (`$user.region`). */
const visits = {
  schemaVersion: 1,
  id: "visits",
  version: "1.0.0",
  label: { en: "Customer visits", "zh-CN": "客户拜访" },
  entities: [
    {
      id: "visit",
      titleField: "customer",
      fields: [
        { id: "customer", kind: "text" },
        { id: "region", kind: "text" },
      ],
    },
  ],
  roles: [
    { id: "rep", label: { en: "Sales rep", "zh-CN": "销售代表" } },
    { id: "manager", label: { en: "Manager", "zh-CN": "经理" } },
  ],
  permissions: [
    { role: "rep", entity: "visit", actions: ["read"], rowScope: "region = $user.region" },
    { role: "manager", entity: "visit", actions: ["read"] },
  ],
} as unknown as App;

beforeAll(async () => {
  server = await listeningServer();
  const { api, people } = await adminClient(server);
  expect(createRuntime().validateApp(visits).issues).toEqual([]);
  await api.createApp(visits);
  await people.create({ username: "rep.north", displayName: "Nora North", password: "north-password-1" });
});
afterAll(() => server.close());
afterEach(cleanup);

async function renderPeople(locale: Locale) {
  const client = await adminClient(server, () => locale);
  render(
    <AntApp>
      <I18nextProvider i18n={createI18n(locale)}>
        <PeoplePage api={client.api} people={client.people} locale={locale} setLocale={() => {}} onBack={() => {}} />
      </I18nextProvider>
    </AntApp>,
  );
  return client;
}

const stored = async (people: Awaited<ReturnType<typeof renderPeople>>["people"], username: string) =>
  (await people.list("visits")).find((u) => u.username === username);

describe("the People screen", () => {
  it("creates a user, gives them a role in the app and the region its row scope reads, with the keyboard", async () => {
    const user = userEvent.setup({ delay: null });
    const { people } = await renderPeople("en");
    const list = await screen.findByRole("navigation", { name: "Users" });
    await within(list).findByRole("button", { name: "Select Nora North" }, slow);

    // Too short a password: the server's refusal, as it words it.
    const form = screen.getByRole("region", { name: "New user" });
    await user.type(within(form).getByLabelText("User name"), "rep.east");
    await user.type(within(form).getByLabelText("Display name"), "Erin East");
    await user.type(within(form).getByLabelText("Password"), "short");
    await user.click(within(form).getByRole("button", { name: /Create user$/ }));
    expect((await within(form).findByRole("alert", {}, slow)).textContent).toMatch(/password/i);
    expect(await stored(people, "rep.east")).toBeUndefined();

    await user.type(within(form).getByLabelText("Password"), "-but-long-enough");
    await user.click(within(form).getByRole("button", { name: /Create user$/ }));
    await within(form).findByText("Erin East was created.", {}, slow);

    // The new user is selected; the app's roles are offered, none ticked.
    const roles = await screen.findByRole("group", { name: "Roles of Erin East in Customer visits" }, slow);
    const rep = within(roles).getByRole("checkbox", { name: /Sales rep/ }) as HTMLInputElement;
    const manager = within(roles).getByRole("checkbox", { name: /Manager/ }) as HTMLInputElement;
    expect([rep.checked, manager.checked]).toEqual([false, false]);
    rep.focus();
    await user.keyboard(" ");
    expect(rep.checked).toBe(true);
    await user.tab();
    await user.tab();
    expect(document.activeElement?.textContent).toContain("Save roles");
    await user.keyboard("{Enter}");
    await within(roles).findByText("Roles saved.", {}, slow);
    expect((await stored(people, "rep.east"))?.roles).toEqual(["rep"]);

    // The row scope reads $user.region: it has a row already, to fill in.
    const attributes = screen.getByRole("group", { name: "Attributes of Erin East" });
    expect(within(attributes).getByText(/row scopes read these as \$user\.<key>: region/)).toBeTruthy();
    expect((within(attributes).getByLabelText("Key of attribute 1") as HTMLInputElement).value).toBe("region");
    await user.type(within(attributes).getByLabelText("Value of attribute 1"), "east");
    await user.click(within(attributes).getByRole("button", { name: "Add attribute" }));
    await user.type(within(attributes).getByLabelText("Key of attribute 2"), "team");
    await user.type(within(attributes).getByLabelText("Value of attribute 2"), "alpha");
    await user.click(within(attributes).getByRole("button", { name: /Save attributes$/ }));
    await within(attributes).findByText("Attributes saved.", {}, slow);
    expect((await stored(people, "rep.east"))?.attributes).toEqual({ region: "east", team: "alpha" });

    // Unticking the role and saving removes it.
    await user.click(rep);
    await user.click(within(roles).getByRole("button", { name: /Save roles$/ }));
    await waitFor(async () => expect((await stored(people, "rep.east"))?.roles).toEqual([]), slow);
  });

  it("finds people by name", async () => {
    const user = userEvent.setup({ delay: null });
    await renderPeople("en");
    const list = await screen.findByRole("navigation", { name: "Users" });
    await within(list).findByRole("button", { name: "Select Nora North" }, slow);
    await user.type(within(list).getByRole("searchbox", { name: "Search by name" }), "nora");
    expect(
      within(list)
        .getAllByRole("button", { name: /^Select / })
        .map((b) => b.getAttribute("aria-label")),
    ).toEqual(["Select Nora North"]);
    await user.clear(within(list).getByRole("searchbox", { name: "Search by name" }));
    await user.type(within(list).getByRole("searchbox", { name: "Search by name" }), "nobody");
    expect(within(list).queryAllByRole("button", { name: /^Select / })).toEqual([]);
    expect(within(list).getByText("No one matches.")).toBeTruthy();
  });

  it("ticks the roles a user holds, and shows what the server refuses in Chinese (a taken user name, a key that is not an id)", async () => {
    const user = userEvent.setup({ delay: null });
    const admin = await adminClient(server);
    const nora = await stored(admin.people, "rep.north");
    await admin.people.setRoles(nora?.id ?? "", "visits", ["manager"]);
    const { people } = await renderPeople("zh-CN");
    const list = await screen.findByRole("navigation", { name: "用户" });
    const form = screen.getByRole("region", { name: "新建用户" });
    await user.type(within(form).getByLabelText("用户名"), "rep.north");
    await user.type(within(form).getByLabelText("显示名称"), "又一个");
    await user.type(within(form).getByLabelText("密码"), "another-password-1");
    await user.click(within(form).getByRole("button", { name: /创建用户$/ }));
    expect((await within(form).findByRole("alert", {}, slow)).textContent).toMatch(/用户.*rep\.north.*已存在/);

    await user.click(await within(list).findByRole("button", { name: "选择 Nora North" }, slow));
    // The roles she holds are ticked, labelled in Chinese.
    const roles = await screen.findByRole("group", { name: "Nora North 在 客户拜访 中的角色" }, slow);
    expect((within(roles).getByRole("checkbox", { name: /经理/ }) as HTMLInputElement).checked).toBe(true);
    expect((within(roles).getByRole("checkbox", { name: /销售代表/ }) as HTMLInputElement).checked).toBe(false);
    const attributes = await screen.findByRole("group", { name: "Nora North 的属性" }, slow);
    await user.clear(within(attributes).getByLabelText("属性 1 的键"));
    await user.type(within(attributes).getByLabelText("属性 1 的键"), "my region");
    await user.type(within(attributes).getByLabelText("属性 1 的值"), "north");
    await user.click(within(attributes).getByRole("button", { name: /保存属性$/ }));
    // The server's refusal of a name that is no identifier (users.badAttributeKey), in Chinese,
    // under the key it is about: what a name may be, not the schema validator's text.
    const key = within(attributes).getByLabelText("属性 1 的键");
    const alert = await within(key.closest(".ant-form-item") as HTMLElement).findByRole("alert", {}, slow);
    expect(alert.textContent).toMatch(/^“my region”不能用作属性名.*请以字母开头/);
    expect(key.getAttribute("aria-invalid")).toBe("true");
    expect(within(attributes).getAllByRole("alert")).toHaveLength(1);
    expect((await stored(people, "rep.north"))?.attributes).toEqual({});
  });

  it("shows a refused attribute name at its key in English ('bad key!', then '1abc'), and saves once it is fixed", async () => {
    const user = userEvent.setup({ delay: null });
    const { people } = await renderPeople("en");
    const list = await screen.findByRole("navigation", { name: "Users" });
    await user.click(await within(list).findByRole("button", { name: "Select Nora North" }, slow));
    const attributes = await screen.findByRole("group", { name: "Attributes of Nora North" }, slow);
    await user.click(within(attributes).getByRole("button", { name: "Add attribute" }));
    const key = within(attributes).getByLabelText("Key of attribute 2");
    await user.type(within(attributes).getByLabelText("Value of attribute 2"), "x");
    for (const name of ["bad key!", "1abc"]) {
      await user.clear(key);
      await user.type(key, name);
      await user.click(within(attributes).getByRole("button", { name: /Save attributes$/ }));
      const item = key.closest(".ant-form-item") as HTMLElement;
      await waitFor(
        () =>
          expect(within(item).getByRole("alert").textContent).toBe(
            `'${name}' cannot name an attribute: formulas read it as $user.<name>. Start with a letter and use only letters, digits and underscores, up to 63 characters (region, sales_team).`,
          ),
        slow,
      );
    }
    expect((await stored(people, "rep.north"))?.attributes).toEqual({});
    await user.clear(key);
    await user.type(key, "abc_1");
    await user.click(within(attributes).getByRole("button", { name: /Save attributes$/ }));
    await within(attributes).findByText("Attributes saved.", {}, slow);
    expect((await stored(people, "rep.north"))?.attributes).toEqual({ abc_1: "x" });
  });
});
