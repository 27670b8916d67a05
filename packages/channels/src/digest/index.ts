export { DIGEST_EVENT_TYPE, DIGEST_PERIODS, DISCORD_DIGEST_LIMITS, SLACK_DIGEST_LIMITS } from "./constants.ts";
export { renderDiscordDigest } from "./discord.ts";
export { digestEmailSubject, digestHtml, digestPlainText, renderDigestEmail } from "./email.ts";
export { renderSlackDigest } from "./slack.ts";
export { alertCount, assertDigest } from "./summary.ts";
export type { Digest, DigestPeriod } from "./types.ts";
export { type DigestWebhookPayload, digestWebhookPayload, renderDigestWebhook } from "./webhook.ts";
