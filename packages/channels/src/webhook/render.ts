/** The Standard Webhooks request for an alert: `{ type, timestamp, data }` JSON and its signed headers. */
import type { Alert } from "@storywire/core";
import { alertMessageId, testMessageId } from "@storywire/core/ids";
import type { WebhookChannel } from "../types.ts";
import { type SignedHeaders, signWebhook } from "./sign.ts";

export type WebhookEventType = "storyline.first" | "storyline.update" | "storyline.test";

export interface WebhookPayload {
  type: WebhookEventType;
  /** When the event happened (the alert's time; the send time for tests). */
  timestamp: string;
  data: Alert;
}

export interface WebhookRequest {
  url: string;
  body: string;
  headers: SignedHeaders & { "content-type": string };
}

export function webhookPayload(alert: Alert, options: { test?: boolean; now?: Date } = {}): WebhookPayload {
  if (options.test === true) {
    return { type: "storyline.test", timestamp: (options.now ?? new Date()).toISOString(), data: alert };
  }
  const type = alert.relation === "update" ? "storyline.update" : "storyline.first";
  return { type, timestamp: alert.createdAt, data: alert };
}

/**
 * The request to POST. The webhook-id depends only on (subscription, story) for alerts, so a retry (or a resend
 * after a crash) carries the same id; a test send gets an id of its own per send time.
 */
export function renderWebhook(
  channel: WebhookChannel,
  alert: Alert,
  options: { subscriptionId: string; test?: boolean; now?: Date },
): WebhookRequest {
  const now = options.now ?? new Date();
  const test = options.test === true;
  const id = test ? testMessageId(options.subscriptionId, now) : alertMessageId(options.subscriptionId, alert.story.id);
  const body = JSON.stringify(webhookPayload(alert, { test, now }));
  const signed = signWebhook({ id, timestamp: now, body, secrets: channel.secrets });
  return { url: channel.url, body, headers: { "content-type": "application/json", ...signed } };
}
