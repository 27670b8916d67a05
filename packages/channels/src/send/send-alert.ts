/** sendAlert: render an alert for one channel, send it, and say what happened. Never throws. */
import type { Alert } from "@storywire/core";
import { alertMessageId, testMessageId } from "@storywire/core/ids";
import { renderDiscord } from "../discord/render.ts";
import { renderEmail } from "../email/render.ts";
import { renderSlack } from "../slack/render.ts";
import type { Channel, SendContext, SendResult } from "../types.ts";
import { renderWebhook } from "../webhook/render.ts";
import { errorOutcome } from "./outcome.ts";
import { noEmailSender, postJson, targetOf, unknownChannel } from "./post.ts";

/**
 * Renders `alert` for `channel` and sends it: HTTP channels through ctx.post (the hardened client), email
 * through ctx.email.sender. Resolves with the classified outcome; configuration problems and failures become
 * `{ ok: false, error }` rather than exceptions, so one bad subscription never breaks a batch.
 */
export async function sendAlert(channel: Channel, alert: Alert, ctx: SendContext): Promise<SendResult> {
  const target = targetOf(channel);
  const test = ctx.purpose === "test";
  const now = ctx.now ?? new Date();
  try {
    switch (channel.type) {
      case "webhook": {
        const request = renderWebhook(channel, alert, { subscriptionId: ctx.subscriptionId, test, now });
        return await postJson(ctx, request.url, request.body, request.headers, target);
      }
      case "slack":
        return await postJson(ctx, channel.url, JSON.stringify(renderSlack(alert, { test })), {}, target);
      case "discord":
        return await postJson(ctx, channel.url, JSON.stringify(renderDiscord(alert, { test })), {}, target);
      case "email": {
        if (ctx.email === undefined) throw noEmailSender("Email alerts");
        const id = test ? testMessageId(ctx.subscriptionId, now) : alertMessageId(ctx.subscriptionId, alert.story.id);
        await ctx.email.sender.send(renderEmail(alert, { from: ctx.email.from, to: channel.to, deliveryId: id, test }));
        return { ok: true, retryable: false, disableEndpoint: false };
      }
      default:
        throw unknownChannel(channel);
    }
  } catch (error) {
    return errorOutcome(error, target);
  }
}
