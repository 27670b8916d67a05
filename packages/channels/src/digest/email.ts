/**
 * A digest as one email: subject "[Storywire] Digest: N alerts", a plain-text part with every alert in full,
 * and an HTML part listing them (title linked, relation, storyline, source, new sentences, links), built with the
 * auto-escaping templates of email/html.ts, as single-alert emails are.
 */
import type { Alert } from "@storywire/core";
import { html } from "hono/html";
import { EMAIL_SUBJECT_MAX, EMAIL_SUBJECT_PREFIX } from "../constants.ts";
import { addressedEmail } from "../email/address.ts";
import { type EmailHtml, emailDocument, htmlLink, MUTED, titleHtml } from "../email/html.ts";
import type { EmailMessage } from "../email/types.ts";
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
  return addressedEmail(options, {
    subject: digestEmailSubject(digest),
    text: digestPlainText(digest),
    html: digestHtml(digest),
  });
}

/** The text part: a heading line, then each alert as a single-alert email would show it, numbered. */
export function digestPlainText(digest: Digest): string {
  const total = digest.alerts.length;
  const sections = digest.alerts.map((alert, i) => `--- ${i + 1} of ${total} ---\n${alertPlainText(alert)}`);
  return `${periodLabel(digest)} from Storywire: ${alertCount(total)}\n\n${sections.join("\n")}`;
}

export function digestHtml(digest: Digest): string {
  return emailDocument(digestEmailSubject(digest), [
    html`<h1 style="margin:0 0 4px;font-size:22px">${digestHeadline(digest)}</h1>` as EmailHtml,
    html`<p style="${MUTED}">${periodLabel(digest)}</p>` as EmailHtml,
    ...digest.alerts.map(alertHtml),
  ]);
}

function alertHtml(alert: Alert): EmailHtml {
  return html`<hr style="border:0;border-top:1px solid #d0d7de;margin:16px 0">
<h2 style="margin:0 0 4px;font-size:18px">${titleHtml(alert.story.title, alert.story.url)}</h2>
<p style="${MUTED}">${relationLabel(alert)} in <strong>${alert.storyline.title}</strong> · ${sourceLine(alert)}</p>
${
  alert.novel.length > 0
    ? html`<ul>${alert.novel.map((sentence) => html`<li>${sentence}</li>`)}</ul>
`
    : ""
}<p>${htmlLink(alert.links.story, "Open in Storywire")} · ${htmlLink(alert.links.text, "Plain text")}</p>` as EmailHtml;
}
