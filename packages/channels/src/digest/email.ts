/**
 * A digest as one email: subject "[Storywire] Digest: N alerts", a plain-text part with every alert in full,
 * and an HTML part listing them (title linked, relation, storyline, source, new sentences, links). Every
 * feed-derived string in the HTML goes through escapeHtml, as in single-alert emails.
 */
import type { Alert } from "@storywire/core";
import { EMAIL_SUBJECT_MAX, EMAIL_SUBJECT_PREFIX } from "../constants.ts";
import { assertEmailAddress, senderDomain } from "../email/address.ts";
import { escapeHtml, htmlLink } from "../email/html.ts";
import type { EmailMessage } from "../email/types.ts";
import { ChannelConfigError } from "../errors.ts";
import { fit } from "../text/fit.ts";
import { alertPlainText, relationLabel, sourceLine } from "../text/format.ts";
import { alertCount, assertDigest, digestHeadline, periodLabel } from "./summary.ts";
import type { Digest } from "./types.ts";

export function digestEmailSubject(digest: Digest): string {
  return fit(`${EMAIL_SUBJECT_PREFIX} Digest: ${alertCount(digest.alerts.length)}`, EMAIL_SUBJECT_MAX);
}

/** `id` (digestMessageId) becomes the Message-ID, so a resend of the same digest can be recognised. */
export function renderDigestEmail(digest: Digest, options: { from: string; to: string; id?: string }): EmailMessage {
  assertDigest(digest);
  if (/[\r\n]/.test(options.from)) {
    throw new ChannelConfigError(
      "The digest's sender address must be a single line, such as Storywire <alerts@example.org>.",
    );
  }
  const message: EmailMessage = {
    from: options.from,
    to: assertEmailAddress(options.to, "recipient address"),
    subject: digestEmailSubject(digest),
    text: digestPlainText(digest),
    html: digestHtml(digest),
  };
  if (options.id !== undefined) message.messageId = `<${options.id}@${senderDomain(options.from)}>`;
  return message;
}

/** The text part: a heading line, then each alert as a single-alert email would show it, numbered. */
export function digestPlainText(digest: Digest): string {
  const total = digest.alerts.length;
  const sections = digest.alerts.map((alert, i) => `--- ${i + 1} of ${total} ---\n${alertPlainText(alert)}`);
  return `${periodLabel(digest)} from Storywire: ${alertCount(total)}\n\n${sections.join("\n")}`;
}

const MUTED = 'style="color:#57606a;margin:0 0 8px"';

export function digestHtml(digest: Digest): string {
  return [
    "<!doctype html>",
    '<html><head><meta charset="utf-8">',
    `<title>${escapeHtml(digestEmailSubject(digest))}</title></head>`,
    '<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.45">',
    `<h1 style="margin:0 0 4px;font-size:22px">${escapeHtml(digestHeadline(digest))}</h1>`,
    `<p ${MUTED}>${escapeHtml(periodLabel(digest))}</p>`,
    ...digest.alerts.map(alertHtml),
    "</body></html>",
    "",
  ].join("\n");
}

function alertHtml(alert: Alert): string {
  const title = alert.story.url === null ? escapeHtml(alert.story.title) : htmlLink(alert.story.url, alert.story.title);
  const parts = [
    '<hr style="border:0;border-top:1px solid #d0d7de;margin:16px 0">',
    `<h2 style="margin:0 0 4px;font-size:18px">${title}</h2>`,
    `<p ${MUTED}>${escapeHtml(relationLabel(alert))} in <strong>${escapeHtml(alert.storyline.title)}</strong> · ${escapeHtml(sourceLine(alert))}</p>`,
  ];
  if (alert.novel.length > 0) {
    parts.push(`<ul>${alert.novel.map((sentence) => `<li>${escapeHtml(sentence)}</li>`).join("")}</ul>`);
  }
  parts.push(
    `<p>${htmlLink(alert.links.story, "Open in Storywire")} · ${htmlLink(alert.links.text, "Plain text")}</p>`,
  );
  return parts.join("\n");
}
