// @vitest-environment happy-dom
import {
  type App,
  createMemorySource,
  type DataSource,
  type Field,
  type Locale,
  type MemoryUser,
} from "@plinth/runtime";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { salesApp } from "../../../test/fixtures/salesApp.js";
import { PlinthProvider } from "../PlinthProvider.js";
import { AttachmentWidget } from "./AttachmentWidget.js";
import { DateTimeWidget, DateWidget } from "./DateWidget.js";
import { parseDatetimeText } from "./dateText.js";
import { UserWidget } from "./UserWidget.js";
import type { WidgetComponent } from "./widget.types.js";

const NOW = "2026-06-01T09:00:00.000Z";
const app = salesApp() as App;
const users: MemoryUser[] = [
  { id: "rep1", displayName: "Li Lei", roles: ["rep"], attributes: { region: "east" } },
  { id: "rep2", displayName: "Han Meimei", roles: ["rep"], attributes: { region: "west" } },
  { id: "boss", displayName: "Wang Fang", roles: ["manager"], attributes: { region: "east" } },
  { id: "fin", displayName: "Zhao Min", roles: ["finance"] },
];

function source(): DataSource {
  let n = 0;
  return createMemorySource({
    app,
    user: users[0] as MemoryUser,
    users,
    clock: () => NOW,
    newId: () => `id${++n}`,
    records: {
      account: [{ id: "a1", version: 1, name: "Acme", region: "east", createdAt: NOW, updatedAt: NOW }],
      opportunity: [
        {
          id: "o1",
          version: 1,
          name: "Deal",
          account: "a1",
          stage: "prospecting",
          close_date: "2026-07-01",
          owner: "rep1",
          createdAt: NOW,
          updatedAt: NOW,
        },
      ],
    },
  });
}

function fieldOf(id: string): Field {
  const found = app.entities?.find((e) => e.id === "opportunity")?.fields.find((f) => f.id === id);
  if (!found) throw new Error(id);
  return found as Field;
}

/** One widget, controlled as a FieldSlot controls it, labelled, with its changes reported to `onChange`. */
function mount(
  Widget: WidgetComponent,
  field: string,
  options: { value?: unknown; dataSource?: unknown; locale?: Locale; recordId?: string } = {},
) {
  const onChange = vi.fn();
  function Harness() {
    const [value, setValue] = useState<unknown>(options.value ?? null);
    return (
      <PlinthProvider locale={options.locale ?? "en"} dataSource={options.dataSource}>
        <label id="l" htmlFor="w">
          {field}
        </label>
        <Widget
          field={fieldOf(field)}
          value={value}
          onChange={(next) => {
            onChange(next);
            setValue(next);
          }}
          disabled={false}
          invalid={false}
          required={false}
          id="w"
          labelId="l"
          locale={options.locale ?? "en"}
          entity="opportunity"
          {...(options.recordId ? { recordId: options.recordId } : {})}
        />
      </PlinthProvider>
    );
  }
  render(<Harness />);
  return { onChange };
}

afterEach(() => cleanup());

describe("DateWidget", () => {
  it("takes a typed date as the core's YYYY-MM-DD once it is a real date, and blank as null", async () => {
    const user = userEvent.setup();
    const { onChange } = mount(DateWidget, "close_date", { value: "2026-07-01" });
    const input = screen.getByLabelText("close_date") as HTMLInputElement;
    expect(input.value).toBe("2026-07-01");
    fireEvent.change(input, { target: { value: "" } });
    expect(onChange).toHaveBeenLastCalledWith(null);
    fireEvent.change(input, { target: { value: "2026-02-30" } });
    expect(onChange).toHaveBeenCalledTimes(1); // not a real date: nothing committed
    expect(input.value).toBe("2026-02-30"); // but kept as typed, to be corrected
    // Typed key by key from the keyboard (Tab in, no click): committed once complete.
    fireEvent.change(input, { target: { value: "" } });
    input.focus();
    await user.keyboard("2026/7/15");
    expect(onChange).toHaveBeenLastCalledWith("2026-07-15");
    await user.tab();
    expect(input.value).toBe("2026-07-15");
  });

  it("opens antd's calendar on a click and takes a picked day", async () => {
    const user = userEvent.setup();
    const { onChange } = mount(DateWidget, "close_date", { value: "2026-07-01" });
    await user.click(screen.getByLabelText("close_date"));
    const cell = await waitFor(
      () => {
        const found = document.querySelector<HTMLElement>('td[title="2026-07-20"]');
        expect(found).not.toBeNull();
        return found as HTMLElement;
      },
      { timeout: 5000 },
    );
    // The picker took over the field: same id and label, focused.
    expect(document.activeElement?.id).toBe("w");
    fireEvent.click(cell);
    expect(onChange).toHaveBeenLastCalledWith("2026-07-20");
  });

  it("follows the provider's locale in the calendar (zh-CN)", async () => {
    const user = userEvent.setup();
    mount(DateWidget, "close_date", { value: "2026-07-01", locale: "zh-CN" });
    const input = screen.getByLabelText("close_date");
    input.focus();
    await user.keyboard("{ArrowDown}");
    await waitFor(() => expect(document.querySelector(".ant-picker-dropdown")?.textContent).toContain("7月"), {
      timeout: 5000,
    });
    expect(screen.getAllByRole("columnheader")[0]?.textContent).toBe("一"); // weeks start on Monday
  });
});

