/** Limits and fixed vocabularies of the feed parser. */

/** Largest document parseFeed accepts, in characters of decoded text (10 MiB). */
export const DEFAULT_MAX_FEED_CHARS = 10 * 1024 * 1024;

/** Items kept per feed; the rest are dropped before parsing and counted in ParsedFeed.itemsOverCap. */
export const DEFAULT_MAX_FEED_ITEMS = 500;

/**
 * Deepest element nesting accepted. Real feeds stay far below (XHTML content adds a few dozen levels);
 * rss-parser overflows the call stack somewhere in the thousands.
 */
export const DEFAULT_MAX_XML_DEPTH = 512;

/** JSON Feed documents are recognised by a `version` starting with one of these. */
export const JSON_FEED_VERSION_PREFIXES = ["https://jsonfeed.org/version/", "http://jsonfeed.org/version/"] as const;

/** Query parameters that only track the reader; canonicalizeUrl removes them (names compared lowercased). */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  "fbclid",
  "gclid",
  "gclsrc",
  "dclid",
  "msclkid",
  "yclid",
  "igshid",
  "twclid",
  "mc_cid",
  "mc_eid",
  "ocid",
  "cmpid",
  "_ga",
  "_gl",
  "_hsenc",
  "_hsmi",
  "ref_src",
  "ref_url",
  "mkt_tok",
  "wt_mc",
  "wt.mc_id",
  "wt_zmc",
  "oly_anon_id",
  "oly_enc_id",
  "vero_id",
  "rb_clickid",
  "__twitter_impression",
  "smid",
  "soc_src",
  "soc_trk",
]);

/** Query parameter name prefixes that only track the reader (utm_source, at_medium, ns_campaign, ...). */
export const TRACKING_PARAM_PREFIXES: readonly string[] = ["utm_", "at_", "ns_", "pk_", "mtm_", "hsa_"];
