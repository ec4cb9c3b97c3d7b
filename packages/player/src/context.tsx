import type { Locale } from "@plinth/runtime";
import { createContext, useContext } from "react";
import type { HttpOptions } from "./data/http.js";
import type { PlatformApi, Session } from "./data/platform.js";
import type { Route } from "./routes.js";

/** What every screen of the player can reach: the API, the session, the language and navigation. */
export interface PlayerContextValue {
  readonly http: HttpOptions;
  readonly platform: PlatformApi;
  readonly session: Session;
  readonly locale: Locale;
  setLocale(locale: Locale): void;
  navigate(route: Route, options?: { replace?: boolean }): void;
  signOut(): Promise<void>;
}

export const PlayerContext = createContext<PlayerContextValue | undefined>(undefined);

export function usePlayer(): PlayerContextValue {
  const value = useContext(PlayerContext);
  if (!value) throw new Error("usePlayer outside <PlayerContext.Provider>");
  return value;
}
