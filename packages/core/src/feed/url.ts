/**
 * URL resolution and canonicalization. Only http(s) URLs survive: javascript:, data:, file: and friends
 * become null.
 *
 * canonicalizeUrl decisions: scheme and host lowercased and the default port dropped (WHATWG URL does
 * this), path kept as written (case and trailing slash: some servers distinguish them), fragment dropped
 * except a "#!" hash-bang route (it names the page on such sites), tracking parameters removed, the
 * remaining parameters kept in their order (order can matter to a server) with empty pieces ("?&a=1&&")
 * removed, and an empty query dropped. Percent-encoded unreserved characters (letters, digits, "-", ".", "_",
 * "~") are decoded and the other percent-encodings written in upper case (RFC 3986 6.2.2.1-2: the same resource,
 * so "/%65tag" and "/etag" are one feed); duplicate slashes name a different resource and stay. With
 * { stripTrailingSlash: true } a non-root path also loses its trailing slash: use that only to compare
 * identities (feed subscriptions), not for URLs that are fetched.
 */
import { TRACKING_PARAM_PREFIXES, TRACKING_PARAMS } from "./constants.ts";

export interface CanonicalizeOptions {
  /** Also drop a trailing "/" from a non-root path. Default false. */
  stripTrailingSlash?: boolean;
}

/** The longest URL Storywire keeps, links to or follows (browsers and servers commonly cut at about 2,000). */
export const MAX_URL_CHARS = 2048;

/**
 * The one rule for every URL Storywire keeps from a feed, follows, or writes into an output (dashboard, email,
 * Slack, Discord, feeds): an absolute http(s) URL, without credentials, at most MAX_URL_CHARS long.
 */
function parseHttpUrl(ref: string, base?: string | null): URL | null {
  if (ref.length > MAX_URL_CHARS) return null;
  try {
    const url = base ? new URL(ref, base) : new URL(ref);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    if (url.username !== "" || url.password !== "") return null;
    return url.href.length <= MAX_URL_CHARS ? url : null;
  } catch {
    return null;
  }
}

/** True when value is an absolute http(s) URL written out in full that passes the rule above. */
export function isHttpUrl(value: string | null | undefined): value is string {
  const trimmed = value?.trim() ?? "";
  return /^https?:\/\//i.test(trimmed) && parseHttpUrl(trimmed) !== null;
}

/**
 * Resolve a (possibly relative) reference against a base URL; null unless the result passes the rule above
 * (javascript:, data:, mailto:, credentials, garbage). A relative reference without a base stays unresolvable.
 */
export function httpUrl(ref: unknown, base?: string | null): string | null {
  const trimmed = typeof ref === "string" ? ref.trim() : "";
  if (!trimmed) return null;
  return parseHttpUrl(trimmed, base)?.href ?? null;
}

/**
 * Resolve a base chain (document URL, then each xml:base from outer to inner). Any scheme is kept here
 * (an xml:base may be a tag: or urn: in theory); httpUrl filters the final link.
 */
export function resolveBase(base: string | null, xmlBase: string | null | undefined): string | null {
  const trimmed = xmlBase?.trim();
  if (!trimmed) return base;
  try {
    return new URL(trimmed, base ?? undefined).href;
  } catch {
    return base;
  }
}

function isTrackingParam(rawName: string): boolean {
  let name = rawName;
  try {
    name = decodeURIComponent(rawName.replace(/\+/g, " "));
  } catch {
    // keep the raw name
  }
  name = name.trim().toLowerCase();
  return TRACKING_PARAMS.has(name) || TRACKING_PARAM_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** The query string without tracking parameters and empty pieces, "" when nothing is left. */
function cleanQuery(search: string): string {
  if (search.length <= 1) return "";
  const kept = search
    .slice(1)
    .split("&")
    .filter((piece) => {
      const name = piece.split("=", 1)[0] ?? "";
      return name !== "" && !isTrackingParam(name);
    });
  return kept.length > 0 ? `?${kept.join("&")}` : "";
}

/**
 * The canonical form of an http(s) URL (see the module comment for the rules), or null when the input is
 * not an absolute http(s) URL. Idempotent: canonicalizeUrl(canonicalizeUrl(u)) === canonicalizeUrl(u).
 */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** Percent-encodings of unreserved characters decoded, the others in upper case (RFC 3986 6.2.2.1-2). */
function normalizePercentEncoding(part: string): string {
  if (!part.includes("%")) return part;
  return part.replace(/%([0-9A-Fa-f]{2})/g, (_whole, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/**
 * "." and ".." segments removed (RFC 3986 5.2.4). The WHATWG parser does this too, but Node's leaves a final "."
 * after a segment that starts with a dot behind an empty one ("//.a/." stays as it is), and a "%2E" decoded
 * above becomes a dot segment only now; doing it here once keeps canonical forms idempotent.
 */
function removeDotSegments(path: string): string {
  const out: string[] = [];
  const segments = path.split("/").slice(1);
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    if (segment === ".") {
      if (last) out.push("");
    } else if (segment === "..") {
      out.pop();
      if (last) out.push("");
    } else {
      out.push(segment);
    }
  }
  return `/${out.join("/")}`;
}

export function canonicalizeUrl(input: string, options: CanonicalizeOptions = {}): string | null {
  const url = parseHttpUrl(input.trim());
  if (!url) return null;
  if (!url.hash.startsWith("#!")) url.hash = "";
  url.pathname = removeDotSegments(normalizePercentEncoding(url.pathname));
  url.search = cleanQuery(normalizePercentEncoding(url.search));
  if (options.stripTrailingSlash && url.pathname.length > 1 && url.pathname.endsWith("/")) {
    url.pathname = url.pathname.replace(/\/+$/, "") || "/";
  }
  let href = url.href;
  // WHATWG keeps a bare "?" when the query is set to "" only if it was already there; drop it.
  if (href.endsWith("?")) href = href.slice(0, -1);
  return href;
}
