/** An alert as an email: subject "[Storywire] <storyline>: <title>", a plain-text part and an escaped HTML part. */
import type { Alert } from "@storywire/core";
import { html } from "hono/html";
import { EMAIL_SUBJECT_MAX, EMAIL_SUBJECT_PREFIX } from "../constants.ts";
import { fit } from "../text/fit.ts";
import { alertPlainText, formatScore, framingScoresLine, relationLabel, sourceLine } from "../text/format.ts";
import { addressedEmail } from "./address.ts";
import { type EmailHtml, emailDocument, htmlLink, MUTED, titleHtml } from "./html.ts";
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
  return addressedEmail(
    { from: options.from, to: options.to, id: options.deliveryId },
    { subject: emailSubject(alert, test), text: alertPlainText(alert, test), html: emailHtml(alert, test) },
  );
}

export function emailHtml(alert: Alert, test = false): string {
  const parts: EmailHtml[] = [
    html`<p style="${MUTED}">${relationLabel(alert, test)} in <strong>${alert.storyline.title}</strong></p>`,
    html`<h2 style="margin:0 0 8px;font-size:20px">${titleHtml(alert.story.title, alert.story.url)}</h2>`,
    html`<p style="${MUTED}">${sourceLine(alert)}</p>`,
  ] as EmailHtml[];
  if (alert.novel.length > 0) {
    parts.push(
      html`<h3 style="margin:16px 0 4px;font-size:16px">What's new</h3><ul>${alert.novel.map((sentence) => html`<li>${sentence}</li>`)}</ul>` as EmailHtml,
    );
  }
  parts.push(html`<p>Storyline score: <strong>${formatScore(alert.score)}</strong></p>` as EmailHtml);
  if (alert.framing !== null) {
    parts.push(
      html`<p>Framing: ${alert.framing.summary}<br><small style="${MUTED}">${framingScoresLine(alert.framing)}</small></p>` as EmailHtml,
    );
  }
  parts.push(
    html`<p>${htmlLink(alert.links.story, "Open in Storywire")} · ${htmlLink(alert.links.text, "Plain text")}</p>` as EmailHtml,
  );
  return emailDocument(emailSubject(alert, test), parts);
}
