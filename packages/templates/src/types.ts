import type { App } from "@plinth/runtime";

/** A demo user a template installs (password `demo` unless the installer is told otherwise). */
export interface DemoUser {
  readonly username: string;
  readonly displayName: string;
  /** Roles in this template's app (and in its variants). */
  readonly roles: readonly string[];
  /** `$user.region`, `$user.team`, ... in formulas; `manager` is a username, resolved to a user id. */
  readonly attributes: Readonly<Record<string, string>>;
}

/** Who acts and when: a username (default: the administrator) and a timestamp (default: now). */
export interface SeedActor {
  readonly as?: string;
  /** ISO timestamp used as the actor's "now" (createdAt, updatedAt, TODAY()). */
  readonly at?: string;
}

/**
 * How a seed generator writes: through the server's own services (validation, permissions,
 * workflows, audit), never by inserting rows behind them.
 */
export interface SeedWriter {
  /** A seeded PRNG in [0, 1): the same install holds the same data. */
  readonly random: () => number;
  /**
   * The install's date (YYYY-MM-DD, from the server clock): seed data is laid out around it, so
   * a demo installed today has deals closing next month and promotions running this week.
   */
  readonly today: string;
  /** The user id of a demo user (any installed template's). */
  userId(username: string): string;
  /** Create a record; returns its id. */
  create(entity: string, values: Readonly<Record<string, unknown>>, actor?: SeedActor): Promise<string>;
  /** Update a record (read at its current version first). */
  update(entity: string, id: string, values: Readonly<Record<string, unknown>>, actor?: SeedActor): Promise<void>;
  /** Take a stage-machine transition. */
  transition(entity: string, id: string, workflow: string, transition: string, actor?: SeedActor): Promise<void>;
  /** Submit, approve, reject, return or recall an approval. */
  approval(
    entity: string,
    id: string,
    action: "submit" | "approve" | "reject" | "return" | "recall",
    actor?: SeedActor & { readonly workflow?: string; readonly comment?: string },
  ): Promise<void>;
  /** Report progress on long seeding ("accounts 1,000 / 2,000"). */
  progress(message: string): void;
}

/** "demo": the volumes the product ships with; "test": a small, fast set with the same shapes. */
export type SeedScale = "demo" | "test";

/** A regional variant shipped with a template: an app that extends it with an overlay. */
export interface TemplateVariant {
  readonly app: App;
  readonly users?: readonly DemoUser[];
}

/** One shipped template. */
export interface Template {
  readonly app: App;
  readonly users: readonly DemoUser[];
  readonly seed: (writer: SeedWriter, options: { readonly scale: SeedScale }) => Promise<void>;
  readonly variants?: readonly TemplateVariant[];
}
