/** A hostname (or IPv4, or bracketed IPv6) with an optional port, lower case. */
const ENTRY =
  /^(?<host>[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::(?<port>\d{1,5}))?$/;
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
const DEFAULT_PORT: Readonly<Record<string, string>> = { "https:": "443", "http:": "80" };

/** An allow-list entry in its stored form (`host` or `host:port`, lower case), or undefined when malformed. */
export function normalizeHostEntry(entry: string): string | undefined {
  const lower = entry.trim().toLowerCase();
  const m = ENTRY.exec(lower);
  if (!m) return undefined;
  const port = m.groups?.port;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return undefined;
  return lower;
}

/**
 * May a webhook call `url`? Its host must be listed exactly: an entry without a port allows
 * the scheme's default port only, and nothing matches by wildcard, so loopback and internal
 * hosts are reachable only when an administrator lists them. Plain `http:` is accepted for
 * listed loopback hosts only (local test receivers); everything else must be `https:`.
 */
export function hostAllowed(url: string, allowedHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const scheme = parsed.protocol;
  const host = parsed.hostname.toLowerCase();
  if (parsed.username !== "" || parsed.password !== "") return false;
  if (scheme !== "https:" && !(scheme === "http:" && LOOPBACK.has(host))) return false;
  const port = parsed.port === "" ? DEFAULT_PORT[scheme] : parsed.port;
  return allowedHosts.some((entry) => {
    const m = ENTRY.exec(entry);
    if (!m?.groups?.host) return false;
    return m.groups.host === host && (m.groups.port ?? DEFAULT_PORT[scheme]) === port;
  });
}

/** The `host[:port]` of a URL for messages; the URL itself when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
