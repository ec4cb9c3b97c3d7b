// @vitest-environment happy-dom
import type { App } from "@plinth/runtime";
import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { fixtureApp, renderDesigner } from "../testing/renderDesigner.js";
import { FormPreview } from "./FormPreview.js";

afterEach(cleanup);

const form = () => screen.findByRole("form");

describe("FormPreview", () => {
  it("renders the form page over a sample record, as an administrator", async () => {
    const app = fixtureApp();
    renderDesigner(<FormPreview app={app} entity="opportunity" page="opportunity_form" roles="admin" locale="en" />);
    const f = await form();
    expect(within(f).getByLabelText(/^notes/)).toBeTruthy();
    expect((within(f).getByLabelText(/^name/) as HTMLInputElement).value).toBe("name 1");
    expect(screen.getByText(/as an administrator/)).toBeTruthy();
  });

  it("hides the fields a role may not see and disables those it may not write", async () => {
    const app = fixtureApp();
    renderDesigner(<FormPreview app={app} entity="opportunity" roles={["finance"]} locale="en" />);
    const f = await form();
    expect(within(f).queryByLabelText(/^notes/)).toBeNull();
    expect(within(f).getByLabelText(/^name/)).toHaveProperty("disabled", true);
    expect(within(f).getByLabelText(/^stage/)).toHaveProperty("value", "Closed won");
    // Finance reads only won deals: the sample record shown is the won one.
    expect(screen.getByText(/cannot edit records of Opportunity/)).toBeTruthy();
    expect(screen.getByText("Hidden: notes")).toBeTruthy();
  });

  it("keeps the rep's read-only fields read-only and the others editable", async () => {
    renderDesigner(<FormPreview app={fixtureApp()} entity="opportunity" roles={["rep"]} locale="zh-CN" />);
    const f = await form();
    expect(within(f).getByLabelText(/^probability/)).toHaveProperty("disabled", true);
    expect(within(f).getByLabelText(/^name/)).toHaveProperty("disabled", false);
    expect(screen.getByText("以 销售代表 身份预览 商机。")).toBeTruthy();
  });

  it("says so when the role cannot read the entity", async () => {
    renderDesigner(<FormPreview app={fixtureApp()} entity="account" roles={["finance"]} locale="en" />);
    expect(await screen.findByText("This user cannot see records of Account.")).toBeTruthy();
    expect(screen.queryByRole("form")).toBeNull();
  });

  it("shows the core's issues for an invalid app instead of crashing", () => {
    const app = fixtureApp() as unknown as { permissions: { rowScope?: string }[] };
    app.permissions[0] = { ...app.permissions[0], rowScope: "owner = = 1" };
    renderDesigner(<FormPreview app={app as unknown as App} entity="opportunity" roles={["rep"]} locale="en" />);
    expect(screen.getByText(/cannot be previewed/)).toBeTruthy();
    expect(screen.getByText("/permissions/0/rowScope")).toBeTruthy();
  });
});
