/** Limits, paths and headers of the dashboard pages. */

/** Shown in the header; keep in step with the version in the OpenAPI document. */
export { STORYWIRE_VERSION as DASHBOARD_VERSION } from "@storywire/core";

/** Where the pages live. `/` is the overview too. */
export const DASHBOARD_PATH = "/dashboard";
export const STORIES_PATH = `${DASHBOARD_PATH}/stories`;
export const FEEDS_PATH = `${DASHBOARD_PATH}/feeds`;
export const STORYLINES_PATH = `${DASHBOARD_PATH}/storylines`;

/** Events listed per storyline on the overview. */
export const EVENTS_PER_STORYLINE = 5;
/** Latest stories listed on the overview. */
export const LATEST_STORIES = 30;
/** Stories per page of the story list. */
export const STORIES_PER_PAGE = 50;
/** Events per page of a storyline's timeline. */
export const TIMELINE_EVENTS_PER_PAGE = 10;
/** Feeds listed before the table says how many more there are. */
export const MAX_FEED_ROWS = 200;

/** The storyline page's charts cover this many days unless `?days=` picks another of CHART_DAYS. */
export const DEFAULT_CHART_DAYS = 30;
export const CHART_DAYS = [7, 30, 90] as const;
/** Stories read for the charts; when a window holds more, the charts say they show the latest this many. */
export const CHART_STORIES = 1000;
/** Outlets drawn in the framing-mix chart (the rest are summed in the table below it). */
export const CHART_OUTLETS = 12;

/** Seconds between automatic reloads of the overview unless `?refresh=` says otherwise (0 turns reloading off). */
export const DEFAULT_REFRESH_SECONDS = 30;
export const MIN_REFRESH_SECONDS = 5;
export const MAX_REFRESH_SECONDS = 3600;

/**
 * Scripts and styles come only from the app's own /assets/ paths; nothing inline runs or styles, so even feed text
 * that ever slipped through unescaped could neither run nor restyle the page. Scripts may call only this API.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const DASHBOARD_HEADERS: Record<string, string> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};
