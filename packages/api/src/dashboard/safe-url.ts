/**
 * Links on the dashboard come from feeds, so only absolute http(s) URLs become links; anything else
 * (javascript:, data:, relative or unparseable text) is shown as plain text or left out.
 */
export function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  return parsed.href;
}

/** The host of an http(s) URL for compact display, or null. */
export function hostOf(value: string | null | undefined): string | null {
  const href = httpUrl(value);
  return href ? new URL(href).host : null;
}
