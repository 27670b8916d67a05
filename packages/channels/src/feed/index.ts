export { ATOM_CONTENT_TYPE, JSON_FEED_CONTENT_TYPE } from "../constants.ts";
export { renderAtom } from "./atom.ts";
export { alertUrn, entrySummary, FEED_MAX_ITEMS, type FeedOptions } from "./entries.ts";
export { type JsonFeed, type JsonFeedItem, jsonFeed, renderJsonFeed } from "./json-feed.ts";
export { generateFeedToken } from "./token.ts";
export { escapeXml } from "./xml.ts";
