/**
 * The pipeline's view of the hardened HTTP client: a feed fetch (conditional) and an article-page fetch, both
 * through the same SSRF guard, size caps and deadlines of @storywire/fetch, and both under one per-host limit
 * (host-limit.ts) shared by every ingest that uses this fetcher.
 */
import { ACCEPT_FEED, ACCEPT_HTML, type FetchResult, fetchResource } from "@storywire/fetch";
import { hostLimit, PER_HOST_CONCURRENCY } from "./host-limit.ts";

export interface FetchedBody {
  status: number;
  url: string;
  body: Uint8Array;
  /** The media type the server declared, without parameters (null when it sent none). */
  contentType?: string | null;
  charset: string | null;
  etag: string | null;
  lastModified: string | null;
  retryAfterMs: number | null;
  maxAgeMs: number | null;
  permanentRedirect: string | null;
  notModified: boolean;
}

export interface Fetcher {
  fetchFeed(url: string, validators: { etag: string | null; lastModified: string | null }): Promise<FetchedBody>;
  fetchPage(url: string): Promise<FetchedBody>;
}

export interface FetcherOptions {
  allowPrivateNetworks: boolean;
  userAgent?: string;
  /** Total deadline per request. */
  timeoutMs?: number;
  /** Requests in flight per host (feeds and article pages together). Default PER_HOST_CONCURRENCY. */
  perHostConcurrency?: number;
}

export function createFetcher(options: FetcherOptions): Fetcher {
  const common = {
    allowPrivateNetworks: options.allowPrivateNetworks,
    userAgent: options.userAgent,
    timeoutMs: options.timeoutMs,
  };
  const limit = hostLimit(options.perHostConcurrency ?? PER_HOST_CONCURRENCY);
  return {
    async fetchFeed(url, validators) {
      const r = await limit.run(url, () =>
        fetchResource(url, {
          ...common,
          accept: ACCEPT_FEED,
          etag: validators.etag,
          lastModified: validators.lastModified,
        }),
      );
      return toBody(r);
    },
    async fetchPage(url) {
      return toBody(await limit.run(url, () => fetchResource(url, { ...common, accept: ACCEPT_HTML })));
    },
  };
}

function toBody(r: FetchResult): FetchedBody {
  return {
    status: r.status,
    url: r.url,
    body: r.notModified ? new Uint8Array() : r.body,
    contentType: r.notModified ? null : r.contentType,
    charset: r.notModified ? null : r.charset,
    etag: r.etag ?? null,
    lastModified: r.lastModified ?? null,
    retryAfterMs: r.retryAfterMs ?? null,
    maxAgeMs: r.maxAgeMs ?? null,
    permanentRedirect: r.permanentRedirect ?? null,
    notModified: r.notModified,
  };
}
