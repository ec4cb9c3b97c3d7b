import type { App, Issue, Label } from "@plinth/runtime";
import { ApiError, type Http } from "./http.js";

export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly isAdmin: boolean;
}

export interface Session {
  readonly user: SessionUser;
  readonly csrfToken?: string;
}

export interface AppSummary {
  readonly id: string;
  readonly label: Label;
  readonly publishedVersion: number | null;
  readonly draftRevision: number;
  readonly updatedAt: string;
}

export interface Draft {
  readonly app: App;
  readonly draftRevision: number;
  readonly issues: readonly Issue[];
}

/** A draft save that lost a race: the server's newer draft and its revision. */
export class DraftConflict extends Error {
  constructor(
    readonly theirs: App,
    readonly revision: number,
  ) {
    super("The draft was changed elsewhere.");
  }
}

export interface PlanStep {
  readonly kind: string;
  readonly [key: string]: unknown;
}

export interface PublishResult {
  readonly applied: boolean;
  readonly version?: number;
  readonly plan?: {
    readonly steps?: readonly PlanStep[];
    readonly destructive?: boolean;
    readonly [k: string]: unknown;
  };
  readonly issues?: readonly Issue[];
  readonly [key: string]: unknown;
}

export interface VersionSummary {
  readonly version: number;
  readonly appVersion: string;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly plan: unknown;
}

export interface Renames {
  readonly entities?: ReadonlyArray<{ from: string; to: string }>;
  readonly fields?: ReadonlyArray<{ entity: string; from: string; to: string }>;
}

const enc = encodeURIComponent;

/** The server routes the designer uses: session, app list, drafts, publish, versions. */
export function createDesignerApi(http: Http) {
  return {
    async login(username: string, password: string): Promise<Session> {
      const session = await http.request<Session>("POST", "/api/auth/login", { username, password });
      http.setCsrf(session.csrfToken);
      return session;
    },
    async logout(): Promise<void> {
      await http.request("POST", "/api/auth/logout");
      http.setCsrf(undefined);
    },
    async me(): Promise<Session | undefined> {
      try {
        const session = await http.request<Session>("GET", "/api/auth/me");
        http.setCsrf(session.csrfToken);
        return session;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return undefined;
        throw error;
      }
    },
    async apps(): Promise<readonly AppSummary[]> {
      return (await http.request<{ apps: AppSummary[] }>("GET", "/api/apps")).apps;
    },
    createApp(app: App): Promise<{ id: string; draftRevision: number; issues: readonly Issue[] }> {
      return http.request("POST", "/api/apps", { app });
    },
    /** The published version of an app (a template a variant extends). */
    published(appId: string): Promise<{ app: App; version: number }> {
      return http.request("GET", `/api/apps/${enc(appId)}`);
    },
    draft(appId: string): Promise<Draft> {
      return http.request<Draft>("GET", `/api/apps/${enc(appId)}?draft=1`);
    },
    /** Save the draft over `revision`; a newer draft on the server throws {@link DraftConflict}. */
    async saveDraft(
      appId: string,
      app: App,
      revision: number,
    ): Promise<{ draftRevision: number; issues: readonly Issue[] }> {
      try {
        return await http.request("PUT", `/api/apps/${enc(appId)}/draft`, { app }, { "if-match": `"${revision}"` });
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          const details = error.details as { app?: App; draftRevision?: number };
          if (details.app && typeof details.draftRevision === "number")
            throw new DraftConflict(details.app, details.draftRevision);
        }
        throw error;
      }
    },
    publish(appId: string, options: { dryRun: boolean; confirm?: boolean; renames?: Renames }): Promise<PublishResult> {
      const body: Record<string, unknown> = {};
      if (options.confirm !== undefined) body.confirm = options.confirm;
      if (options.renames) body.renames = options.renames;
      return http.request("POST", `/api/apps/${enc(appId)}/publish${options.dryRun ? "?dryRun=1" : ""}`, body);
    },
    async versions(appId: string): Promise<readonly VersionSummary[]> {
      return (await http.request<{ versions: VersionSummary[] }>("GET", `/api/apps/${enc(appId)}/versions`)).versions;
    },
    /** One published version's schema. */
    version(appId: string, version: number): Promise<{ version: number; app: App; publishedAt: string }> {
      return http.request("GET", `/api/apps/${enc(appId)}/versions/${version}`);
    },
    rollback(appId: string, version: number, confirm?: boolean): Promise<PublishResult> {
      return http.request("POST", `/api/apps/${enc(appId)}/rollback`, {
        version,
        ...(confirm === undefined ? {} : { confirm }),
      });
    },
  };
}

export type DesignerApi = ReturnType<typeof createDesignerApi>;
