import type { App, Label } from "@plinth/runtime";
import { type HttpOptions, requestJson } from "./http.js";

export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly isAdmin: boolean;
  readonly attributes: Readonly<Record<string, unknown>>;
}

export interface Session {
  readonly user: SessionUser;
  readonly csrfToken?: string;
}

export interface AppSummary {
  readonly id: string;
  readonly label: Label;
  readonly publishedVersion: number | null;
}

export interface PublishedApp {
  readonly app: App;
  readonly version: number;
  readonly roles: readonly string[];
}

/** Sign-in and the app catalogue: the platform routes the player needs (not per-app data). */
export interface PlatformApi {
  login(username: string, password: string): Promise<Session>;
  logout(): Promise<void>;
  /** The signed-in user, or undefined when there is no session. */
  me(): Promise<Session | undefined>;
  apps(): Promise<readonly AppSummary[]>;
  app(appId: string): Promise<PublishedApp>;
  /**
   * The newest audit entries of one record, or undefined when this user may not read the app's
   * audit log (only administrators and the app's auditors may: entries hold every field).
   */
  recordAudit(appId: string, entity: string, recordId: string, limit?: number): Promise<AuditEntry[] | undefined>;
}

/** One entry of the audit log (GET /api/apps/:app/audit). */
export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly userId: string | null;
  readonly action: string;
  readonly entity: string | null;
  readonly recordId: string | null;
  readonly diff: { readonly before?: Record<string, unknown>; readonly after?: Record<string, unknown> } | null;
}

export function createPlatformApi(http: HttpOptions): PlatformApi {
  return {
    login: (username, password) => requestJson<Session>(http, "POST", "/api/auth/login", { username, password }),
    logout: async () => {
      await requestJson<void>(http, "POST", "/api/auth/logout");
    },
    me: async () => {
      try {
        return await requestJson<Session>(http, "GET", "/api/auth/me");
      } catch (error) {
        if ((error as { status?: unknown }).status === 401) return undefined;
        throw error;
      }
    },
    apps: async () => (await requestJson<{ apps: AppSummary[] }>(http, "GET", "/api/apps")).apps,
    app: (appId) => requestJson<PublishedApp>(http, "GET", `/api/apps/${encodeURIComponent(appId)}`),
    recordAudit: async (appId, entity, recordId, limit = 50) => {
      const query = new URLSearchParams({ entity, record: recordId, limit: String(limit) });
      try {
        const page = await requestJson<{ entries: AuditEntry[] }>(
          http,
          "GET",
          `/api/apps/${encodeURIComponent(appId)}/audit?${query}`,
        );
        return page.entries;
      } catch (error) {
        if ((error as { status?: unknown }).status === 403) return undefined;
        throw error;
      }
    },
  };
}
