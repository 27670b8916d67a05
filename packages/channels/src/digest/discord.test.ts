import { HOSTILE_TITLE, testAlert } from "@storywire/channels/test-support/alerts";
import { testDigest } from "@storywire/channels/test-support/digests";
import { describe, expect, it } from "vitest";
import { DISCORD_COLORS, DISCORD_LIMITS } from "../constants.ts";
import type { DiscordEmbed } from "../discord/render.ts";
import { DISCORD_DIGEST_LIMITS } from "./constants.ts";
import { renderDiscordDigest } from "./discord.ts";

/** What Discord counts against the 6000 characters of all embeds of one message. */
const embedsLength = (embeds: DiscordEmbed[]) =>
  embeds.reduce((sum, e) => sum + e.title.length + (e.description?.length ?? 0) + e.footer.text.length, 0);

describe("renderDiscordDigest", () => {
  it("sends the headline as content and one embed per alert, mentions disabled", () => {
    const message = renderDiscordDigest(testDigest(2));
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.username).toBe("Storywire");
    expect(message.content).toBe("Storywire digest\\: 2 alerts");
    expect(message.embeds).toHaveLength(2);
    expect(message.embeds[1]).toEqual({
      title: "Story 2",
      url: "https://news.example.org/articles/ceasefire-talks",
      description:
        "Update in Ukraine ceasefire and peace talks · Example News · 2025\\-05\\-16 07\\:30 UTC\n" +
        "**What's new:** New fact number 2.",
      color: DISCORD_COLORS.update,
      timestamp: "2025-05-16T07:30:00.000Z",
      fields: [],
      footer: { text: "Storywire" },
    });
    expect(message.embeds[0]?.color).toBe(DISCORD_COLORS.first);
  });

  it("leaves out the url without an article link and the new-sentence line without new sentences", () => {
    const message = renderDiscordDigest({
      period: "daily",
      alerts: [testAlert({ relation: "first", story: { url: null, publishedAt: null } })],
    });
    const [embed] = message.embeds;
    expect(embed).not.toHaveProperty("url");
    expect(embed?.description).toBe("New story in Ukraine ceasefire and peace talks · Example News");
    expect(embed?.timestamp).toBe("2025-05-16T08:00:00.000Z");
    expect(message.content).toBe("Storywire digest\\: 1 alert");
  });

  it.each([
    [10, 10, "Storywire digest\\: 10 alerts"],
    [11, 10, "Storywire digest\\: 11 alerts\n…and 1 more"],
    [57, 10, "Storywire digest\\: 57 alerts\n…and 47 more"],
  ])("with %i alerts sends %i embeds and says %j", (count, embeds, content) => {
    const message = renderDiscordDigest(testDigest(count));
    expect(message.embeds).toHaveLength(embeds);
    expect(message.content).toBe(content);
  });

  it("escapes markdown and mentions in feed text", () => {
    const hostile = testAlert({
      story: { title: HOSTILE_TITLE, source: "@here" },
      storyline: { id: "x", title: "**bold** <@&1>" },
      novel: ["[click](https://evil.example) @everyone"],
    });
    const [embed] = renderDiscordDigest({ period: "hourly", alerts: [hostile] }).embeds;
    const texts = [embed?.title ?? "", embed?.description ?? ""];
    for (const text of texts) {
      // Apart from our own bold label, every markdown character is escaped.
      expect(text.replace("**What's new:** ", "")).not.toMatch(/(?<!\\)[<>@[\]()*_`]/);
    }
    expect(embed?.title).toContain("\\<!channel\\> \\@everyone");
    expect(embed?.description).toContain("in \\*\\*bold\\*\\* \\<\\@&1\\> · \\@here");
    expect(embed?.description).toContain("**What's new:** \\[click\\]\\(https\\://evil.example\\) \\@everyone");
  });

  it("keeps ten embeds of long text within Discord's limits per embed and per message", () => {
    const long = "*_`|<>@# ".repeat(800);
    const alert = testAlert({
      story: { title: long, source: long },
      storyline: { id: "x", title: long },
      novel: [long],
    });
    const message = renderDiscordDigest({ period: "daily", alerts: Array.from({ length: 14 }, () => alert) });
    expect(message.embeds).toHaveLength(DISCORD_DIGEST_LIMITS.embeds);
    for (const embed of message.embeds) {
      expect(embed.title.length).toBeLessThanOrEqual(DISCORD_DIGEST_LIMITS.title);
      expect(embed.description?.length).toBeLessThanOrEqual(DISCORD_DIGEST_LIMITS.description);
      expect(embed.title.endsWith("…")).toBe(true);
    }
    expect(embedsLength(message.embeds)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  });
});
