/** Limits and headers of the dashboard page. */

/** Shown in the header; keep in step with the version in the OpenAPI document. */
export { STORYWIRE_VERSION as DASHBOARD_VERSION } from "@storywire/core";

/** Events listed per storyline. */
export const EVENTS_PER_STORYLINE = 5;
/** Latest stories listed. */
export const LATEST_STORIES = 30;
/** Feeds listed before the table says how many more there are. */
export const MAX_FEED_ROWS = 200;

/** Seconds between automatic reloads unless `?refresh=` says otherwise (0 turns reloading off). */
export const DEFAULT_REFRESH_SECONDS = 30;
export const MIN_REFRESH_SECONDS = 5;
export const MAX_REFRESH_SECONDS = 3600;

/**
 * The page needs no scripts, frames, forms or outside resources: only its own inline style and data: images.
 * Everything else is refused by the browser even if some feed text ever slipped through unescaped.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export const DASHBOARD_HEADERS: Record<string, string> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};
