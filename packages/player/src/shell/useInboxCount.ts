import type { DataSource, Inbox } from "@plinth/runtime";
import { useEffect, useState } from "react";

/** How often the menu's inbox badge asks again while the app is open. */
const POLL_MS = 60_000;

/** Requests waiting for the user plus unread notifications: the number on the inbox's menu item. */
export function inboxCount(inbox: Inbox): number {
  return inbox.approvals.length + inbox.notifications.filter((n) => n.readAt === null).length;
}

/**
 * The inbox badge's number, when the app has an inbox page: asked on open, after every
 * navigation (`refresh` changes) and once a minute; undefined while unknown or on errors (the
 * badge then shows nothing rather than a wrong number).
 */
export function useInboxCount(
  source: Pick<DataSource, "inbox"> | undefined,
  enabled: boolean,
  refresh: unknown,
): number | undefined {
  const [count, setCount] = useState<number>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` asks again after each navigation
  useEffect(() => {
    if (!enabled || !source) return;
    let live = true;
    const ask = () =>
      source.inbox().then(
        (inbox) => live && setCount(inboxCount(inbox)),
        () => live && setCount(undefined),
      );
    void ask();
    const timer = setInterval(() => void ask(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [source, enabled, refresh]);
  return count;
}
