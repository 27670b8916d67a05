export { assertEmailAddress } from "./address.ts";
export { emailHtml, emailSubject, renderEmail } from "./render.ts";
export { createSesSender, type SesClientLike, type SesSenderOptions, sesEmailInput } from "./ses.ts";
export { createSmtpTransport, type SmtpOptions } from "./smtp.ts";
export type { EmailMessage, EmailSender } from "./types.ts";
