/** Defaults of the hardened HTTP client. Every one can be overridden per call. */

export const STORYWIRE_VERSION = "0.1.0";
export const STORYWIRE_HOMEPAGE = "https://github.com/storywire/storywire";
export const DEFAULT_USER_AGENT = `Storywire/${STORYWIRE_VERSION} (+${STORYWIRE_HOMEPAGE})`;

/** The setting that turns the SSRF guard off (tests, local mode), named in the guard's errors; read by the configuration. */
export const ALLOW_PRIVATE_NETWORKS_ENV = "STORYWIRE_ALLOW_PRIVATE_NETWORKS";

const MiB = 1024 * 1024;

/** Cap on DECODED (decompressed) body bytes. */
export const DEFAULT_MAX_BYTES = 10 * MiB;
/** Cap on bytes received on the wire (also the largest Content-Length accepted up front). */
export const DEFAULT_MAX_RAW_BYTES = 10 * MiB;

/** One deadline for the whole request: DNS, connect, every redirect hop, headers and body. */
export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_REDIRECTS = 5;

/** Webhook delivery (postJson). */
export const DEFAULT_POST_TIMEOUT_MS = 15_000;
/** Bytes of a webhook response read (and thrown away) before the connection is closed. */
export const DEFAULT_POST_MAX_RESPONSE_BYTES = 64 * 1024;

/** Longest URL accepted anywhere (feed, redirect target, webhook). */
export const MAX_URL_LENGTH = 2048;

/** Retry-After is clamped to this range; anything unparseable is ignored. */
export const RETRY_AFTER_MIN_MS = 1_000;
export const RETRY_AFTER_MAX_MS = 24 * 60 * 60 * 1000;

/** Content codings we advertise and decode. Stacked codings (`gzip, gzip`) are refused. */
export const ACCEPT_ENCODING = "gzip, deflate, br";

/** A sensible Accept header for feed documents (the default for fetchResource is `*\/*`). */
export const ACCEPT_FEED =
  "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";
/** A sensible Accept header for article pages. */
export const ACCEPT_HTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";
