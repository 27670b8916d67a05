/** sendDigest: render a digest (one period's alerts) for one channel, send it as one message. Never throws. */

import { digestMessageId } from "@storywire/core/ids";
import { renderDiscordDigest } from "../digest/discord.ts";
import { renderDigestEmail } from "../digest/email.ts";
import { renderSlackDigest } from "../digest/slack.ts";
import { assertDigest } from "../digest/summary.ts";
import type { Digest } from "../digest/types.ts";
import { renderDigestWebhook } from "../digest/webhook.ts";
import { ChannelConfigError } from "../errors.ts";
import type { Channel, DigestSendContext, SendResult } from "../types.ts";
import { errorOutcome } from "./outcome.ts";
import { noEmailSender, postJson, targetOf, unknownChannel } from "./post.ts";

/**
 * Sends `digest` through `channel` as a single message and classifies the outcome exactly as sendAlert does.
 * The webhook-id (and the email Message-ID) is digestMessageId(ctx.subscriptionId, ctx.deliveryIds), so a
 * retry of the same deliveries carries the same id. A digest without alerts is refused without sending.
 */
export async function sendDigest(channel: Channel, digest: Digest, ctx: DigestSendContext): Promise<SendResult> {
  const target = targetOf(channel);
  try {
    assertDigest(digest);
    if (ctx.deliveryIds.length === 0) {
      throw new ChannelConfigError("A digest needs at least one delivery; nothing was sent.");
    }
    const id = digestMessageId(ctx.subscriptionId, ctx.deliveryIds);
    switch (channel.type) {
      case "webhook": {
        const request = renderDigestWebhook(channel, digest, { id, now: ctx.now ?? new Date() });
        return await postJson(ctx, request.url, request.body, request.headers, target);
      }
      case "slack":
        return await postJson(ctx, channel.url, JSON.stringify(renderSlackDigest(digest)), {}, target);
      case "discord":
        return await postJson(ctx, channel.url, JSON.stringify(renderDiscordDigest(digest)), {}, target);
      case "email": {
        if (ctx.email === undefined) throw noEmailSender("Email digests");
        await ctx.email.sender.send(renderDigestEmail(digest, { from: ctx.email.from, to: channel.to, id }));
        return { ok: true, retryable: false, disableEndpoint: false };
      }
      default:
        throw unknownChannel(channel);
    }
  } catch (error) {
    return errorOutcome(error, target);
  }
}
