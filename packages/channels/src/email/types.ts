/** One email and the interface every transport (SMTP locally, SES in AWS) implements. */

export interface EmailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<id@domain>`: the same for every attempt at one delivery, where the transport lets us set it. */
  messageId?: string;
}

export interface EmailSender {
  /**
   * Sends one message. Throws a DeliveryError (with `retryable`, and the SMTP/HTTP status when there is one)
   * when it could not; the error message is a sentence and never repeats the server's reply text.
   */
  send(message: EmailMessage): Promise<{ messageId: string | null }>;
  close?(): void;
}
