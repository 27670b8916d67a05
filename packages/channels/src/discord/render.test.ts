import { HOSTILE_TITLE, testAlert } from "@storywire/channels/test-support/alerts";
import { describe, expect, it } from "vitest";
import { DISCORD_COLORS, DISCORD_LIMITS } from "../constants.ts";
import { discordLink, escapeDiscord } from "./escape.ts";
import { type DiscordEmbed, renderDiscord } from "./render.ts";

function embedOf(message: ReturnType<typeof renderDiscord>): DiscordEmbed {
  expect(message.embeds).toHaveLength(1);
  return message.embeds[0] as DiscordEmbed;
}

/** Discord's 6000-character budget counts title, description, field names and values, and footer. */
function embedLength(embed: DiscordEmbed): number {
  const fields = embed.fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return embed.title.length + (embed.description?.length ?? 0) + fields + embed.footer.text.length;
}

describe("renderDiscord", () => {
  it("builds one embed with title, url, description, fields, timestamp and colour; mentions disabled", () => {
    const message = renderDiscord(testAlert());
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.username).toBe("Storywire");
    expect(message.content).toBe("Update in Ukraine ceasefire and peace talks");
    const embed = embedOf(message);
    expect(embed).toMatchObject({
      title: "Talks on a ceasefire resume in Istanbul",
      url: "https://news.example.org/articles/ceasefire-talks",
      color: DISCORD_COLORS.update,
      timestamp: "2025-05-16T07:30:00.000Z",
      footer: { text: "Storywire" },
    });
    expect(embed.description).toBe(
      "Relies on Kremlin sources and uses Russian place names.\n\n**What's new**\n" +
        "• Peskov said the memorandum is ready.\n• The next round is set for 2 June.",
    );
    expect(embed.fields.map((field) => field.name)).toEqual([
      "Storyline",
      "Relation",
      "Storyline score",
      "Source",
      "Published",
      "Framing\\: state\\-media sourced",
      "Links",
    ]);
    expect(embed.fields[2]).toEqual({ name: "Storyline score", value: "0.82", inline: true });
    expect(embed.fields[4]?.value).toBe("2025\\-05\\-16 07\\:30 UTC");
    expect(embed.fields[6]?.value).toBe(
      "[Read the story](https://news.example.org/articles/ceasefire-talks) · " +
        "[Open in Storywire](https://storywire.example.org/api/stories/1d6d5fc977bff7a7) · " +
        "[Plain text](https://storywire.example.org/api/stories/1d6d5fc977bff7a7.txt)",
    );
  });

  it("colours by relation, drops the url and description when there is nothing to show", () => {
    const first = embedOf(
      renderDiscord(testAlert({ relation: "first", framing: null, story: { url: "javascript:alert(1)" } })),
    );
    expect(first.color).toBe(DISCORD_COLORS.first);
    expect(first.url).toBeUndefined();
    expect(first.description).toBeUndefined();
    expect(first.fields.find((field) => field.name === "Links")?.value).not.toContain("javascript");
    expect(embedOf(renderDiscord(testAlert(), { test: true })).color).toBe(DISCORD_COLORS.test);
  });

  it("escapes markdown and mentions in hostile feed text", () => {
    const message = renderDiscord(
      testAlert({
        story: { title: HOSTILE_TITLE, source: "@here" },
        novel: ["@everyone [click](https://evil.example)"],
      }),
    );
    const embed = embedOf(message);
    expect(embed.title).toBe(
      "\\<!channel\\> \\@everyone \\<script\\>alert\\(1\\)\\</script\\> & \\*bold\\* " +
        "\\[x\\]\\(https\\://evil.example\\) \\<\\@123\\>",
    );
    expect(embed.description).toContain("• \\@everyone \\[click\\]\\(https\\://evil.example\\)");
    expect(embed.fields.find((field) => field.name === "Source")?.value).toBe("\\@here");
    const everything = JSON.stringify(message);
    expect(everything).not.toMatch(/(?<!\\\\)@everyone|(?<!\\\\)@here|(?<!\\\\)<script/);
  });

  it("truncates with … and stays within Discord's field, description and 6000-character embed limits", () => {
    const long = "*_~`|<>@:-# ".repeat(1000);
    const alert = testAlert({
      story: { title: long, source: long },
      storyline: { id: "s", title: long },
      novel: Array.from({ length: 10 }, (_, i) => `${i} ${long}`),
      framing: undefined,
    });
    const embed = embedOf(renderDiscord(alert));
    expect(embed.title.length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    expect(embed.title.endsWith("…")).toBe(true);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(embed.description).toContain("*and 5 more*");
    for (const field of embed.fields) {
      expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(1024);
      // A cut never leaves a dangling escape backslash before the ellipsis.
      expect(field.value).not.toMatch(/(?<!\\)\\…/);
    }
    expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  });
});

describe("Discord escaping", () => {
  it.each([
    ["**bold** _i_ ~~s~~ `c` ||spoiler||", "\\*\\*bold\\*\\* \\_i\\_ \\~\\~s\\~\\~ \\`c\\` \\|\\|spoiler\\|\\|"],
    ["> quote", "\\> quote"],
    ["# Heading", "\\# Heading"],
    ["back\\slash", "back\\\\slash"],
    ["plain words 123.", "plain words 123."],
  ])("escapeDiscord(%j)", (input, expected) => {
    expect(escapeDiscord(input)).toBe(expected);
  });

  it("percent-encodes parentheses in link targets", () => {
    expect(discordLink("https://x.example/a_(b)", "[go]")).toBe("[\\[go\\]](https://x.example/a_%28b%29)");
  });
});
