// @vitest-environment happy-dom
import { type App, createRuntime } from "@plinth/runtime";
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { DesignerApi, PublishResult, Renames, VersionSummary } from "../../api/designerApi.js";
import { ApiError } from "../../api/http.js";
import { rename, setValue } from "../../store/commands.js";
import { fixtureApp, renderDesigner } from "../../testing/renderDesigner.js";
import { PublishPanel } from "./PublishPanel.js";

afterEach(cleanup);

const destructivePlan = {
  steps: [
    { kind: "addColumn", entity: "opportunity", column: { field: "score", type: "real" } },
    { kind: "dropColumn", entity: "opportunity", field: "notes", rows: 12 },
  ],
  destructive: true,
};

interface Calls {
  publish: Array<{ dryRun: boolean; confirm?: boolean; renames?: Renames }>;
  rollback: Array<{ version: number; confirm?: boolean }>;
}

/** A server stand-in: a published app, two versions, and publish/rollback answers as the server gives them. */
function stubApi(published: App, plan = destructivePlan) {
  const calls: Calls = { publish: [], rollback: [] };
  const versions: VersionSummary[] = [
    {
      version: 1,
      appVersion: "1.0.0",
      publishedAt: "2026-11-02T09:30:00.000Z",
      publishedBy: "ada",
      plan: { steps: [{ kind: "createTable", entity: "opportunity", columns: [] }], destructive: false },
    },
    {
      version: 2,
      appVersion: "1.1.0",
      publishedAt: "2026-11-20T16:00:00.000Z",
      publishedBy: "grace",
      plan: { steps: [], destructive: false },
    },
  ];
  const api = {
    async publish(_app: string, options: Calls["publish"][number]): Promise<PublishResult> {
      calls.publish.push(options);
      if (options.dryRun) return { applied: false, plan };
      if (plan.destructive && !options.confirm)
        throw new ApiError(409, "http.confirmRequired", { en: "Confirm the destructive steps." }, "", { plan });
      versions.push({
        version: 3,
        appVersion: "1.2.0",
        publishedAt: "2026-12-05T01:00:00.000Z",
        publishedBy: "me",
        plan,
      });
      return { applied: true, version: 3, plan };
    },
    async versions() {
      return [...versions];
    },
    async published() {
      return { app: published, version: 2 };
    },
    /** Version 1 had no `notes` field on opportunities; version 2 is the published app. */
    async version(_app: string, version: number) {
      const app = structuredClone(published);
      if (version === 1) {
        const opportunity = app.entities?.find((e) => e.id === "opportunity");
        if (opportunity) opportunity.fields = opportunity.fields.filter((f) => f.id !== "notes");
      }
      return { version, app, publishedAt: "2026-11-02T09:30:00.000Z" };
    },
    async rollback(_app: string, version: number, confirm?: boolean): Promise<PublishResult> {
      calls.rollback.push(confirm === undefined ? { version } : { version, confirm });
      if (!confirm)
        throw new ApiError(409, "http.confirmRequired", { en: "Confirm." }, "", {
          plan: { steps: [{ kind: "dropTable", entity: "lead", rows: 5 }], destructive: true },
        });
      return { applied: true, version: 4 };
    },
  };
  return { api: api as unknown as DesignerApi, calls };
}

