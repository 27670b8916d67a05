import { HOSTILE_TITLE, testAlert } from "@storywire/channels/test-support/alerts";
import { describe, expect, it } from "vitest";
import { SLACK_LIMITS } from "../constants.ts";
import { escapeSlack, slackLink } from "./escape.ts";
import { renderSlack, type SlackBlock } from "./render.ts";

/** Every mrkdwn string in the message: the fallback text, section texts and context elements. */
function mrkdwnTexts(blocks: SlackBlock[]): string[] {
  return blocks.flatMap((block) => {
    if (block.type === "context") return block.elements.map((element) => element.text);
    return block.text.type === "mrkdwn" ? [block.text.text] : [];
  });
}

describe("renderSlack", () => {
  it("builds header, storyline section, novel list, framing, context and links, with a text fallback", () => {
    const message = renderSlack(testAlert());
    expect(message.blocks.map((block) => block.type)).toEqual([
      "header",
      "section",
      "section",
      "section",
      "context",
      "section",
    ]);
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Talks on a ceasefire resume in Istanbul", emoji: false },
    });
    const texts = mrkdwnTexts(message.blocks);
    expect(texts[0]).toBe("*Update* in *Ukraine ceasefire and peace talks*");
    expect(texts[1]).toBe("*What's new*\n• Peskov said the memorandum is ready.\n• The next round is set for 2 June.");
    expect(texts[2]).toBe("*Framing:* Relies on Kremlin sources and uses Russian place names.");
    expect(texts[3]).toBe("Example News · 2025-05-16 07:30 UTC");
    expect(texts[4]).toBe("Storyline score 0.82");
    expect(texts[5]).toContain("stance +0.20 · loaded 0.25");
    expect(texts[6]).toBe(
      "<https://news.example.org/articles/ceasefire-talks|Read the story>  ·  " +
        "<https://storywire.example.org/api/stories/1d6d5fc977bff7a7|Open in Storywire>  ·  " +
        "<https://storywire.example.org/api/stories/1d6d5fc977bff7a7.txt|Plain text>",
    );
    expect(message.text).toBe(
      "[Storywire] Update in Ukraine ceasefire and peace talks: Talks on a ceasefire resume in Istanbul (Example News)",
    );
    expect(message).toMatchObject({ unfurl_links: false, unfurl_media: false });
  });

  it("leaves out the novel list and framing when there are none, and says New story", () => {
    const message = renderSlack(testAlert({ relation: "first", framing: null }));
    expect(message.blocks.map((block) => block.type)).toEqual(["header", "section", "context", "section"]);
    expect(mrkdwnTexts(message.blocks)[0]).toBe("*New story* in *Ukraine ceasefire and peace talks*");
    expect(renderSlack(testAlert(), { test: true }).text.startsWith("[Storywire] Test in")).toBe(true);
  });

  it("escapes &, < and > from feed text everywhere mrkdwn is parsed, so <!channel> cannot ping", () => {
    const message = renderSlack(
      testAlert({ story: { title: HOSTILE_TITLE, source: "<!here> & co" }, novel: ["<!channel> <@U123> a > b"] }),
    );
    const texts = [message.text, ...mrkdwnTexts(message.blocks)];
    for (const text of texts) {
      expect(text).not.toMatch(/<![a-z]|<@|<script/);
      // Every remaining < belongs to one of our own links.
      expect(text.replace(/<https:\/\/[^|>]+\|[^>]+>/g, "")).not.toContain("<");
    }
    expect(message.text).toContain("&lt;!channel&gt; @everyone &lt;script&gt;alert(1)&lt;/script&gt; &amp; *bold*");
    expect(texts).toContain("*What's new*\n• &lt;!channel&gt; &lt;@U123&gt; a &gt; b");
    expect(texts).toContain("&lt;!here&gt; &amp; co · 2025-05-16 07:30 UTC");
    // The header is plain_text, which Slack never parses: the title goes in verbatim.
    expect(message.blocks[0]).toMatchObject({ text: { type: "plain_text", text: HOSTILE_TITLE } });
  });

  it("truncates long text with … within Slack's limits, never inside an escape", () => {
    const long = "<&> ".repeat(2000);
    const novel = Array.from({ length: 8 }, (_, i) => `${i} ${long}`);
    const message = renderSlack(testAlert({ story: { title: long, source: long }, novel }));
    const header = message.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.header);
    expect(header.text.text.endsWith("…")).toBe(true);
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    for (const text of mrkdwnTexts(message.blocks)) {
      expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.section);
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    const novelText = mrkdwnTexts(message.blocks)[1] as string;
    expect(novelText.split("\n•")).toHaveLength(SLACK_LIMITS.novelItems + 1);
    expect(novelText.endsWith("_and 5 more_")).toBe(true);
  });
});

describe("Slack escaping", () => {
  it.each([
    ["a & b", "a &amp; b"],
    ["<!channel>", "&lt;!channel&gt;"],
    ["&amp;", "&amp;amp;"],
    ["plain *text*", "plain *text*"],
  ])("escapeSlack(%j) = %j", (input, expected) => {
    expect(escapeSlack(input)).toBe(expected);
  });

  it("keeps a | in a URL from ending the link early", () => {
    expect(slackLink("https://x.example/a|b?c=1&d=2", "<go>")).toBe("<https://x.example/a%7Cb?c=1&amp;d=2|&lt;go&gt;>");
  });
});
