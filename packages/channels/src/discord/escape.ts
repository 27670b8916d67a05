/**
 * Discord markdown escaping. A backslash before any punctuation shows that character literally, so every
 * character that can start formatting, a link, a quote, a heading, a list, a mention or an emoji gets one.
 */
const MARKDOWN_CHARS = /[\\*_~`|<>[\]()#@:-]/g;

export function escapeDiscord(text: string): string {
  return text.replace(MARKDOWN_CHARS, (char) => `\\${char}`);
}

/** A masked link `[label](url)`; the URL is http(s) and WHATWG-serialized, with parentheses percent-encoded. */
export function discordLink(url: string, label: string): string {
  const safeUrl = url.replace(/\(/g, "%28").replace(/\)/g, "%29").replace(/ /g, "%20");
  return `[${escapeDiscord(label)}](${safeUrl})`;
}
