/**
 * What sending an alert needs in Lambda: the hardened HTTP poster (webhook, Slack, Discord) and, when an
 * `EmailFrom` sender is set, Amazon SES. Used by the deliver function and by the API's test alerts.
 *
 * SES is loaded on the first email only: most deliveries are webhooks, and a container that never sends email
 * never initializes the SES client.
 */
import type { EmailMessage, EmailSender } from "@storywire/channels";
import { postJson } from "@storywire/fetch";
import type { DeliverDeps } from "@storywire/pipeline/deliver";
import type { StorylineSource } from "@storywire/pipeline/storylines";
import type { LambdaContext } from "./context.ts";

async function loadSesSender(): Promise<EmailSender> {
  return (await import("./ses.ts")).sesSender();
}

/** An EmailSender that loads SES on its first message (and again after a failed load). */
export function lazySesSender(load: () => Promise<EmailSender> = loadSesSender): EmailSender {
  let sender: Promise<EmailSender> | undefined;
  return {
    async send(message: EmailMessage) {
      sender ??= load().catch((error: unknown) => {
        sender = undefined;
        throw error;
      });
      return (await sender).send(message);
    },
  };
}

/** The deliver step's dependencies on top of the shared context. */
export function deliverDeps(
  { deps, settings }: LambdaContext,
  storylines: StorylineSource,
  publicUrl = settings.publicUrl,
): DeliverDeps {
  const allowPrivateNetworks = settings.allowPrivateNetworks;
  return {
    ...deps,
    storylines,
    post: (url, body, opts) => postJson(url, body, { ...opts, allowPrivateNetworks }),
    email: settings.emailFrom ? { sender: lazySesSender(), from: settings.emailFrom } : undefined,
    publicUrl,
    allowPrivateNetworks,
  };
}
