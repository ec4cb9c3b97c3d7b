import type { MouseEvent } from "react";

/** A plain left click on a link: handle it in the page; keep ctrl/cmd/middle clicks for new tabs. */
export function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}
