/** An alert as an email: subject "[Storywire] <storyline>: <title>", a plain-text part and an escaped HTML part. */
import type { Alert } from "@storywire/core";
import { EMAIL_SUBJECT_MAX, EMAIL_SUBJECT_PREFIX } from "../constants.ts";
import { ChannelConfigError } from "../errors.ts";
import { fit } from "../text/fit.ts";
import { alertPlainText, formatScore, framingScoresLine, relationLabel, sourceLine } from "../text/format.ts";
import { assertEmailAddress, senderDomain } from "./address.ts";
import { escapeHtml, htmlLink } from "./html.ts";
import type { EmailMessage } from "./types.ts";

export function emailSubject(alert: Alert, test = false): string {
  const prefix = test ? `${EMAIL_SUBJECT_PREFIX} Test:` : EMAIL_SUBJECT_PREFIX;
  return fit(`${prefix} ${alert.storyline.title}: ${alert.story.title}`, EMAIL_SUBJECT_MAX);
}

export function renderEmail(
  alert: Alert,
  options: { from: string; to: string; deliveryId?: string; test?: boolean },
): EmailMessage {
  const test = options.test === true;
  if (/[\r\n]/.test(options.from)) {
    throw new ChannelConfigError(
      "The email sender address must be a single line, such as Storywire <alerts@example.org>.",
    );
  }
  const message: EmailMessage = {
    from: options.from,
    to: assertEmailAddress(options.to, "recipient address"),
    subject: emailSubject(alert, test),
    text: alertPlainText(alert, test),
    html: emailHtml(alert, test),
  };
  if (options.deliveryId !== undefined) message.messageId = `<${options.deliveryId}@${senderDomain(options.from)}>`;
  return message;
}

const MUTED = 'style="color:#57606a;margin:0 0 8px"';

export function emailHtml(alert: Alert, test = false): string {
  const title = alert.story.url === null ? escapeHtml(alert.story.title) : htmlLink(alert.story.url, alert.story.title);
  const parts = [
    `<p ${MUTED}>${escapeHtml(relationLabel(alert, test))} in <strong>${escapeHtml(alert.storyline.title)}</strong></p>`,
    `<h2 style="margin:0 0 8px;font-size:20px">${title}</h2>`,
    `<p ${MUTED}>${escapeHtml(sourceLine(alert))}</p>`,
  ];
  if (alert.novel.length > 0) {
    const items = alert.novel.map((sentence) => `<li>${escapeHtml(sentence)}</li>`).join("");
    parts.push(`<h3 style="margin:16px 0 4px;font-size:16px">What's new</h3><ul>${items}</ul>`);
  }
  parts.push(`<p>Storyline score: <strong>${formatScore(alert.score)}</strong></p>`);
  if (alert.framing !== null) {
    parts.push(
      `<p>Framing: ${escapeHtml(alert.framing.summary)}<br><small ${MUTED}>${escapeHtml(framingScoresLine(alert.framing))}</small></p>`,
    );
  }
  parts.push(
    `<p>${htmlLink(alert.links.story, "Open in Storywire")} · ${htmlLink(alert.links.text, "Plain text")}</p>`,
  );
  return [
    "<!doctype html>",
    '<html><head><meta charset="utf-8">',
    `<title>${escapeHtml(emailSubject(alert, test))}</title></head>`,
    '<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.45">',
    ...parts,
    "</body></html>",
    "",
  ].join("\n");
}
