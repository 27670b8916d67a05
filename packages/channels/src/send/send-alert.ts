/** sendAlert: render an alert for one channel, send it, and say what happened. Never throws. */
import type { Alert } from "@storywire/core";
import { DEFAULT_TIMEOUT_MS } from "../constants.ts";
import { alertDeliveryId } from "../delivery-id.ts";
import { renderDiscord } from "../discord/render.ts";
import { renderEmail } from "../email/render.ts";
import { ChannelConfigError } from "../errors.ts";
import { renderSlack } from "../slack/render.ts";
import type { Channel, DeliveryResult, PostJsonOptions, SendContext } from "../types.ts";
import { renderWebhook } from "../webhook/render.ts";
import { errorOutcome, httpOutcome } from "./outcome.ts";

const TARGETS: Record<string, string> = {
  webhook: "The webhook endpoint",
  slack: "The Slack webhook",
  discord: "The Discord webhook",
  email: "The mail service",
};

/**
 * Renders `alert` for `channel` and sends it: HTTP channels through ctx.post (the hardened client), email
 * through ctx.email.sender. Resolves with the classified outcome; configuration problems and failures become
 * `{ ok: false, error }` rather than exceptions, so one bad subscription never breaks a batch.
 */
export async function sendAlert(channel: Channel, alert: Alert, ctx: SendContext): Promise<DeliveryResult> {
  const target = TARGETS[String(channel?.type)] ?? "The channel";
  const test = ctx.purpose === "test";
  const now = ctx.now ?? new Date();
  try {
    switch (channel.type) {
      case "webhook": {
        const request = renderWebhook(channel, alert, { subscriptionId: ctx.subscriptionId, test, now });
        return await post(ctx, request.url, request.body, request.headers, target);
      }
      case "slack":
        return await post(ctx, channel.url, JSON.stringify(renderSlack(alert, { test })), {}, target);
      case "discord":
        return await post(ctx, channel.url, JSON.stringify(renderDiscord(alert, { test })), {}, target);
      case "email": {
        if (ctx.email === undefined) {
          throw new ChannelConfigError("Email alerts cannot be sent: no email sender (SMTP or SES) is configured.");
        }
        const id = alertDeliveryId(ctx.subscriptionId, alert.story.id, { test, now });
        await ctx.email.sender.send(renderEmail(alert, { from: ctx.email.from, to: channel.to, deliveryId: id, test }));
        return { ok: true, retryable: false, disableEndpoint: false };
      }
      default:
        throw new ChannelConfigError(
          `Unknown channel type ${JSON.stringify((channel as { type?: unknown })?.type)}; use webhook, slack, discord or email.`,
        );
    }
  } catch (error) {
    return errorOutcome(error, target);
  }
}

async function post(
  ctx: SendContext,
  url: string,
  body: string,
  headers: Record<string, string>,
  target: string,
): Promise<DeliveryResult> {
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
