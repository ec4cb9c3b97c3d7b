// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { fixtureApp, renderDesigner } from "../../testing/renderDesigner.js";
import { ImportExport } from "./ImportExport.js";

afterEach(cleanup);

const file = (value: unknown, name = "app.json") =>
  new File([JSON.stringify(value)], name, { type: "application/json" });

describe("import JSON", () => {
  it("checks the file with the core, then replaces the document as one undo step", async () => {
    const doc = fixtureApp();
    const { store, container } = renderDesigner(<ImportExport />, { doc });
    const next = { ...fixtureApp(), version: "7.0.0", entities: [] };
    await userEvent.upload(container.querySelector("input[type=file]") as HTMLInputElement, file(next));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText(/The file has \d+ problems?|The file has no problems/)).toBeTruthy();
    await userEvent.click(within(dialog).getByRole("button", { name: "Import" }));
    await waitFor(() => expect(store.getState().doc.version).toBe("7.0.0"));
    expect(store.getState().doc.entities).toEqual([]);
    expect(store.getState().past.map((op) => op.label.en)).toEqual(["Import JSON"]);
    store.getState().undo();
    expect(store.getState().doc).toEqual(doc);
  });

  it("refuses another app's file and text that is not an app", async () => {
    const doc = fixtureApp();
    const { store, container } = renderDesigner(<ImportExport />, { doc, locale: "zh-CN" });
    const input = container.querySelector("input[type=file]") as HTMLInputElement;
    await userEvent.upload(input, file({ ...doc, id: "other" }));
    expect(await screen.findByText(/此文件是应用“other”/)).toBeTruthy();
    await userEvent.upload(input, file([1, 2]));
    expect(await screen.findByText(/应用是一个 JSON 对象/)).toBeTruthy();
    expect(store.getState().past).toEqual([]);
  });
});
