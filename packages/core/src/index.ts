/**
 * @storywire/core: the pure domain (no I/O). Feed parsing, article normalization, stories, scoring, dedup and
 * alert composition; every other package depends on this one, and it depends on none of ours.
 */

export {
  type Alert,
  type AlertFraming,
  AlertInputError,
  type AlertRelation,
  type ComposeAlertInput,
  clipText,
  composeAlert,
  isoTime,
  summarizeFraming,
} from "./alerts/index.ts";
export * from "./article/index.ts";
export * from "./dedup/index.ts";
export * from "./feed/index.ts";
export {
  alertId,
  alertMessageId,
  deliveryId,
  digestMessageId,
  eventId,
  feedId,
  lockId,
  sourceId,
  testMessageId,
} from "./ids.ts";
export * from "./opml/index.ts";
export * from "./scoring/index.ts";
export * from "./story/index.ts";
export * from "./storyline-definition/index.ts";
export * from "./storyline-query/index.ts";
export type * from "./types.ts";
export { STORYWIRE_VERSION } from "./version.ts";
export { escapeXml } from "./xml-escape.ts";
