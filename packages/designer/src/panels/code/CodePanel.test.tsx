// @vitest-environment happy-dom
import { canonicalAppJson } from "@plinth/runtime";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { setValue } from "../../store/commands.js";
import { fixtureApp, renderDesigner } from "../../testing/renderDesigner.js";
import { CodePanel } from "./CodePanel.js";

afterEach(cleanup);

const editor = () =>
  screen.getAllByRole("textbox", { name: /App JSON editor|应用 JSON 编辑器/ })[0] as HTMLTextAreaElement;

describe("the code panel (plain editor, as before Monaco loads)", () => {
  it("shows the document in canonical form and applies a valid edit as one undo step", async () => {
    const doc = fixtureApp();
    const { store } = renderDesigner(<CodePanel />, { doc });
    expect(editor().value).toBe(canonicalAppJson(doc));
    const next = { ...doc, version: "9.9.9" };
    fireEvent.change(editor(), { target: { value: JSON.stringify(next) } });
    await waitFor(() => expect(store.getState().doc.version).toBe("9.9.9"));
    expect(store.getState().past.length).toBe(1);
    expect(store.getState().past[0]?.name).toBe("replaceDocument");
    store.getState().undo();
    await waitFor(() => expect(editor().value).toBe(canonicalAppJson(doc)));
  });

  it("follows another panel's edit, but keeps unparsed text with a notice", async () => {
    const doc = fixtureApp();
    const { store } = renderDesigner(<CodePanel />, { doc, locale: "zh-CN" });
    store.getState().apply(setValue("/version", "2.0.0"));
    await waitFor(() => expect(editor().value).toContain('"version": "2.0.0"'));
    fireEvent.change(editor(), { target: { value: '{"id": ' } });
    expect(await screen.findByText("未应用")).toBeTruthy();
    store.getState().apply(setValue("/version", "3.0.0"));
    const take = await screen.findByRole("button", { name: "采用当前文档" });
    expect(editor().value).toBe('{"id": ');
    fireEvent.click(take);
    await waitFor(() => expect(editor().value).toContain('"version": "3.0.0"'));
    expect(store.getState().doc.version).toBe("3.0.0");
  });
});
