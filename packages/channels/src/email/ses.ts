/** The Amazon SES v2 EmailSender: one SendEmailCommand with Simple content (subject, text and HTML bodies). */
import { SendEmailCommand, type SendEmailCommandInput } from "@aws-sdk/client-sesv2";
import { DeliveryError } from "../errors.ts";
import type { EmailMessage, EmailSender } from "./types.ts";

/** The part of SESv2Client the sender uses, so tests can pass a stand-in that records the command. */
export interface SesClientLike {
  send(command: SendEmailCommand): Promise<{ MessageId?: string | undefined }>;
}

export interface SesSenderOptions {
  client: SesClientLike;
  /** An SES configuration set for event publishing (bounces, complaints), when the deployment has one. */
  configurationSetName?: string;
}

/** SES error names that clear up on their own: throttling and service trouble. */
const TRANSIENT_NAMES = new Set([
  "TooManyRequestsException",
  "LimitExceededException",
  "ThrottlingException",
  "InternalFailure",
  "ServiceUnavailable",
  "TimeoutError",
]);

export function sesEmailInput(message: EmailMessage, configurationSetName?: string): SendEmailCommandInput {
  const utf8 = (data: string) => ({ Data: data, Charset: "UTF-8" });
  return {
    FromEmailAddress: message.from,
    Destination: { ToAddresses: [message.to] },
    Content: {
      Simple: {
        Subject: utf8(message.subject),
        Body: { Text: utf8(message.text), Html: utf8(message.html) },
      },
    },
    ...(configurationSetName === undefined ? {} : { ConfigurationSetName: configurationSetName }),
  };
}

export function createSesSender(options: SesSenderOptions): EmailSender {
  return {
    async send(message: EmailMessage) {
      try {
        const output = await options.client.send(
          new SendEmailCommand(sesEmailInput(message, options.configurationSetName)),
        );
        return { messageId: output.MessageId ?? null };
      } catch (error) {
        throw sesError(error);
      }
    },
  };
}

/** Throttling, 5xx and network failures retry; other 4xx (rejected message, unverified sender) do not. */
function sesError(error: unknown): DeliveryError {
  const { name, $metadata, $retryable } = (error ?? {}) as {
    name?: unknown;
    $metadata?: { httpStatusCode?: number };
    $retryable?: unknown;
  };
  const status = $metadata?.httpStatusCode;
  const errorName = typeof name === "string" ? name : "Error";
  const retryable =
    $retryable !== undefined ||
    TRANSIENT_NAMES.has(errorName) ||
    status === undefined ||
    status === 429 ||
    status >= 500;
  const statusText = status === undefined ? "" : `, HTTP ${status}`;
  return new DeliveryError(`Amazon SES did not send the email (${errorName}${statusText}).`, {
    retryable,
    ...(status === undefined ? {} : { status }),
    cause: error,
  });
}
