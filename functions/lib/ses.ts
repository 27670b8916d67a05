/**
 * The SES sender, in a module of its own so that delivery.ts can load it on the first email. It is imported
 * dynamically, and a dynamic import keeps every export of its target: importing the SES client package itself
 * that way would bundle all of its commands instead of the one used here.
 */
import { SESv2Client } from "@aws-sdk/client-sesv2";
import type { EmailSender } from "@storywire/channels";
import { createSesSender } from "@storywire/channels/email/ses";

export function sesSender(): EmailSender {
  return createSesSender({ client: new SESv2Client({}) });
}
