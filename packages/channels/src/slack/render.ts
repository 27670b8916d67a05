/** An alert as a Slack incoming-webhook message: Block Kit blocks plus a plain `text` fallback for notifications. */
import type { Alert } from "@storywire/core";
import { SLACK_LIMITS } from "../constants.ts";
import { fit } from "../text/fit.ts";
import { formatScore, framingScoresLine, relationLabel, sourceLine } from "../text/format.ts";
import { escapeSlack, slackLink } from "./escape.ts";

interface TextObject {
  type: "plain_text" | "mrkdwn";
  text: string;
  emoji?: boolean;
}

export type SlackBlock =
  | { type: "header"; text: TextObject }
  | { type: "section"; text: TextObject }
  | { type: "context"; elements: TextObject[] };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
  unfurl_links: boolean;
  unfurl_media: boolean;
}

/** Plain text as a mrkdwn object: escaped, and cut (before escaping) to `max`. */
const mrkdwn = (plain: string, max: number): TextObject => ({ type: "mrkdwn", text: fit(plain, max, escapeSlack) });

/** A section of mrkdwn that was assembled (and escaped) piece by piece, each piece within its own budget. */
const section = (text: string): SlackBlock => ({ type: "section", text: { type: "mrkdwn", text } });

export function renderSlack(alert: Alert, options: { test?: boolean } = {}): SlackMessage {
  const relation = relationLabel(alert, options.test === true);
  const blocks: SlackBlock[] = [
    // plain_text is never parsed for mrkdwn, links or mentions: the title goes in as it is.
    { type: "header", text: { type: "plain_text", text: fit(alert.story.title, SLACK_LIMITS.header), emoji: false } },
    section(`*${relation}* in *${fit(alert.storyline.title, 200, escapeSlack)}*`),
  ];
  if (alert.novel.length > 0) blocks.push(section(novelList(alert.novel)));
  if (alert.framing !== null) blocks.push(section(`*Framing:* ${fit(alert.framing.summary, 500, escapeSlack)}`));

  const context = [mrkdwn(sourceLine(alert), SLACK_LIMITS.contextElement)];
  context.push(mrkdwn(`Storyline score ${formatScore(alert.score)}`, SLACK_LIMITS.contextElement));
  if (alert.framing !== null) context.push(mrkdwn(framingScoresLine(alert.framing), SLACK_LIMITS.contextElement));
  blocks.push({ type: "context", elements: context }, section(linkLine(alert)));

  return { text: fallbackText(alert, relation), blocks, unfurl_links: false, unfurl_media: false };
}

/** Up to three novel sentences as a bullet list, with a count of the rest. */
function novelList(novel: readonly string[]): string {
  const items = novel
    .slice(0, SLACK_LIMITS.novelItems)
    .map((sentence) => `• ${fit(sentence, SLACK_LIMITS.novelItem, escapeSlack)}`);
  const more = novel.length - items.length;
  if (more > 0) items.push(`_and ${more} more_`);
  return `*What's new*\n${items.join("\n")}`;
}

/** Links to the article and to Storywire; a link that would push the section over Slack's limit is left out. */
function linkLine(alert: Alert): string {
  const candidates = [
    [alert.links.story, "Open in Storywire"],
    [alert.links.text, "Plain text"],
  ];
  if (alert.story.url !== null) candidates.unshift([alert.story.url, "Read the story"]);
  const separator = "  ·  ";
  let line = "";
  for (const [url = "", label = ""] of candidates) {
    const link = slackLink(url, label);
    const next = line === "" ? link : `${line}${separator}${link}`;
    if (next.length <= SLACK_LIMITS.section) line = next;
  }
  return line === "" ? "(links too long to show)" : line;
}

/** The notification text: "[Storywire] Update in <storyline>: <title> (<source>)", escaped for mrkdwn. */
function fallbackText(alert: Alert, relation: string): string {
  const plain = `[Storywire] ${relation} in ${alert.storyline.title}: ${alert.story.title} (${alert.story.source})`;
  return fit(plain, SLACK_LIMITS.fallbackText, escapeSlack);
}
