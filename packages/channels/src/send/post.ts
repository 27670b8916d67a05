/** What sendAlert and sendDigest share: who each channel's endpoint is in messages, and the HTTP post. */
import { DEFAULT_TIMEOUT_MS } from "../constants.ts";
import { ChannelConfigError } from "../errors.ts";
import type { Channel, PostJsonOptions, SendContext, SendResult } from "../types.ts";
import { httpOutcome } from "./outcome.ts";

const TARGETS: Record<string, string> = {
  webhook: "The webhook endpoint",
  slack: "The Slack webhook",
  discord: "The Discord webhook",
  email: "The mail service",
};

/** "The Slack webhook", ...: the subject of the channel's error sentences. */
export function targetOf(channel: Channel): string {
  return TARGETS[String(channel?.type)] ?? "The channel";
}

/** The error for a channel type no sender knows. */
export function unknownChannel(channel: Channel): ChannelConfigError {
  return new ChannelConfigError(
    `Unknown channel type ${JSON.stringify((channel as { type?: unknown })?.type)}; use webhook, slack, discord or email.`,
  );
}

/** The error for an email channel when no mail transport is configured. */
export function noEmailSender(what: string): ChannelConfigError {
  return new ChannelConfigError(`${what} cannot be sent: no email sender (SMTP or SES) is configured.`);
}

/** POSTs `body` as JSON through ctx.post and classifies the answer. */
export async function postJson(
  ctx: Pick<SendContext, "post" | "timeoutMs" | "allowPrivateNetworks">,
  url: string,
  body: string,
  headers: Record<string, string>,
  target: string,
): Promise<SendResult> {
  if (ctx.post === undefined) {
    throw new ChannelConfigError(`${target} cannot be used: no HTTP client is configured for sending.`);
  }
  const options: PostJsonOptions = {
    headers: { "content-type": "application/json", ...headers },
    timeoutMs: ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  // Left unset, the HTTP client applies its own default (the guard on, unless local mode switched it off).
  if (ctx.allowPrivateNetworks !== undefined) options.allowPrivateNetworks = ctx.allowPrivateNetworks;
  const result = await ctx.post(url, body, options);
  return httpOutcome(result, target);
}
