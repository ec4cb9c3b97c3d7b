/**
 * Issues are data: every problem the core finds (in an app schema, a formula or a record)
 * is reported as an {@link Issue} with a stable code, a JSON Pointer and a message in
 * English and Simplified Chinese. Validation collects every issue instead of throwing.
 */

/** Text in the two languages Plinth ships. */
export interface LocalizedMessage {
  readonly en: string;
  readonly "zh-CN": string;
}

export type IssueSeverity = "error" | "warning";

export interface Issue {
  /** Stable code from the package catalogue, e.g. `schema.unknownField`. */
  readonly code: string;
  /** JSON Pointer (RFC 6901) into the document the issue is about ("" is the root). */
  readonly path: string;
  /** Values the message is built from; also useful to tools (e.g. `{ field: "amount" }`). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly message: LocalizedMessage;
  readonly severity: IssueSeverity;
}

/** Escape one reference token for a JSON Pointer (RFC 6901 §3). */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Build a JSON Pointer from tokens: `pointer("entities", 0, "fields")` → `/entities/0/fields`. */
export function pointer(...tokens: ReadonlyArray<string | number>): string {
  return tokens.map((t) => `/${escapePointerToken(t)}`).join("");
}

/** Append tokens to an existing pointer. */
export function childPointer(base: string, ...tokens: ReadonlyArray<string | number>): string {
  return base + pointer(...tokens);
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "error");
}
