/**
 * A digest as a Standard Webhooks request: `{ type: "storyline.digest", timestamp, data: { period, alerts } }`,
 * signed like single alerts. The webhook-id is digestMessageId(subscription, delivery ids).
 */
import type { Alert } from "@storywire/core";
import type { WebhookChannel } from "../types.ts";
import type { WebhookRequest } from "../webhook/render.ts";
import { signWebhook } from "../webhook/sign.ts";
import { DIGEST_EVENT_TYPE } from "./constants.ts";
import { assertDigest } from "./summary.ts";
import type { Digest, DigestPeriod } from "./types.ts";

export interface DigestWebhookPayload {
  type: typeof DIGEST_EVENT_TYPE;
  /** When the digest was sent. */
  timestamp: string;
  data: { period: DigestPeriod; alerts: Alert[] };
}

export function digestWebhookPayload(digest: Digest, now: Date): DigestWebhookPayload {
  assertDigest(digest);
  return {
    type: DIGEST_EVENT_TYPE,
    timestamp: now.toISOString(),
    data: { period: digest.period, alerts: [...digest.alerts] },
  };
}

/** The request to POST; `id` is the digest's webhook-id (digestMessageId), `now` the send time. */
export function renderDigestWebhook(
  channel: WebhookChannel,
  digest: Digest,
  options: { id: string; now?: Date },
): WebhookRequest {
  const now = options.now ?? new Date();
  const body = JSON.stringify(digestWebhookPayload(digest, now));
  const signed = signWebhook({ id: options.id, timestamp: now, body, secrets: channel.secrets });
  return { url: channel.url, body, headers: { "content-type": "application/json", ...signed } };
}
