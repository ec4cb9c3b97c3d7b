/**
 * Helpers for the table page's component tests (happy-dom): the player's own i18n around a
 * component, and picking an option of an antd Select the way a person does.
 */
import type { Locale } from "@plinth/runtime";
import { fireEvent, render, waitFor } from "@testing-library/react";
import { ConfigProvider } from "antd";
import type { ReactElement } from "react";
import { I18nextProvider } from "react-i18next";
import { createI18n } from "../../i18n.js";

export function renderWithI18n(ui: ReactElement, locale: Locale = "en") {
  return render(
    // No motion: a closed dropdown is hidden at once (happy-dom never ends an animation).
    <ConfigProvider button={{ autoInsertSpace: false }} theme={{ token: { motion: false } }}>
      <I18nextProvider i18n={createI18n(locale)}>{ui}</I18nextProvider>
    </ConfigProvider>,
  );
}

/** Open an antd Select (its combobox) and click the option titled `title` in the open dropdown. */
export async function chooseOption(control: HTMLElement, title: string): Promise<void> {
  // As a pointer does: a form widget's light stand-in opens on click, antd's select on mousedown.
  fireEvent.mouseDown(control);
  fireEvent.click(control);
  const option = await waitFor(() => {
    const found = [
      ...document.querySelectorAll<HTMLElement>(
        ".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option",
      ),
    ].find((o) => o.getAttribute("title") === title);
    if (!found) throw new Error(`no option "${title}" in an open dropdown`);
    return found;
  });
  fireEvent.click(option);
}