describe("DateTimeWidget", () => {
  it("takes a typed local time as an ISO instant in UTC and shows a stored one in local time", async () => {
    const user = userEvent.setup();
    const stored = parseDatetimeText("2026-07-15 14:30") as string;
    const { onChange } = mount(DateTimeWidget, "closed_at", { value: stored });
    const input = screen.getByLabelText("closed_at") as HTMLInputElement;
    expect(input.value).toBe("2026-07-15 14:30");
    fireEvent.change(input, { target: { value: "" } });
    input.focus();
    await user.keyboard("2026-08-01 09:05");
    expect(onChange).toHaveBeenLastCalledWith(new Date(2026, 7, 1, 9, 5).toISOString());
  });
});

describe("UserWidget", () => {
  it("shows the stored person's name, searches people by name and picks one with the keyboard", async () => {
    const user = userEvent.setup();
    const { onChange } = mount(UserWidget, "owner", { value: "rep1", dataSource: source() });
    await waitFor(() => expect(document.querySelector(".ant-select")?.textContent).toContain("Li Lei"));
    const box = screen.getByRole("combobox", { name: "owner" });
    await user.click(box);
    await waitFor(() => expect(document.querySelectorAll(".ant-select-item-option")).toHaveLength(4));
    await user.keyboard("Han");
    await waitFor(() => {
      const options = [...document.querySelectorAll(".ant-select-item-option")].map((o) => o.textContent);
      expect(options).toEqual(["Han Meimei"]);
    });
    await waitFor(() =>
      expect(document.querySelector(".ant-select-item-option-active")?.textContent).toBe("Han Meimei"),
    );
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: "Enter", code: "Enter", keyCode: 13, which: 13 });
    expect(onChange).toHaveBeenLastCalledWith("rep2");
    expect(document.querySelector(".ant-select")?.textContent).toContain("Han Meimei");
  });

  it("fetches nothing but the current name until focused", async () => {
    const data = source();
    const people = vi.spyOn(data, "people");
    mount(UserWidget, "owner", { value: null, dataSource: data });
    await act(async () => undefined);
    expect(people).not.toHaveBeenCalled();
  });
});

describe("AttachmentWidget", () => {
  const fileInput = () => document.querySelector<HTMLInputElement>('input[type="file"]') as HTMLInputElement;

  it("uploads chosen files through the data source and lists them; remove takes one out", async () => {
    const user = userEvent.setup();
    const data = source();
    const { onChange } = mount(AttachmentWidget, "contract", { dataSource: data });
    const button = screen.getByRole("button", { name: "contract" });
    expect(button.textContent).toBe("Upload files");
    await user.upload(fileInput(), new File(["%PDF-1.7"], "quote.pdf", { type: "application/pdf" }));
    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith([
        { id: "id1", name: "quote.pdf", size: 8, contentType: "application/pdf" },
      ]),
    );
    expect(screen.getByText("quote.pdf")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: /remove/i }));
    expect(onChange).toHaveBeenLastCalledWith(null);
  });

  it("refuses files over the field's size and beyond its file count before sending them", async () => {
    const user = userEvent.setup({ applyAccept: false });
    const data = source();
    const upload = vi.spyOn(data, "upload");
    mount(AttachmentWidget, "contract", { dataSource: data });
    const big = new File(["x"], "big.bin", { type: "application/octet-stream" });
    Object.defineProperty(big, "size", { value: 11 * 1024 * 1024 });
    await user.upload(fileInput(), big);
    expect((await screen.findByRole("alert")).textContent).toContain("big.bin: The file is larger than");
    const four = [1, 2, 3, 4].map((i) => new File(["a"], `f${i}.txt`, { type: "text/plain" }));
    await user.upload(fileInput(), four);
    await waitFor(() => expect(upload).toHaveBeenCalledTimes(3));
    expect(screen.getByRole("alert").textContent).toContain("f4.txt: at most 3 files");
  });

  it("downloads a saved file of the record from the data source", async () => {
    const user = userEvent.setup();
    const data = source();
    const file = await data.upload("opportunity", "contract", {
      name: "a.txt",
      contentType: "text/plain",
      size: 1,
      body: "a",
    });
    await data.update("opportunity", "o1", 1, { contract: [file] });
    const download = vi.spyOn(data, "download");
    URL.createObjectURL = vi.fn(() => "blob:x");
    URL.revokeObjectURL = vi.fn();
    mount(AttachmentWidget, "contract", { dataSource: data, value: [file], recordId: "o1" });
    await user.click(screen.getByText("a.txt"));
    await waitFor(() => expect(download).toHaveBeenCalledWith("opportunity", "o1", "contract", file.id));
  });

  it("lists the files read-only without an uploading data source", () => {
    mount(AttachmentWidget, "contract", { value: [{ id: "f", name: "a.pdf", size: 1, contentType: "x/y" }] });
    expect(screen.getByRole("listitem").textContent).toBe("a.pdf");
  });
});
