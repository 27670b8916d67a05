/** Test helper (not exported from the package): what a stand-in fetcher answers, 200 with `body` unless overridden. */
import type { FetchedBody } from "../src/fetcher.ts";

export function fetchedBody(body: string | Uint8Array, overrides: Partial<FetchedBody> = {}): FetchedBody {
  return {
    status: 200,
    url: "http://127.0.0.1:9/feed.xml",
    body: typeof body === "string" ? new TextEncoder().encode(body) : body,
    contentType: null,
    charset: null,
    etag: null,
    lastModified: null,
    retryAfterMs: null,
    maxAgeMs: null,
    permanentRedirect: null,
    notModified: false,
    ...overrides,
  };
}