describe("the publish panel", () => {
  it("groups the core's issues per panel and locates them", async () => {
    const doc = fixtureApp();
    const { store, located } = renderDesigner(<PublishPanel />, { doc, api: stubApi(fixtureApp()).api });
    store.getState().apply(setValue("/entities/1/fields/17/expression", "amount * nonsense"));
    const group = await screen.findByText(/^Data model · 1 problem$/);
    expect(screen.getByText(/must be fixed before publishing/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Check publish" }).hasAttribute("disabled")).toBe(true);
    const card = group.closest("[data-panel]") as HTMLElement;
    await userEvent.click(within(card).getByRole("button", { name: "Show" }));
    expect(located).toEqual(["/entities/1/fields/17/expression"]);
  });

  it("shows the plan in words and publishes a destructive plan only once confirmed, with the renames", async () => {
    const { api, calls } = stubApi(fixtureApp());
    const doc = fixtureApp();
    const { store } = renderDesigner(<PublishPanel />, { doc, api });
    store
      .getState()
      .apply(rename(createRuntime(), doc, { kind: "field", entity: "opportunity", id: "amount" }, "value"));

    await userEvent.click(screen.getByRole("button", { name: "Check publish" }));
    const plan = await screen.findByRole("region", { name: "What publishing does to stored data" });
    expect(within(plan).getByText("This publish loses stored data. Read the red steps.")).toBeTruthy();
    expect(within(plan).getByText(/Drop the column opportunity\.notes and its 12 values/)).toBeTruthy();
    expect(within(plan).getByText(/Add the column opportunity\.score \(real\)/)).toBeTruthy();
    expect(screen.getByText(/Renames carried to the data: opportunity\.amount → opportunity\.value/)).toBeTruthy();
    expect(calls.publish[0]).toEqual({
      dryRun: true,
      renames: { fields: [{ entity: "opportunity", from: "amount", to: "value" }] },
    });

    const publish = screen.getByRole("button", { name: "Publish" });
    expect(publish.hasAttribute("disabled")).toBe(true);
    await userEvent.click(within(plan).getByRole("checkbox"));
    expect(publish.hasAttribute("disabled")).toBe(false);
    await userEvent.click(publish);
    await screen.findByText("Published version 3.");
    expect(calls.publish[1]).toMatchObject({ dryRun: false, confirm: true });
    await screen.findByText("v3");
    // Published: the next check starts from here, the rename is not sent again.
    // (happy-dom never ends the leaving loading icon's animation, which stays in the name)
    await userEvent.click(screen.getByRole("button", { name: /Check publish/ }));
    await waitFor(() => expect(calls.publish[2]).toEqual({ dryRun: true, renames: {} }));
  });

  it("asks whether a dropped column beside an added one was renamed, and checks again keeping its values", async () => {
    const { api, calls } = stubApi(fixtureApp());
    renderDesigner(<PublishPanel />, { api });
    await userEvent.click(screen.getByRole("button", { name: "Check publish" }));
    expect(
      await screen.findByText(
        /opportunity\.notes is dropped with 12 values while opportunity\.score is added: was it renamed\?/,
      ),
    ).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Yes: keep the values" }));
    await waitFor(() =>
      expect(calls.publish.at(-1)).toEqual({
        dryRun: true,
        renames: { fields: [{ entity: "opportunity", from: "notes", to: "score" }] },
      }),
    );
  });

  it("lists the versions with what each did, the draft's changes, and rolls back with confirmation", async () => {
    const published = fixtureApp();
    const doc = fixtureApp();
    doc.version = "1.3.0";
    const { api, calls } = stubApi(published);
    renderDesigner(<PublishPanel />, { doc, api, locale: "zh-CN" });
    expect(await screen.findByText(new RegExp(`应用设置 ${doc.id} 已修改：version`))).toBeTruthy();
    expect(await screen.findByText("新建表 opportunity（0 列）")).toBeTruthy();
    expect(screen.getByText("ada")).toBeTruthy();
    expect(screen.getByText("grace")).toBeTruthy();
    expect(screen.getByText("当前")).toBeTruthy();

    // A version's row opens to what it changed against the one before.
    const expand = screen.getAllByRole("button", { name: /展开行|Expand row/ });
    await userEvent.click(expand[0] as HTMLElement); // the newest first: version 2
    expect(await screen.findByText("版本 2 相对版本 1 的修改")).toBeTruthy();
    expect(screen.getByText(/notes/, { selector: "li" })).toBeTruthy();

    await userEvent.click(screen.getByRole("button", { name: "回滚到版本 1" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: /回\s?滚/ }));
    expect(await within(dialog).findByText(/删除表 lead 及其 5 条记录/)).toBeTruthy();
    const ok = within(dialog).getByRole("button", { name: /回\s?滚/ });
    expect(ok.hasAttribute("disabled")).toBe(true);
    await userEvent.click(within(dialog).getByRole("checkbox"));
    await userEvent.click(ok);
    await waitFor(() => expect(calls.rollback).toEqual([{ version: 1 }, { version: 1, confirm: true }]));
    expect(await screen.findByText("版本 1 已作为版本 4 重新生效。您的草稿未改变。")).toBeTruthy();
  });
});
