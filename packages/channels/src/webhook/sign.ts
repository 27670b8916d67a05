/**
 * Standard Webhooks signing: webhook-id, webhook-timestamp and webhook-signature
 * (`v1,<base64 HMAC-SHA256 of "${id}.${timestamp}.${body}">`, one per secret, space-separated).
 */
import { Webhook } from "standardwebhooks";
import { ChannelConfigError } from "../errors.ts";
import { assertWebhookSecret } from "./secret.ts";

/** At most two secrets are live at once: the current one and the one being rotated out. */
const MAX_SECRETS = 2;

export type SignedHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

/** The three Standard Webhooks headers for `body`, signed with every secret given (one, or two while rotating). */
export function signWebhook(input: {
  id: string;
  timestamp: Date;
  body: string;
  secrets: readonly string[];
}): SignedHeaders {
  const { id, timestamp, body, secrets } = input;
  if (secrets.length === 0 || secrets.length > MAX_SECRETS) {
    throw new ChannelConfigError(
      `A webhook needs one signing secret, or two while rotating; this one has ${secrets.length}.`,
    );
  }
  const signatures = secrets.map((secret) => new Webhook(assertWebhookSecret(secret)).sign(id, timestamp, body));
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
