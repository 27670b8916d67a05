import { describe, expect, it } from "vitest";
import { parseStoryQuery, storyQueryString } from "./query.ts";

const parse = (query: string) => parseStoryQuery(new URLSearchParams(query));

describe("parseStoryQuery", () => {
  it("reads every filter of the list into the store's StoryFilter", () => {
    const { filter, problems } = parse(
      "storyline=ceasefire&storyline=sco,new-start&minScore=0.5&relation=update,first&framing=kremlin-aligned" +
        "&feed=0123456789abcdef&source=BBC+News&language=EN&since=2026-11-23&until=2026-11-24&q=+Witkoff++talks+",
    );
    expect(problems).toEqual([]);
    expect(filter).toEqual({
      storylines: ["ceasefire", "sco", "new-start"],
      minScore: 0.5,
      relation: ["update", "first"],
      framing: ["kremlin-aligned"],
      feedId: "0123456789abcdef",
      source: "BBC News",
      language: "en",
      since: "2026-11-23T00:00:00.000Z",
      until: "2026-11-25T00:00:00.000Z", // the whole of the 24th
      q: "Witkoff talks",
    });
  });

  it("takes ISO times as they are and drops empty fields (what a submitted form sends)", () => {
    const { filter, problems, query } = parse(
      "q=&storyline=&minScore=&since=2026-11-23T08:30:00%2B02:00&until=&feed=&cursor=",
    );
    expect(problems).toEqual([]);
    expect(filter).toEqual({ since: "2026-11-23T06:30:00.000Z" });
    expect(storyQueryString(query)).toBe("?since=2026-11-23T08%3A30%3A00%2B02%3A00");
  });

  it.each([
    ["minScore=abc", "minScore", 'minScore "abc" is not a number from 0 to 1'],
    ["minScore=1.5", "minScore", "not a number from 0 to 1"],
    ["minScore=-0.1", "minScore", "not a number from 0 to 1"],
    ["relation=latest", "relation", 'relation "latest" is not one of first, update, duplicate'],
    ["storyline=Bad%20Id", "storyline", 'storyline "Bad Id" is not a storyline id'],
    ["framing=%3Cb%3E", "framing", 'framing "<b>" is not a framing label'],
    ["feed=xyz", "feed", 'feed "xyz" is not a feed id'],
    ["language=english", "language", 'language "english" is not a language code'],
    ["since=yesterday", "since", 'since "yesterday" is not a date'],
    ["until=2026-02-30", "until", 'until "2026-02-30" is not a date'],
    ["since=2026-11-24&until=2026-11-23", "until", "is not after since"],
    [`q=${"word ".repeat(50)}`, "q", "longer than 200 characters"],
  ])("%s is a problem of %s that says what is wrong", (query, field, message) => {
    const { problems, filter } = parse(query);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe(field);
    expect(problems[0]?.message).toContain(message);
    expect(filter).not.toHaveProperty(field === "feed" ? "feedId" : field);
  });
});

describe("storyQueryString", () => {
  it("writes a canonical address that reads back to the same filters", () => {
    const first = parse("q=Witkoff&relation=update&storyline=sco,ceasefire&minScore=0.5&cursor=abc");
    const canonical = storyQueryString(first.query);
    expect(canonical).toBe("?storyline=sco&storyline=ceasefire&minScore=0.5&relation=update&q=Witkoff&cursor=abc");
    const again = parse(canonical.slice(1));
    expect(again.filter).toEqual(first.filter);
    expect(storyQueryString(again.query)).toBe(canonical);
  });

  it("applies changes: a next page, a removed filter", () => {
    const { query } = parse("storyline=sco&storyline=ceasefire&q=talks");
    expect(storyQueryString(query, { cursor: "next" })).toBe("?storyline=sco&storyline=ceasefire&q=talks&cursor=next");
    expect(storyQueryString(query, { storyline: ["ceasefire"], q: undefined })).toBe("?storyline=ceasefire");
    expect(storyQueryString(parse("").query)).toBe("");
  });
});
