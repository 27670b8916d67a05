/**
 * Email in Lambda: Amazon SES, when an `EmailFrom` sender is linked (or STORYWIRE_EMAIL_FROM set). Used by the
 * deliver function and by the API's test alerts, through the composition root's `email` part.
 *
 * SES is loaded on the first email only: most deliveries are webhooks, and a container that never sends email
 * never initializes the SES client.
 */
import type { EmailMessage, EmailSender } from "@storywire/channels";
import type { Config } from "@storywire/pipeline/config";

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

/** The `email` part: SES when a sender address is configured (SES sends only from a verified one), else none. */
export function emailSender(config: Config): { email?: EmailSender } {
  return config.emailFrom ? { email: lazySesSender() } : {};
}
