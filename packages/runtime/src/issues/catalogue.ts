import type { IssueSeverity, LocalizedMessage } from "./issue.js";

/**
 * One entry of an issue catalogue. Messages are templates: `{name}` is replaced by
 * `params.name`. A message says what is wrong *and* what to do about it.
 */
export interface MessageTemplate {
  readonly en: string;
  readonly "zh-CN": string;
  /** Default severity; "error" when omitted. */
  readonly severity?: IssueSeverity;
}

export type MessageCatalogue = Readonly<Record<string, MessageTemplate>>;

/** Identity helper that keeps the literal code names for typing. */
export function defineMessages<const T extends MessageCatalogue>(messages: T): T {
  return messages;
}

function renderParam(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(renderParam).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Fill `{name}` placeholders from params. Unknown placeholders are left visible on purpose. */
export function renderTemplate(template: string, params: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? renderParam(params[name]) : whole,
  );
}

export function renderMessage(template: MessageTemplate, params: Readonly<Record<string, unknown>>): LocalizedMessage {
  return { en: renderTemplate(template.en, params), "zh-CN": renderTemplate(template["zh-CN"], params) };
}

/**
 * Create an issue from a catalogue entry. Each area (schema, expr, data) keeps its own
 * catalogue module and a small `issue()` wrapper around this; `allMessages` merges them.
 */
export function issueFrom<C extends MessageCatalogue>(
  catalogue: C,
  code: keyof C & string,
  path: string,
  params: Readonly<Record<string, unknown>> = {},
  severity?: IssueSeverity,
): import("./issue.js").Issue {
  const template = catalogue[code];
  if (!template) throw new Error(`Unknown issue code ${code}`);
  return {
    code,
    path,
    params,
    message: renderMessage(template, params),
    severity: severity ?? template.severity ?? "error",
  };
}
