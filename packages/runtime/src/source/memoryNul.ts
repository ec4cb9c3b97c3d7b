import { findNulCharacter, hasNulCharacter, nulCharacterIssues, nulRefusal } from "../data/nulCharacter.js";
import { invalidError, sourceError } from "./errors.js";

/** A call of the memory source as the server would see it over HTTP. */
export interface RequestShape {
  /** The ids that go into the URL path (entity, record id, action, field...). */
  readonly path?: ReadonlyArray<string | undefined>;
  /** Query parameters in the order the REST source sends them. */
  readonly query?: ReadonlyArray<readonly [string, unknown]>;
  /** A record sent to create or update (the server answers the core's 422 for it). */
  readonly record?: Readonly<Record<string, unknown>>;
  /** Any other JSON body. */
  readonly body?: unknown;
}

function refused(refusal: ReturnType<typeof nulRefusal>) {
  return sourceError(400, "http.nulCharacter", refusal.params, {
    path: refusal.path,
    details: { in: refusal.part },
  });
}

/**
 * Refuse U+0000 in a call as the server refuses it in a request (its path first, then the
 * query string, then the body), so the memory source answers what the REST source would:
 * 400 `http.nulCharacter`, or 422 `record.nulCharacter` per property of a record.
 */
export function refuseNul(request: RequestShape): void {
  if (request.path?.some((segment) => segment !== undefined && hasNulCharacter(segment))) {
    throw refused(nulRefusal("path"));
  }
  for (const [name, value] of request.query ?? []) {
    if (findNulCharacter(value) !== undefined) throw refused(nulRefusal("query", name));
  }
  if (request.record !== undefined) {
    const issues = nulCharacterIssues(request.record);
    if (issues.length > 0) throw invalidError(issues);
  }
  const pointer = request.body === undefined ? undefined : findNulCharacter(request.body);
  if (pointer !== undefined) throw refused(nulRefusal("body", pointer));
}
