/**
 * @storywire/fetch: the one module that owns HTTP semantics (SSRF guard, caps, deadlines, redirects,
 * conditional GET, decoding, typed errors). Nothing else in Storywire talks HTTP to user-supplied URLs.
 */

export { parseContentEncoding } from "./body.ts";
export * from "./constants.ts";
export * from "./errors.ts";
export {
  type FetchNotModified,
  type FetchOptions,
  type FetchResult,
  type FetchSuccess,
  fetchResource,
} from "./fetch-resource.ts";
export {
  type ContentType,
  parseCacheControlMaxAge,
  parseContentType,
  parseHttpDate,
  parseRetryAfter,
} from "./http-caching.ts";
export { type AddressVerdict, canonicalAddress, classifyAddress, isPublicAddress } from "./ip-address.ts";
export { type PostJsonOptions, type PostResult, postJson } from "./post-json.ts";
export {
  checkUrlSyntax,
  createGuardedLookup,
  type GuardOptions,
  type ResolvedAddress,
  type Resolver,
  validatePublicUrl,
} from "./ssrf.ts";
export type { GuardedConnectorOptions } from "./transport.ts";
