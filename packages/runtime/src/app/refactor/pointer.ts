/** JSON Pointer (RFC 6901) reading and writing on plain JSON documents (and immer drafts). */

export function pointerTokens(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

type Container = Record<string, unknown> | unknown[];

function child(container: unknown, token: string): unknown {
  if (Array.isArray(container)) return container[Number(token)];
  if (container !== null && typeof container === "object" && Object.hasOwn(container, token))
    return (container as Record<string, unknown>)[token];
  return undefined;
}

/** The value at `pointer`, or undefined when the path does not exist. */
export function valueAt(doc: unknown, pointer: string): unknown {
  let current = doc;
  for (const token of pointerTokens(pointer)) current = child(current, token);
  return current;
}

/** The container holding the value at `pointer` and the last token, or undefined. */
export function parentOf(doc: unknown, pointer: string): { container: Container; key: string } | undefined {
  const tokens = pointerTokens(pointer);
  const key = tokens.pop();
  if (key === undefined) return undefined;
  const container = valueAt(doc, tokens.map((t) => `/${t.replace(/~/g, "~0").replace(/\//g, "~1")}`).join(""));
  if (container === null || typeof container !== "object") return undefined;
  return { container: container as Container, key };
}
