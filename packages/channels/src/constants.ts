/** Timeouts, platform limits and media types the channels rely on. */

/** A send that takes longer than this is a failed (retryable) attempt. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** Slack Block Kit limits (header text 150, section text 3000, context up to 10 elements) and our own budgets. */
export const SLACK_LIMITS = {
  header: 150,
  section: 3000,
  contextElement: 300,
  fallbackText: 400,
  novelItems: 3,
  novelItem: 300,
} as const;

/** Discord embed limits (title 256, description 4096, field value 1024, total 6000) and our budgets within them. */
export const DISCORD_LIMITS = {
  title: 256,
  description: 2500,
  fieldName: 256,
  fieldValue: 512,
  footer: 100,
  content: 300,
  embedTotal: 6000,
  novelItems: 5,
  novelItem: 350,
} as const;

/** Embed colour per relation. */
export const DISCORD_COLORS = { first: 0x2f80ed, update: 0xf2994a, test: 0x9b9b9b } as const;

export const EMAIL_SUBJECT_MAX = 200;
export const EMAIL_SUBJECT_PREFIX = "[Storywire]";

export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";
export const JSON_FEED_CONTENT_TYPE = "application/feed+json; charset=utf-8";
export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

/** Error messages users see are clipped to this many characters. */
export const ERROR_MESSAGE_MAX = 300;
