import { createHash } from "node:crypto";
import {
  dimension,
  testFraming as framing,
  testStory as story,
  testAlertInput,
} from "@storywire/core/test-support/alerts";
import { describe, expect, it } from "vitest";
import { alertId } from "../ids.ts";
import type { Framing } from "../types.ts";
import { composeAlert } from "./compose.ts";
import { MAX_NOVEL_SENTENCES, MAX_TITLE_CHARS } from "./constants.ts";
import { AlertInputError } from "./errors.ts";
import type { ComposeAlertInput } from "./types.ts";

const input = (overrides: Partial<ComposeAlertInput> = {}): ComposeAlertInput => testAlertInput(overrides);

describe("composeAlert", () => {
  it("says storyline, relation, title, source, link, time, novel sentences, scores and API links", () => {
    const alert = composeAlert(input());
    expect(alert).toEqual({
      id: alertId("ceasefire", "1d6d5fc977bff7a7"),
      storyline: { id: "ceasefire", title: "Ukraine ceasefire and peace talks" },
      relation: "update",
      story: {
        id: "1d6d5fc977bff7a7",
        title: "Talks on a ceasefire resume in Istanbul",
        source: "Example News",
        url: "https://news.example.org/articles/ceasefire-talks",
        publishedAt: "2025-05-16T07:30:00.000Z",
      },
      novel: ["Peskov said the memorandum is ready.", "The next round is set for 2 June."],
      score: 0.82,
      framing: {
        label: "state-media sourced",
        summary: "Relies on Kremlin sources and uses Russian place names.",
        dominantFrame: "Political",
        stance: 0.2,
        loaded: 0.25,
        hedging: 0.1,
        contrast: 0,
        naming: "russian",
        sourcing: { anonymous: 0.1, kremlin: 0.45, ukrainian: 0.2, western: 0.3, analysts: 0 },
      },
      links: {
        story: "https://storywire.example.org/api/stories/1d6d5fc977bff7a7",
        text: "https://storywire.example.org/api/stories/1d6d5fc977bff7a7.txt",
      },
      createdAt: "2025-05-16T08:00:00.000Z",
    });
    expect(JSON.parse(JSON.stringify(alert))).toEqual(alert);
  });

  it("gives the same id for the same (storyline, story) and a different one otherwise", () => {
    const a = composeAlert(input()).id;
    const expected = createHash("sha256").update("alert\u0000ceasefire\u00001d6d5fc977bff7a7").digest("hex");
    expect(a).toBe(expected.slice(0, 16));
    expect(composeAlert(input({ relation: "first" })).id).toBe(a);
    expect(composeAlert(input({ storyline: { id: "new-start", title: "New START" } })).id).not.toBe(a);
    expect(composeAlert(input({ story: story({ id: "5293376d8269ff76" }) })).id).not.toBe(a);
  });

  it.each([
    ["javascript:", "javascript:alert(1)", null],
    ["data:", "data:text/html,<script>alert(1)</script>", null],
    ["ftp:", "ftp://files.example.org/a", null],
    ["credentials", "https://user:pass@news.example.org/a", null],
    ["relative", "/articles/1", null],
    ["null", null, null],
    ["http", "http://news.example.org/a b", "http://news.example.org/a%20b"],
    ["https", "HTTPS://News.Example.org/a?x=1", "https://news.example.org/a?x=1"],
  ])("keeps only http(s) story links (%s)", (_name, url, expected) => {
    expect(composeAlert(input({ story: story({ url }) })).story.url).toBe(expected);
  });

  it("keeps hostile titles as one line of plain text, without control or bidi characters", () => {
    const title = "<script>alert(1)</script>\n<!channel> @everyone\u202e\u0000 *bold*";
    const alert = composeAlert(input({ story: story({ title }) }));
    expect(alert.story.title).toBe("<script>alert(1)</script> <!channel> @everyone *bold*");
  });

  it("clips over-long titles with an ellipsis", () => {
    const alert = composeAlert(input({ story: story({ title: "word ".repeat(1000) }) }));
    expect(Array.from(alert.story.title)).toHaveLength(MAX_TITLE_CHARS);
    expect(alert.story.title.endsWith("…")).toBe(true);
  });

  it("does not split a surrogate pair when clipping", () => {
    const alert = composeAlert(input({ story: story({ title: "🙂".repeat(MAX_TITLE_CHARS + 5) }) }));
    expect(alert.story.title).toBe(`${"🙂".repeat(MAX_TITLE_CHARS - 1)}…`);
  });

  it("carries novel sentences for updates only, one line each, distinct, bounded", () => {
    const many = Array.from({ length: 30 }, (_, i) => `Fact number ${i}.`);
    const update = composeAlert(input({ novel: ["A\nsplit line.", "A split line.", "", "  ", ...many] }));
    expect(update.novel[0]).toBe("A split line.");
    expect(update.novel).toHaveLength(MAX_NOVEL_SENTENCES);
    expect(composeAlert(input({ relation: "first" })).novel).toEqual([]);
  });

  it("falls back to story.novel and story.framing", () => {
    const s = story({ novel: ["From the story."], framing: framing({ summary: "" }) });
    const alert = composeAlert(input({ story: s, novel: undefined, framing: undefined }));
    expect(alert.novel).toEqual(["From the story."]);
    expect(alert.framing?.summary).toBe("state-media sourced");
    expect(composeAlert(input({ story: s, framing: null })).framing).toBeNull();
  });

  it("rounds framing scores to two decimals, bounds them, and keeps the summary to one line", () => {
    const odd = framing({
      stance: dimension(-1.5),
      loaded: dimension(0.126),
      hedging: dimension(Number.NaN),
      sourcing: { ...framing().sourcing, kremlin: 0.456 },
      summary: "Relies on Kremlin sources;\n  uses Russian place names.",
    });
    expect(composeAlert(input({ framing: odd })).framing).toMatchObject({
      summary: "Relies on Kremlin sources; uses Russian place names.",
      stance: -1,
      loaded: 0.13,
      hedging: 0,
      sourcing: { kremlin: 0.46 },
    });
  });

  it("tolerates a partial framing object", () => {
    const partial = { label: "neutral", summary: "Balanced." } as unknown as Framing;
    expect(composeAlert(input({ framing: partial })).framing).toMatchObject({
      label: "neutral",
      summary: "Balanced.",
      stance: 0,
      naming: "neutral",
      sourcing: { kremlin: 0 },
    });
  });

  it.each([
    [1.7, 1],
    [-3, 0],
    [Number.NaN, 0],
    [{ score: 0.514 }, 0.51],
  ])("bounds the storyline score (%s -> %s)", (storylineScore, expected) => {
    expect(composeAlert(input({ storylineScore })).score).toBe(expected);
  });

  it("uses placeholders when title and source are missing, and drops unparseable times", () => {
    const alert = composeAlert(input({ story: story({ title: "", source: "", publishedAt: "yesterday" }) }));
    expect(alert.story.title).toBe("(untitled story)");
    expect(alert.story.source).toBe("news.example.org");
    expect(alert.story.publishedAt).toBeNull();
  });

  it("encodes the story id in API links and honours an explicit createdAt", () => {
    const alert = composeAlert(
      input({
        story: story({ id: "a/b" }),
        links: { apiBase: "http://localhost:8787" },
        createdAt: "2025-06-01T00:00:00Z",
      }),
    );
    expect(alert.links).toEqual({
      story: "http://localhost:8787/stories/a%2Fb",
      text: "http://localhost:8787/stories/a%2Fb.txt",
    });
    expect(alert.createdAt).toBe("2025-06-01T00:00:00.000Z");
  });

  it.each([
    ["story.id", input({ story: story({ id: "" }) })],
    ["storyline.id", input({ storyline: { id: " ", title: "x" } })],
    ["relation", input({ relation: "duplicate" as "first" })],
    ["links.apiBase", input({ links: { apiBase: "javascript:alert(1)" } })],
    ["links.apiBase", input({ links: { apiBase: "https://x.example.org/api?key=1" } })],
    ["createdAt", input({ createdAt: "not a time" })],
  ])("rejects bad input with an error naming %s", (field, bad) => {
    expect(() => composeAlert(bad)).toThrow(AlertInputError);
    try {
      composeAlert(bad);
    } catch (error) {
      expect((error as AlertInputError).field).toBe(field);
      expect((error as Error).message).toContain(field);
    }
  });
});
