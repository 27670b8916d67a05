/** The only links Storywire keeps or follows are absolute http(s) URLs. */

/** value resolved against base as an absolute http(s) URL, or null (javascript:, mailto:, garbage). */
export function httpUrl(value: string | null | undefined, base?: string): string | null {
  if (!value) return null;
  try {
    const parsed = new URL(value, base);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

export function isHttpUrl(value: string | null | undefined): value is string {
  return httpUrl(value) !== null;
}
