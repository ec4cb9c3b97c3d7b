/**
 * Every API route a fastify server answers, from its route tree (`printRoutes({ commonPrefix:
 * false })`): one line per node, indented by depth, with its methods. Returns "METHOD /path"
 * with `:param` as `{param}`, HEAD left out (fastify adds it to every GET).
 */
export function routesOf(tree: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of tree.split("\n")) {
    const match = /^([\s│]*)[└├]── (\S+) \(([^)]*)\)/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? "").length / 4;
    stack.length = depth;
    const segment = match[2] ?? "";
    const parent = stack.at(-1) ?? "";
    const path = parent.endsWith("/") || segment.startsWith("/") ? `${parent}${segment}` : `${parent}/${segment}`;
    stack.push(path);
    for (const method of (match[3] ?? "").split(", ")) {
      if (method !== "HEAD") out.push(`${method} ${path.replace(/:(\w+)/g, "{$1}")}`);
    }
  }
  return out;
}
