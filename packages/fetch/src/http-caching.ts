/**
 * Header parsing for scheduling and decoding: Retry-After, Cache-Control max-age, Content-Type.
 * Pure functions; garbage in -> null out, never a throw.
 */
import { RETRY_AFTER_MAX_MS, RETRY_AFTER_MIN_MS } from "./constants.ts";

type HeaderValue = string | readonly string[] | null | undefined;

function single(value: HeaderValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  return value.length > 0 ? value.join(", ") : null;
}

const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "\\d{2}:\\d{2}:\\d{2}";
/** RFC 9110 HTTP-date: IMF-fixdate, and the obsolete RFC 850 and asctime forms. */
const HTTP_DATE = [
  new RegExp(`^${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT$`),
  new RegExp(`^${LONG_DAY}, \\d{2}-${MONTH}-\\d{2} ${TIME} GMT$`),
  new RegExp(`^${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4}$`),
];

/** Parse an HTTP-date (RFC 9110 §5.6.7) to epoch ms, or null. */
export function parseHttpDate(value: string): number | null {
  const text = value.trim();
  if (!HTTP_DATE.some((pattern) => pattern.test(text))) return null;
  // asctime has no zone: it is GMT by definition.
  const parsed = Date.parse(/GMT$/.test(text) ? text : `${text} GMT`);
  return Number.isFinite(parsed) ? parsed : null;
}

/**
 * Retry-After (seconds or HTTP-date) as a delay in ms from `now`, clamped to [1 s, 24 h].
 * A date in the past means "now", i.e. 1 s. Anything else (negative, fractional, junk) -> null.
 */
export function parseRetryAfter(value: HeaderValue, now: number | Date = Date.now()): number | null {
  const text = single(value)?.trim();
  if (!text) return null;
  let delayMs: number;
  if (/^\d+$/.test(text)) {
    // Long digit strings overflow to large numbers; the clamp takes care of them.
    delayMs = Number(text) * 1000;
  } else {
    const at = parseHttpDate(text);
    if (at === null) return null;
    delayMs = at - (typeof now === "number" ? now : now.getTime());
  }
  if (!Number.isFinite(delayMs)) return RETRY_AFTER_MAX_MS;
  return Math.min(RETRY_AFTER_MAX_MS, Math.max(RETRY_AFTER_MIN_MS, delayMs));
}

/** RFC 9111: a delta-seconds too large to represent is taken as 2^31 seconds. */
const MAX_DELTA_SECONDS = 2 ** 31;

/**
 * Cache-Control max-age in ms, or null when absent or malformed. `no-store` / `no-cache` give 0
 * (revalidate every time). Duplicate, conflicting max-age directives are malformed -> null.
 */
export function parseCacheControlMaxAge(value: HeaderValue): number | null {
  const text = single(value);
  if (!text) return null;
  let maxAge: number | null = null;
  let noCache = false;
  for (const part of text.split(",")) {
    const [rawName, ...rest] = part.split("=");
    const name = rawName?.trim().toLowerCase();
    if (!name) continue;
    if (name === "no-store" || name === "no-cache") {
      noCache = true;
      continue;
    }
    if (name !== "max-age") continue;
    const raw = rest
      .join("=")
      .trim()
      .replace(/^"(.*)"$/, "$1");
    if (!/^\d+$/.test(raw)) return null;
    const seconds = Math.min(Number(raw), MAX_DELTA_SECONDS);
    if (maxAge !== null && maxAge !== seconds * 1000) return null;
    maxAge = seconds * 1000;
  }
  if (noCache) return 0;
  return maxAge;
}

export interface ContentType {
  /** Lowercased media type without parameters, e.g. "application/rss+xml". */
  mediaType: string | null;
  /** Lowercased charset parameter, quotes removed, e.g. "windows-1251". */
  charset: string | null;
}

/** Split Content-Type into media type and charset. Malformed -> nulls. */
export function parseContentType(value: HeaderValue): ContentType {
  const text = single(value);
  if (!text) return { mediaType: null, charset: null };
  const [type, ...params] = text.split(";");
  const mediaType = type?.trim().toLowerCase() ?? "";
  let charset: string | null = null;
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq === -1) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== "charset") continue;
    const raw = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .trim()
      .toLowerCase();
    if (/^[a-z0-9!#$%&'+^_`{}~.-]+$/.test(raw)) charset = raw;
    break;
  }
  return {
    mediaType: /^[a-z0-9!#$%&'*+^_`{}~.-]+\/[a-z0-9!#$%&'*+^_`{}~.-]+$/.test(mediaType) ? mediaType : null,
    charset,
  };
}
