/**
 * The HTML part of emails, built with the same auto-escaping templates as the dashboard (hono/html): every value
 * placed in a template is escaped by the one HTML rule, so feed text never becomes markup; only fragments built
 * by these templates are placed as they are.
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type EmailHtml = HtmlEscapedString;

export const MUTED = "color:#57606a;margin:0 0 8px";

/** `<a href="...">label</a>` for a URL that passed core's httpUrl rule (the alert's links all did). */
export function htmlLink(url: string, label: string): EmailHtml {
  return html`<a href="${url}">${label}</a>` as EmailHtml;
}

/** The title, linked to the story when it has a URL. */
export function titleHtml(title: string, url: string | null): EmailHtml | string {
  return url === null ? title : htmlLink(url, title);
}

/** A whole email document around its body. */
export function emailDocument(title: string, body: EmailHtml[]): string {
  return html`<!doctype html>
<html><head><meta charset="utf-8">
<title>${title}</title></head>
<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.45">
${body.map((part) => html`${part}\n`)}</body></html>
`.toString();
}
