import { HOSTILE_TITLE, testAlert } from "@storywire/channels/test-support/alerts";
import { testDigest } from "@storywire/channels/test-support/digests";
import { describe, expect, it } from "vitest";
import { SLACK_LIMITS } from "../constants.ts";
import type { SlackBlock } from "../slack/render.ts";
import { SLACK_DIGEST_LIMITS } from "./constants.ts";
import { renderSlackDigest } from "./slack.ts";

const sectionTexts = (blocks: SlackBlock[]) =>
  blocks.flatMap((block) => (block.type === "section" ? [block.text.text] : []));

describe("renderSlackDigest", () => {
  it("has a header and one section per alert: linked title, relation, storyline, source, first new sentence", () => {
    const message = renderSlackDigest(testDigest(3));
    expect(message.blocks.map((block) => block.type)).toEqual(["header", "section", "section", "section"]);
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Storywire digest: 3 alerts", emoji: false },
    });
    expect(sectionTexts(message.blocks)[1]).toBe(
      "*<https://news.example.org/articles/ceasefire-talks|Story 2>*\n" +
        "Update in *Ukraine ceasefire and peace talks* · Example News · 2025-05-16 07:30 UTC\n" +
        "*What's new:* New fact number 2.",
    );
    expect(message.text).toBe("[Storywire] Hourly digest: 3 alerts");
    expect(message).toMatchObject({ unfurl_links: false, unfurl_media: false });
  });

  it("says 1 alert, leaves out the new-sentence line for a first report, and links to Storywire without a URL", () => {
    const alert = testAlert({ relation: "first", story: { url: null } });
    const message = renderSlackDigest({ period: "daily", alerts: [alert] });
    expect(message.blocks[0]).toMatchObject({ text: { text: "Storywire digest: 1 alert" } });
    expect(sectionTexts(message.blocks)).toEqual([
      `*<${alert.links.story}|Talks on a ceasefire resume in Istanbul>*\n` +
        "New story in *Ukraine ceasefire and peace talks* · Example News · 2025-05-16 07:30 UTC",
    ]);
    expect(message.text).toBe("[Storywire] Daily digest: 1 alert");
  });

  it.each([
    [49, 50, 0],
    [50, 50, 2],
    [120, 50, 72],
  ])("with %i alerts uses %i blocks and says how many more (%i)", (count, blocks, more) => {
    const message = renderSlackDigest(testDigest(count));
    expect(message.blocks).toHaveLength(blocks);
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_DIGEST_LIMITS.blocks);
    const last = message.blocks.at(-1) as SlackBlock;
    if (more === 0) {
      expect(last.type).toBe("section");
    } else {
      expect(last).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: `…and ${more} more` }] });
      expect(sectionTexts(message.blocks)).toHaveLength(48);
    }
    expect(message.blocks[0]).toMatchObject({ text: { text: `Storywire digest: ${count} alerts` } });
  });

  it("escapes feed text so nothing can ping or inject links, and keeps the header verbatim plain_text", () => {
    const hostile = testAlert({
      story: { title: HOSTILE_TITLE, source: "<!here> & co" },
      storyline: { id: "x", title: "<@U1> *x*" },
      novel: ["<!channel> a > b"],
    });
    const message = renderSlackDigest({ period: "hourly", alerts: [hostile] });
    const [text = ""] = sectionTexts(message.blocks);
    expect(text).not.toMatch(/<![a-z]|<@|<script/);
    // Every remaining < opens our own link.
    expect(text.replace(/<https:\/\/[^|>]+\|[^>]+>/g, "")).not.toContain("<");
    expect(text).toContain("|&lt;!channel&gt; @everyone &lt;script&gt;alert(1)&lt;/script&gt; &amp; *bold*");
    expect(text).toContain("in *&lt;@U1&gt; *x** · &lt;!here&gt; &amp; co");
    expect(text).toContain("*What's new:* &lt;!channel&gt; a &gt; b");
  });

  it("keeps every section within Slack's 3000 characters, cutting with … and never inside an escape", () => {
    const long = "<&> ".repeat(3000);
    const alert = testAlert({
      story: { title: long, source: long, url: `https://news.example.org/${"a".repeat(2500)}` },
      storyline: { id: "x", title: long },
      novel: [long],
    });
    const message = renderSlackDigest({ period: "hourly", alerts: [alert, alert] });
    for (const text of sectionTexts(message.blocks)) {
      expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.section);
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
      expect(text).toContain("…");
      // The article URL is too long to fit, so the title links to Storywire instead.
      expect(text.startsWith(`*<${alert.links.story}|`)).toBe(true);
    }
  });
});
