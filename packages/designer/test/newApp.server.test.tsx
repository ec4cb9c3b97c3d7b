// @vitest-environment happy-dom
import { createRuntime, type Locale } from "@plinth/runtime";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App as AntApp } from "antd";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AppPicker } from "../src/DesignerApp.js";
import { createI18n } from "../src/i18n.js";
import { adminClient, listeningServer } from "./support/serverClient.js";

/**
 * "New app" in the app list, saved through the real API to a real server and SQLite file: the
 * core's issues stop an invalid id before anything is sent, the server's refusal of a taken id is
 * shown as it sends it, in the chosen language, and a created app opens in the editor.
 */

let server: Awaited<ReturnType<typeof listeningServer>>;
const runtime = createRuntime();

beforeAll(async () => {
  server = await listeningServer();
});
afterAll(() => server.close());
afterEach(cleanup);

async function renderPicker(locale: Locale) {
  const client = await adminClient(server, () => locale);
  const opened: string[] = [];
  const people: string[] = [];
  render(
    <AntApp>
      <I18nextProviderFor locale={locale}>
        <AppPicker
          api={client.api}
          runtime={runtime}
          locale={locale}
          setLocale={() => {}}
          onOpen={(id) => opened.push(id)}
          onPeople={() => people.push("people")}
        />
      </I18nextProviderFor>
    </AntApp>,
  );
  return { ...client, opened, people };
}

function I18nextProviderFor({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <I18nextProvider i18n={createI18n(locale)}>{children}</I18nextProvider>;
}

describe("New app", () => {
  it("creates a blank draft app that the core accepts, and opens it", async () => {
    const user = userEvent.setup({ delay: null });
    const { api, opened } = await renderPicker("en");
    await user.click(await screen.findByRole("button", { name: "New app" }));
    await user.type(screen.getByLabelText("App id"), "visits");
    await user.type(screen.getByLabelText("Name (English)"), "Customer visits");
    await user.type(screen.getByLabelText("Name (Chinese)"), "客户拜访");
    await user.keyboard("{Enter}");
    await waitFor(() => expect(opened).toEqual(["visits"]), { timeout: 10_000 });
    const draft = await api.draft("visits");
    expect(draft.app).toEqual({
      schemaVersion: 1,
      id: "visits",
      version: "1.0.0",
      label: { en: "Customer visits", "zh-CN": "客户拜访" },
    });
    expect(draft.issues).toEqual([]);
    expect(draft.draftRevision).toBe(1);
  });

  it("shows the core's message for an invalid id and sends nothing", async () => {
    const user = userEvent.setup({ delay: null });
    const { api, opened } = await renderPicker("en");
    await user.click(await screen.findByRole("button", { name: "New app" }));
    await user.type(screen.getByLabelText("App id"), "9 lives");
    await user.click(screen.getByRole("button", { name: "Create" }));
    const alert = await screen.findByRole("alert", {}, { timeout: 10_000 });
    expect(alert.textContent).toContain("'9 lives' is not a valid id. Ids start with a letter");
    expect(opened).toEqual([]);
    expect((await api.apps()).map((a) => a.id)).not.toContain("9 lives");
  });

  it("shows the server's refusal of a taken id, in Chinese when the designer is in Chinese", async () => {
    const user = userEvent.setup({ delay: null });
    const { api, opened } = await renderPicker("zh-CN");
    await api.createApp({ schemaVersion: 1, id: "taken", version: "1.0.0" });
    await user.click(await screen.findByRole("button", { name: "新建应用" }));
    await user.type(screen.getByLabelText("应用标识"), "taken");
    await user.type(screen.getByLabelText("名称（中文）"), "已有");
    await user.click(screen.getByRole("button", { name: /^创\s?建$/ }));
    const alert = await screen.findByRole("alert", {}, { timeout: 10_000 });
    expect(alert.textContent).toMatch(/应用.*taken.*已存在/);
    expect(opened).toEqual([]);
    // The stored app is untouched: no label was written over it.
    expect((await api.draft("taken")).app.label).toBeUndefined();
  });

  it("leads to the People screen from the app list", async () => {
    const user = userEvent.setup({ delay: null });
    const { people } = await renderPicker("en");
    await user.click(await screen.findByRole("button", { name: "People" }));
    expect(people).toEqual(["people"]);
  });

  it("shows the core's messages in Chinese", async () => {
    const user = userEvent.setup({ delay: null });
    await renderPicker("zh-CN");
    await user.click(await screen.findByRole("button", { name: "新建应用" }));
    await user.type(screen.getByLabelText("应用标识"), "a-b");
    await user.click(screen.getByRole("button", { name: /^创\s?建$/ }));
    expect((await screen.findByRole("alert", {}, { timeout: 10_000 })).textContent).toContain("“a-b”不是有效的标识");
  });
});
