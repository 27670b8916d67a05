/**
 * Links on the dashboard come from feeds, so only URLs that pass core's one rule (httpUrl: absolute http(s), no
 * credentials, bounded length) become links; anything else is shown as plain text or left out.
 */
import { httpUrl } from "@storywire/core";

export { httpUrl };

/** The host of an http(s) URL for compact display, or null. */
export function hostOf(value: string | null | undefined): string | null {
  const href = httpUrl(value);
  return href ? new URL(href).host : null;
}
