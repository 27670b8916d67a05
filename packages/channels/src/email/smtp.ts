/** The SMTP EmailSender (nodemailer): for local mode, tests, and anyone who prefers their own mail server. */
import { createTransport } from "nodemailer";
import { DEFAULT_TIMEOUT_MS } from "../constants.ts";
import { DeliveryError } from "../errors.ts";
import type { EmailMessage, EmailSender } from "./types.ts";

export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the first byte (usually port 465); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  auth?: { user: string; pass: string };
  /** Refuse to send unless the connection is upgraded with STARTTLS. */
  requireTLS?: boolean;
  timeoutMs?: number;
}

/** Connection-level failures nodemailer reports by code: worth another try later. */
const TRANSIENT_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "EAUTH", "EPROTOCOL"]);

export function createSmtpTransport(options: SmtpOptions): EmailSender {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure,
    requireTLS: options.requireTLS ?? false,
    ...(options.auth === undefined ? {} : { auth: options.auth }),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  const where = `${options.host}:${options.port}`;
  return {
    async send(message: EmailMessage) {
      try {
        const info = await transport.sendMail({
          from: message.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          ...(message.messageId === undefined ? {} : { messageId: message.messageId }),
        });
        return { messageId: typeof info.messageId === "string" ? info.messageId : null };
      } catch (error) {
        throw smtpError(error, where);
      }
    },
    close() {
      transport.close();
    },
  };
}

/** A DeliveryError for a nodemailer failure: SMTP 4xx and connection problems retry, 5xx does not. */
function smtpError(error: unknown, where: string): DeliveryError {
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === "number") {
    const permanent = responseCode >= 500;
    const what = permanent ? "refused the message" : "deferred the message";
    return new DeliveryError(`The mail server at ${where} ${what} (SMTP ${responseCode}).`, {
      retryable: !permanent,
      status: responseCode,
      cause: error,
    });
  }
  const codeText = typeof code === "string" ? code : "unknown error";
  return new DeliveryError(
    `Could not send email through ${where} (${codeText}); check that the server is up and the SMTP settings are right.`,
    {
      retryable: typeof code !== "string" || TRANSIENT_CODES.has(code),
      cause: error,
    },
  );
}
