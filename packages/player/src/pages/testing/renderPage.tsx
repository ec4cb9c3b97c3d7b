/**
 * Helpers for the page renderers' component tests (happy-dom): a page mounted as the player
 * mounts it (its context, antd's App for messages, the player's i18n) over an in-memory data
 * source that applies the server's rules (permissions, transitions, approvals, queries, inbox).
 */
import { createMemorySource, type Locale, type MemorySource, type MemoryUser } from "@plinth/runtime";
import { App as AntApp } from "antd";
import type { ReactElement } from "react";
import { vi } from "vitest";
import { PlayerContext, type PlayerContextValue } from "../../context.js";
import type { HttpOptions } from "../../data/http.js";
import type { PlatformApi } from "../../data/platform.js";
import { DataSourceOverride } from "../form/shared.js";
import { renderWithI18n } from "../table/testing.js";
import { manager, otherRep, pipelineApp, pipelineRecords, rep } from "./pipelineApp.js";

/** The pipeline app's data as `user` sees it, with Rita, Mona and Otto in the directory. */
export function pipelineSource(user: MemoryUser, today = new Date()): MemorySource {
  let ids = 0;
  let seconds = 0;
  return createMemorySource({
    app: pipelineApp,
    user,
    users: [rep, manager, otherRep],
    records: pipelineRecords(today),
    // A clock that moves a second per call, so "newest first" has an order to keep.
    clock: () => new Date(Date.UTC(2026, 5, 1, 10, 0, seconds++)).toISOString(),
    newId: () => `id-${++ids}`,
  });
}

const noHttp = (): never => {
  throw new Error("a page under test made an HTTP request: it should use the data source it was given");
};

/** The player's HTTP options and platform API, which the pages under test must not need. */
const http: HttpOptions = { baseUrl: "http://player.test", fetch: noHttp };
const platform: PlatformApi = {
  login: noHttp,
  logout: noHttp,
  me: noHttp,
  apps: noHttp,
  app: noHttp,
  // The memory source keeps no audit log: the record's audit card stays hidden, as for a rep.
  recordAudit: async () => undefined,
};

/**
 * Render a page as the signed-in `user` over `source`: `usePlayer()` answers with that user's
 * session, and screens that build their own data source (`useDataSource`) get `source`.
 * `navigate` records where the page sends the user.
 */
export function renderPage(
  ui: ReactElement,
  { source, user, locale = "en" }: { source: MemorySource; user: MemoryUser; locale?: Locale },
) {
  const navigate = vi.fn<PlayerContextValue["navigate"]>();
  const player: PlayerContextValue = {
    http,
    platform,
    session: {
      user: {
        id: user.id,
        username: user.username ?? user.id,
        displayName: user.displayName ?? user.id,
        isAdmin: user.isAdmin === true,
        attributes: user.attributes ?? {},
      },
    },
    locale,
    setLocale: () => undefined,
    navigate,
    signOut: async () => undefined,
  };
  const result = renderWithI18n(
    <PlayerContext.Provider value={player}>
      <DataSourceOverride.Provider value={source}>
        <AntApp>{ui}</AntApp>
      </DataSourceOverride.Provider>
    </PlayerContext.Provider>,
    locale,
  );
  return { ...result, navigate };
}
