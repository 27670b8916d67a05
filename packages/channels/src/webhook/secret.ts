/** Standard Webhooks secrets: `whsec_` + base64 of the HMAC key. */
import { randomBytes } from "node:crypto";
import { ChannelConfigError } from "../errors.ts";

const PREFIX = "whsec_";
const MIN_KEY_BYTES = 24;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A new secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString("base64");
}

/** Checks a secret's shape; throws a ChannelConfigError naming what is wrong. Returns it unchanged. */
export function assertWebhookSecret(secret: unknown): string {
  const key = typeof secret === "string" && secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : null;
  if (key === null || key.length % 4 !== 0 || !BASE64.test(key)) {
    throw new ChannelConfigError(
      "The webhook secret must look like whsec_<base64>; generate a new one with generateWebhookSecret().",
    );
  }
  if (Buffer.from(key, "base64").length < MIN_KEY_BYTES) {
    throw new ChannelConfigError(
      `The webhook secret is too short (under ${MIN_KEY_BYTES} bytes); generate a new one with generateWebhookSecret().`,
    );
  }
  return secret as string;
}
