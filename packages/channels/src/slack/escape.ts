/** Slack mrkdwn escaping: &, < and > are Slack's control characters (links, mentions such as <!channel>). */

export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A mrkdwn link `<url|label>`. The URL is http(s) and already WHATWG-serialized (so < and > are
 * percent-encoded); "|" would end the URL early, so it is percent-encoded too.
 */
export function slackLink(url: string, label: string): string {
  const safeUrl = url.replace(/\|/g, "%7C").replace(/&/g, "&amp;").replace(/</g, "%3C").replace(/>/g, "%3E");
  return `<${safeUrl}|${escapeSlack(label)}>`;
}
