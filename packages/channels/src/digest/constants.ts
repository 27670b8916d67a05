/** The digest's webhook event type and the platform limits its renderers work within. */

/** Standard Webhooks `type` of a digest (single alerts are storyline.first / update / test). */
export const DIGEST_EVENT_TYPE = "storyline.digest";

/** Digest periods, as the subscription's `mode` names them. */
export const DIGEST_PERIODS = ["hourly", "daily"] as const;

/**
 * Slack: at most 50 blocks per message, so a header and 48 alert sections, then one "…and N more" block.
 * Per section, the link line, the context line and the first new sentence each get a budget that keeps the
 * section under Slack's 3000 characters.
 */
export const SLACK_DIGEST_LIMITS = {
  blocks: 50,
  titleLabel: 150,
  titleLine: 2200,
  storyline: 150,
  sourceLine: 200,
  novel: 300,
} as const;

/**
 * Discord: at most 10 embeds per message, and all embeds together at most 6000 characters (title, description
 * and footer count), so each of the ten gets at most 200 + 350 + the footer. The description is a context line
 * (150), a line break, "**What's new:** " (16) and the first new sentence (180): at most 347.
 */
export const DISCORD_DIGEST_LIMITS = {
  embeds: 10,
  title: 200,
  description: 350,
  contextLine: 150,
  novel: 180,
} as const;
