/**
 * A digest as one Slack incoming-webhook message: a header "Storywire digest: N alerts", then one section per
 * alert (title linked to the article, relation, storyline, source and time, the first new sentence). Slack
 * takes at most 50 blocks, so past 49 alerts the last block says "…and N more". Escaping as for single alerts.
 */
import type { Alert } from "@storywire/core";
import { SLACK_LIMITS } from "../constants.ts";
import { escapeSlack, slackLink } from "../slack/escape.ts";
import type { SlackBlock, SlackMessage } from "../slack/render.ts";
import { fit } from "../text/fit.ts";
import { relationLabel, sourceLine } from "../text/format.ts";
import { SLACK_DIGEST_LIMITS } from "./constants.ts";
import { alertCount, assertDigest, digestHeadline, moreLine, periodLabel } from "./summary.ts";
import type { Digest } from "./types.ts";

export function renderSlackDigest(digest: Digest): SlackMessage {
  const { alerts } = assertDigest(digest);
  const room = SLACK_DIGEST_LIMITS.blocks - 1; // every block but the header
  const shown = alerts.length <= room ? alerts : alerts.slice(0, room - 1);
  const blocks: SlackBlock[] = [
    // plain_text is never parsed for mrkdwn, links or mentions.
    {
      type: "header",
      text: { type: "plain_text", text: fit(digestHeadline(digest), SLACK_LIMITS.header), emoji: false },
    },
    ...shown.map(alertSection),
  ];
  const more = alerts.length - shown.length;
  if (more > 0) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: escapeSlack(moreLine(more)) }] });
  const text = fit(`[Storywire] ${periodLabel(digest)}: ${alertCount(alerts.length)}`, SLACK_LIMITS.fallbackText);
  return { text: escapeSlack(text), blocks, unfurl_links: false, unfurl_media: false };
}

/** One alert: its linked title, where it belongs, and its first new sentence; under Slack's 3000 characters. */
function alertSection(alert: Alert): SlackBlock {
  const storyline = fit(alert.storyline.title, SLACK_DIGEST_LIMITS.storyline, escapeSlack);
  const source = fit(sourceLine(alert), SLACK_DIGEST_LIMITS.sourceLine, escapeSlack);
  const lines = [titleLine(alert), `${relationLabel(alert)} in *${storyline}* · ${source}`];
  const first = alert.novel[0];
  if (first !== undefined) lines.push(`*What's new:* ${fit(first, SLACK_DIGEST_LIMITS.novel, escapeSlack)}`);
  return { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } };
}

/** The title linked to the article (else to Storywire); unlinked when every URL is too long for the section. */
function titleLine(alert: Alert): string {
  const label = fit(alert.story.title, SLACK_DIGEST_LIMITS.titleLabel);
  for (const url of [alert.story.url, alert.links.story]) {
    if (url === null) continue;
    const line = `*${slackLink(url, label)}*`;
    if (line.length <= SLACK_DIGEST_LIMITS.titleLine) return line;
  }
  return `*${escapeSlack(label)}*`;
}
