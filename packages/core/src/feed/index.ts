/** Feed parsing: bytes in (decodeFeedBytes), ParsedFeed out (parseFeed), and the URL canonicalization they share. */
export {
  DEFAULT_MAX_FEED_CHARS,
  DEFAULT_MAX_FEED_ITEMS,
  DEFAULT_MAX_XML_DEPTH,
  TRACKING_PARAM_PREFIXES,
  TRACKING_PARAMS,
} from "./constants.ts";
export { parseFeedDate } from "./date.ts";
export { type DecodedFeed, decodeFeedBytes } from "./decode.ts";
export { describeRepairs, describeSkipped, REPAIR_DESCRIPTIONS, SKIP_DESCRIPTIONS } from "./describe.ts";
export { FeedError, type FeedErrorCode, NotAFeedError } from "./errors.ts";
export { entryPublishedAt, type FeedEntry, type FinishOptions, plainText } from "./item.ts";
export {
  type FeedDocument,
  openFeed,
  type ParseFeedOptions,
  parseFeed,
  readFeedBytes,
  readFeedDocument,
} from "./parse.ts";
export { type CanonicalizeOptions, canonicalizeUrl, httpUrl, isHttpUrl, MAX_URL_CHARS } from "./url.ts";
