/**
 * A digest as one Discord webhook message: "Storywire digest: N alerts" as the content and one embed per alert,
 * at most ten (Discord's limit per message); past ten the content says "…and N more". All embeds together stay
 * under Discord's 6000 characters. Mentions are disabled and feed text is escaped, as for single alerts.
 */
import type { Alert } from "@storywire/core";
import { DISCORD_COLORS, DISCORD_LIMITS } from "../constants.ts";
import { escapeDiscord } from "../discord/escape.ts";
import type { DiscordEmbed, DiscordMessage } from "../discord/render.ts";
import { fit } from "../text/fit.ts";
import { relationLabel, sourceLine } from "../text/format.ts";
import { DISCORD_DIGEST_LIMITS } from "./constants.ts";
import { assertDigest, digestHeadline, moreLine } from "./summary.ts";
import type { Digest } from "./types.ts";

/** Plain text escaped for Discord and cut (before escaping) to `max`. */
const md = (plain: string, max: number): string => fit(plain, max, escapeDiscord);

export function renderDiscordDigest(digest: Digest): DiscordMessage {
  const { alerts } = assertDigest(digest);
  const shown = alerts.slice(0, DISCORD_DIGEST_LIMITS.embeds);
  const lines = [digestHeadline(digest)];
  if (alerts.length > shown.length) lines.push(moreLine(alerts.length - shown.length));
  return {
    username: "Storywire",
    content: lines.map((line) => md(line, DISCORD_LIMITS.content)).join("\n"),
    embeds: shown.map(alertEmbed),
    allowed_mentions: { parse: [] },
  };
}

function alertEmbed(alert: Alert): DiscordEmbed {
  const context = `${relationLabel(alert)} in ${alert.storyline.title} · ${sourceLine(alert)}`;
  const parts = [md(context, DISCORD_DIGEST_LIMITS.contextLine)];
  const first = alert.novel[0];
  if (first !== undefined) parts.push(`**What's new:** ${md(first, DISCORD_DIGEST_LIMITS.novel)}`);
  const embed: DiscordEmbed = {
    title: md(alert.story.title, DISCORD_DIGEST_LIMITS.title),
    description: parts.join("\n"),
    color: DISCORD_COLORS[alert.relation],
    timestamp: alert.story.publishedAt ?? alert.createdAt,
    fields: [],
    footer: { text: "Storywire" },
  };
  if (alert.story.url !== null) embed.url = alert.story.url;
  return embed;
}
