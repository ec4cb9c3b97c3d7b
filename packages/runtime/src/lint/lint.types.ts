import type { AccessPolicy } from "../access/access.types.js";
import type { FormulaSite } from "../app/checks/formulaSites.js";
import type { SchemaRef } from "../app/checks/schemaRef.js";
import type { AppModel } from "../app/model.js";
import type { IndexSpec } from "../diff/columns.js";
import type { Node } from "../expr/ast.js";
import type { JsonSchema } from "../fields/fieldKind.js";
import type { LocalizedMessage } from "../issues/issue.js";
import type { App } from "../schema/types.js";

/** How much a finding matters. `error` fails `plinth lint`; `warning` and `info` only inform. */
export type LintSeverity = "error" | "warning" | "info";
/** What a project's config may set a rule to: a severity, or `off`. */
export type RuleSetting = LintSeverity | "off";
export type LintCategory = "security" | "quality" | "performance";

/**
 * One finding: Issue-shaped (a JSON Pointer into the app, params, a message in English and
 * Chinese), with the rule id in place of a catalogue code and a hint that says how to fix it.
 */
export interface LintFinding {
  /** The rule that found it, e.g. `security/entity-without-permissions`. */
  readonly rule: string;
  readonly severity: LintSeverity;
  /** JSON Pointer (RFC 6901) into the app document ("" is the root). */
  readonly path: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message: LocalizedMessage;
  readonly hint: LocalizedMessage;
}

/** A rule's entry in a config: a setting, or a setting with the rule's options. */
export type RuleEntry = RuleSetting | readonly [RuleSetting, Readonly<Record<string, unknown>>];

/** A project's lint configuration (`lint.json`); every part optional. */
export interface LintConfig {
  readonly rules?: Readonly<Record<string, RuleEntry>>;
  /** Hosts webhooks may call: `api.example.com`, or `*.example.com` for its subdomains. */
  readonly allowHosts?: readonly string[];
  /** Entities expected to hold many rows (rollups over them should be filtered). */
  readonly largeEntities?: readonly string[];
}

/** One message a rule can report, as `{param}` templates, with its fix. */
export interface RuleMessage {
  readonly en: string;
  readonly "zh-CN": string;
  readonly hint: { readonly en: string; readonly "zh-CN": string };
}

/** What a rule reports: where, which of its messages, and the values the message needs. */
export interface RuleReport<K extends string = string> {
  readonly path: string;
  readonly message: K;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * One lint rule: an id, a category, a default severity, what it checks (for the docs) and the
 * messages it reports. `check` is pure: the app and the shared analysis in, reports out.
 */
export interface LintRule<K extends string = string> {
  readonly id: string;
  readonly category: LintCategory;
  readonly severity: LintSeverity;
  /** What the rule checks, one sentence per language (docs and `--help`). */
  readonly summary: LocalizedMessage;
  readonly messages: Readonly<Record<K, RuleMessage>>;
  /** JSON Schema of the rule's options (`[severity, options]` in a config); none when omitted. */
  readonly options?: JsonSchema;
  check(ctx: LintContext, options: Readonly<Record<string, unknown>>): readonly RuleReport<K>[];
}

/** A field of an entity, as a formula or a setting names it. */
export interface FieldRef {
  readonly entity: string;
  readonly field: string;
}

/**
 * The analysis every rule shares, computed once per `lintApp` call (and lazily): the indexed
 * app, its compiled access policy, its references, its formula sites and its indexes.
 */
export interface LintContext {
  readonly app: App;
  readonly model: AppModel;
  readonly policy: AccessPolicy;
  /** The app's role ids, in document order. */
  readonly roles: readonly string[];
  readonly allowHosts: readonly string[];
  /** `largeEntities` from the config, or undefined when the config does not say. */
  readonly largeEntities: readonly string[] | undefined;
  /** May `role` (with what it inherits) read records of `entity`? */
  canRead(role: string, entity: string): boolean;
  /** May `role` read this field (the entity readable and the field not hidden)? */
  canReadField(role: string, ref: FieldRef): boolean;
  /** Is this field hidden from `role` although the role may read its entity (a field-level mask)? */
  isHiddenFrom(role: string, ref: FieldRef): boolean;
  /** Every place the app names its own parts (entities, fields, roles, ...). */
  references(): readonly SchemaRef[];
  /** Every formula of the app (computations' included), in document order. */
  formulaSites(): readonly FormulaSite[];
  /** The fields a formula site reads, relation hops included (`account.region` reads `account` and account's `region`). */
  fieldsRead(site: Pick<FormulaSite, "entity" | "text">): readonly FieldRef[];
  /** The parsed formula, or undefined when it does not parse. */
  parse(text: string): Node | undefined;
  /** The indexes the server creates for an entity. */
  indexes(entity: string): readonly IndexSpec[];
}
