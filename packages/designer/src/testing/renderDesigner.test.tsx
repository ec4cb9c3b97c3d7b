// @vitest-environment happy-dom
import { cleanup, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { IssuesList } from "../editor/IssuesList.js";
import { setValue } from "../store/commands.js";
import { fixtureApp, renderDesigner } from "./renderDesigner.js";

afterEach(cleanup);

describe("the issues list", () => {
  it("lists the core's problems in the chosen language and locates them", async () => {
    const doc = fixtureApp();
    const { store, located } = renderDesigner(<IssuesList />, { doc, locale: "zh-CN" });
    expect(screen.getByRole("heading").textContent).toBe("问题 · 没有问题");
    const path = "/entities/1/fields/17/expression";
    store.getState().apply(setValue(path, "amount * nonsense"));
    const show = await screen.findByRole("button", { name: /^定\s?位$/ });
    expect(screen.getByText(/nonsense/)).toBeTruthy();
    await userEvent.click(show);
    expect(located).toEqual([path]);
  });
});
