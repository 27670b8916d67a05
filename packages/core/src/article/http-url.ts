/** The only links Storywire keeps or follows are absolute http(s) URLs (resolution lives in feed/url.ts). */
import { resolveHttpUrl } from "../feed/url.ts";

/** value resolved against base as an absolute http(s) URL, or null (javascript:, mailto:, garbage). */
export function httpUrl(value: string | null | undefined, base?: string): string | null {
  return resolveHttpUrl(value, base);
}

export function isHttpUrl(value: string | null | undefined): value is string {
  return httpUrl(value) !== null;
}
