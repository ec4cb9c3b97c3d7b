import { fireEvent, screen, waitFor } from "@testing-library/react";
import { expect } from "vitest";

/** Open the antd select named `label` and click its option titled `option`. */
export async function chooseOption(label: string, option: string): Promise<void> {
  fireEvent.mouseDown(screen.getByRole("combobox", { name: label }));
  const item = await waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>(`.ant-select-item-option[title="${option}"]`)].at(-1);
    expect(found).toBeDefined();
    return found as HTMLElement;
  });
  fireEvent.click(item);
}
