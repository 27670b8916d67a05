/**
 * An alert as a Discord webhook message: one embed (title, url, description, fields, timestamp, colour per
 * relation). `allowed_mentions: { parse: [] }` means no feed text can ever ping @everyone, a role or a user.
 */
import type { Alert } from "@storywire/core";
import { DISCORD_COLORS, DISCORD_LIMITS } from "../constants.ts";
import { fit } from "../text/fit.ts";
import { formatScore, formatTime, framingScoresLine, relationLabel } from "../text/format.ts";
import { discordLink, escapeDiscord } from "./escape.ts";

export interface DiscordField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface DiscordEmbed {
  title: string;
  url?: string;
  description?: string;
  color: number;
  timestamp: string;
  fields: DiscordField[];
  footer: { text: string };
}

export interface DiscordMessage {
  username: string;
  content: string;
  embeds: DiscordEmbed[];
  allowed_mentions: { parse: [] };
}

/** Plain text escaped for Discord and cut (before escaping) to `max`. */
const md = (plain: string, max: number): string => fit(plain, max, escapeDiscord);

const field = (name: string, plain: string, inline: boolean): DiscordField => ({
  name,
  value: md(plain, DISCORD_LIMITS.fieldValue) || "-",
  inline,
});

export function renderDiscord(alert: Alert, options: { test?: boolean } = {}): DiscordMessage {
  const test = options.test === true;
  const relation = relationLabel(alert, test);
  const fields: DiscordField[] = [
    field("Storyline", alert.storyline.title, true),
    field("Relation", relation, true),
    field("Storyline score", formatScore(alert.score), true),
    field("Source", alert.story.source, true),
  ];
  const published = formatTime(alert.story.publishedAt);
  if (published !== "") fields.push(field("Published", published, true));
  if (alert.framing !== null) {
    fields.push(field(md(`Framing: ${alert.framing.label}`, 100), framingScoresLine(alert.framing), false));
  }
  fields.push({ name: "Links", value: linkLine(alert), inline: false });

  const embed: DiscordEmbed = {
    title: md(alert.story.title, DISCORD_LIMITS.title),
    color: test ? DISCORD_COLORS.test : DISCORD_COLORS[alert.relation],
    timestamp: alert.story.publishedAt ?? alert.createdAt,
    fields,
    footer: { text: "Storywire" },
  };
  if (alert.story.url !== null) embed.url = alert.story.url;
  const description = describe(alert);
  if (description !== "") embed.description = description;

  return {
    username: "Storywire",
    content: md(`${relation} in ${alert.storyline.title}`, DISCORD_LIMITS.content),
    embeds: [embed],
    allowed_mentions: { parse: [] },
  };
}

/** The framing summary, then the novel sentences as a list, within the description budget. */
function describe(alert: Alert): string {
  const parts: string[] = [];
  if (alert.framing !== null) parts.push(md(alert.framing.summary, 500));
  if (alert.novel.length > 0) {
    const items = alert.novel
      .slice(0, DISCORD_LIMITS.novelItems)
      .map((sentence) => `• ${md(sentence, DISCORD_LIMITS.novelItem)}`);
    const more = alert.novel.length - items.length;
    if (more > 0) items.push(`*and ${more} more*`);
    parts.push(`**What's new**\n${items.join("\n")}`);
  }
  return parts.join("\n\n");
}

/** Links to the article and Storywire, leaving out any that would push the field over its limit. */
function linkLine(alert: Alert): string {
  const links = [discordLink(alert.links.story, "Open in Storywire"), discordLink(alert.links.text, "Plain text")];
  if (alert.story.url !== null) links.unshift(discordLink(alert.story.url, "Read the story"));
  const kept = links.filter((link) => link.length <= 1000);
  let value = kept.join(" · ");
  while (value.length > 1024 && kept.length > 1) {
    kept.shift();
    value = kept.join(" · ");
  }
  return value.length > 1024 ? "-" : value;
}
