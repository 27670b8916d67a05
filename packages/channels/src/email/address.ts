/** The minimal checks an email address gets before a message is addressed to it. */
import { ChannelConfigError } from "../errors.ts";
import type { EmailMessage } from "./types.ts";

const MAX_ADDRESS = 254;
// One mailbox: no spaces, brackets, commas or quotes (so no header tricks or extra recipients), a dotted domain.
const MAILBOX = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+\.[^\s@<>,;:"()[\]\\.]+$/;

/** Returns the address when it is a single plain mailbox; throws a ChannelConfigError saying what to use instead. */
export function assertEmailAddress(address: unknown, field = "email address"): string {
  if (typeof address !== "string" || address.length > MAX_ADDRESS || !MAILBOX.test(address)) {
    throw new ChannelConfigError(
      `The ${field} ${JSON.stringify(String(address).slice(0, 100))} is not valid; use one plain address such as alerts@example.org.`,
    );
  }
  return address;
}

/** The domain of a sender such as "Storywire <alerts@example.org>", for Message-IDs; a placeholder otherwise. */
export function senderDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? "storywire.invalid";
}

/**
 * An email addressed from `from` to `to`: the sender checked to be one line (no header injection), the recipient
 * one plain mailbox, and `id` (a message id of core ids.ts) as the Message-ID under the sender's domain.
 */
export function addressedEmail(
  envelope: { from: string; to: string; id?: string },
  content: Pick<EmailMessage, "subject" | "text" | "html">,
): EmailMessage {
  if (/[\r\n]/.test(envelope.from)) {
    throw new ChannelConfigError(
      "The email sender address must be a single line, such as Storywire <alerts@example.org>.",
    );
  }
  const message: EmailMessage = {
    from: envelope.from,
    to: assertEmailAddress(envelope.to, "recipient address"),
    ...content,
  };
  if (envelope.id !== undefined) message.messageId = `<${envelope.id}@${senderDomain(envelope.from)}>`;
  return message;
}
