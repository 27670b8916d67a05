/** The shapes channels share: the injected HTTP poster, channel configurations, and the outcome of a send. */
import type { EmailSender } from "./email/types.ts";

export interface PostJsonOptions {
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Off by default: only tests and local mode may post to loopback or private addresses. */
  allowPrivateNetworks?: boolean;
}

export interface PostJsonResult {
  ok: boolean;
  status: number;
  /** From a Retry-After header (seconds or HTTP date), already clamped; null when absent or unreadable. */
  retryAfterMs: number | null;
}

/**
 * POSTs a JSON document and reports only the status: the hardened client of @storywire/fetch has this shape
 * (redirects not followed, response body never returned, SSRF guard at every send). `body` is the exact
 * serialized JSON to send, so that a signature over it stays valid. On network failures and blocked addresses
 * it throws an error with a `code` and a clear `message`.
 */
export type HttpPoster = (url: string, body: string, options: PostJsonOptions) => Promise<PostJsonResult>;

export interface WebhookChannel {
  type: "webhook";
  url: string;
  /** One `whsec_<base64>` secret, or two while rotating (every message is signed with each). */
  secrets: readonly string[];
}

export interface SlackChannel {
  type: "slack";
  /** An incoming-webhook URL. */
  url: string;
}

export interface DiscordChannel {
  type: "discord";
  /** A Discord webhook URL. */
  url: string;
}

export interface EmailChannel {
  type: "email";
  /** One recipient address. */
  to: string;
}

export type Channel = WebhookChannel | SlackChannel | DiscordChannel | EmailChannel;
export type ChannelType = Channel["type"];

/** What sendAlert needs besides the channel and the alert. */
export interface SendContext {
  /** The subscription the delivery belongs to: with the story it fixes the webhook-id and the email Message-ID. */
  subscriptionId: string;
  /** Needed for webhook, Slack and Discord channels. */
  post?: HttpPoster;
  /** Needed for email channels. */
  email?: { sender: EmailSender; from: string };
  /** "test" sends a storyline.test event (POST /subscriptions/{id}/test). */
  purpose?: "alert" | "test";
  /** The send time (webhook-timestamp); now by default. */
  now?: Date;
  /** Per-send deadline; DEFAULT_TIMEOUT_MS (15 s) by default. */
  timeoutMs?: number;
  /** Passed to the poster only when set; otherwise the HTTP client's own default (guard on) applies. */
  allowPrivateNetworks?: boolean;
}

/** What sendDigest needs besides the channel and the digest: as for alerts, without `purpose`. */
export interface DigestSendContext extends Omit<SendContext, "purpose"> {
  /**
   * The ids of the deliveries the digest carries (any order). With the subscription they fix the digest's
   * webhook-id and email Message-ID (digestMessageId), so a retry of the same deliveries keeps its id.
   */
  deliveryIds: readonly string[];
}

export interface SendResult {
  ok: boolean;
  /** The HTTP status (or SMTP reply code) when the endpoint answered. */
  status?: number;
  /** Worth trying again on the retry schedule. */
  retryable: boolean;
  /** The endpoint is gone (HTTP 410): disable it and tell the owner. */
  disableEndpoint: boolean;
  /** One sentence saying what went wrong; never contains a response body. */
  error?: string;
  /** How long the endpoint asked us to wait (429 / 503 Retry-After). */
  retryAfterMs?: number;
}
