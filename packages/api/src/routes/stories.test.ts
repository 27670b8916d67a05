/**
 * GET /stories (filters, include, pages while stories arrive), GET /stories/{id} and GET /stories/{id}.txt on a
 * real store.
 */

import { startTestApp, type TestApp } from "@storywire/api/test-support/app";
import type { Framing, Story } from "@storywire/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const hex = (n: number) => n.toString(16).padStart(16, "0");

function story(i: number, overrides: Partial<Story> = {}): Story {
  const at = new Date(Date.UTC(2025, 2, 1, 0, i)).toISOString();
  const ceasefire = i % 2 === 0;
  return {
    id: hex(i + 1),
    key: `http://127.0.0.1/wire/${i}`,
    feedId: ceasefire ? "aaaaaaaaaaaaaaaa" : "bbbbbbbbbbbbbbbb",
    title: ceasefire ? `Ceasefire talks, round ${i}` : `Arms control note ${i}`,
    text: ceasefire ? "Witkoff met negotiators in Geneva.\n\nMore talks follow." : "Inspectors returned.",
    url: `http://127.0.0.1/wire/${i}`,
    source: ceasefire ? "Wire One" : "Wire Two",
    author: null,
    language: ceasefire ? "en" : "de",
    publishedAt: at,
    fetchedAt: at,
    storylines: ceasefire
      ? [{ id: "ceasefire", score: 0.9, matched: true, evidence: [{ cue: "ceasefire", sentence: "Ceasefire talks." }] }]
      : [],
    framing: { label: ceasefire ? "neutral-report" : "kremlin-sourced", summary: "One line." } as unknown as Framing,
    relation: ceasefire ? "first" : null,
    eventId: ceasefire ? `e${i}` : null,
    novel: [],
    ...overrides,
  };
}

type Page = { stories: Record<string, unknown>[]; nextCursor: string | null };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  for (let i = 0; i < 12; i++) await t.store.putStory(story(i));
});
afterAll(() => t.close());

async function list(query: string): Promise<Page> {
  const res = await t.request(`/stories${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
}

describe("GET /stories", () => {
  it("answers summaries newest first: no text, no evidence, the framing label", async () => {
    const page = await list("?limit=2");
    expect(page.stories.map((s) => s.id)).toEqual([hex(12), hex(11)]);
    expect(page.stories[0]).not.toHaveProperty("text");
    expect(page.stories[1]).toMatchObject({ framing: { label: "neutral-report", summary: "One line." } });
    expect(page.stories[1]?.storylines).toEqual([{ id: "ceasefire", score: 0.9, matched: true }]);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it.each([
    ["?storyline=ceasefire", (i: number) => i % 2 === 0],
    ["?storyline=ceasefire,new-start&minScore=0.5", (i: number) => i % 2 === 0],
    ["?storyline=new-start&storyline=ceasefire", (i: number) => i % 2 === 0],
    ["?minScore=0.95", () => false],
    ["?relation=first", (i: number) => i % 2 === 0],
    ["?framing=kremlin-sourced", (i: number) => i % 2 === 1],
    ["?feed=bbbbbbbbbbbbbbbb", (i: number) => i % 2 === 1],
    ["?source=wire%20one", (i: number) => i % 2 === 0],
    ["?language=DE", (i: number) => i % 2 === 1],
    ["?since=2025-03-01T00:04:00Z&until=2025-03-01T00:08:00%2B00:00", (i: number) => i >= 4 && i < 8],
    ["?q=Witkoff%20geneva", (i: number) => i % 2 === 0],
    ["?q=inspectors&language=de&since=2025-03-01T00:06:00Z", (i: number) => i % 2 === 1 && i >= 6],
  ])("filters: %s", async (query, keep) => {
    const expected = Array.from({ length: 12 }, (_, i) => i)
      .filter(keep)
      .map((i) => hex(i + 1))
      .reverse();
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const sep = query ? "&" : "?";
      const page: Page = await list(`${query}${sep}limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      ids.push(...page.stories.map((s) => String(s.id)));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual(expected);
  });

  it("adds the text, the evidence and the framing dimensions on request", async () => {
    const page = await list("?limit=1&storyline=ceasefire&include=text,evidence,framing");
    expect(page.stories[0]).toMatchObject({
      id: hex(11),
      text: "Witkoff met negotiators in Geneva.\n\nMore talks follow.",
      novel: [],
      storylines: [{ id: "ceasefire", evidence: [{ cue: "ceasefire", sentence: "Ceasefire talks." }] }],
      framing: { label: "neutral-report" },
    });
    const textOnly = await list("?limit=1&include=text");
    expect(textOnly.stories[0]).toHaveProperty("text");
    expect(textOnly.stories[0]?.storylines).toEqual([]);
  });

  it.each([
    ["?limit=0", "limit"],
    ["?limit=abc", "limit"],
    ["?minScore=2", "minScore"],
    ["?relation=sideways", "relation"],
    ["?storyline=Not%20An%20Id", "storyline"],
    ["?feed=xyz", "feed"],
    ["?since=yesterday", "since"],
    ["?language=english", "language"],
    ["?include=everything", "include"],
    ["?storylines=ceasefire", "storylines"],
  ])("answers 400 naming the parameter for %s", async (query, field) => {
    const res = await t.request(`/stories${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = (await res.json()) as { field: string; detail: string; code: string };
    expect(body.field).toBe(field);
    expect(body.detail).toContain(field.replace(/\[0\]$/, ""));
  });

  it.each([
    ["?since=0001-01-01T00:00:00Z", "since", "invalid_request", /from 1970 to 9999/],
    ["?until=0001-01-01T00:00:00Z", "until", "invalid_request", /from 1970 to 9999/],
    ["?until=10000-01-01T00:00:00Z", "until", "invalid_request", /ISO 8601/],
    // A filter that can match nothing is a mistake to be told, not an empty page.
    ["?storyline=no-such-line", "storyline", "unknown_storyline", /"no-such-line".*ceasefire, new-start, sco/],
    ["?storyline=ceasefire,no-such-line", "storyline", "unknown_storyline", /"no-such-line"/],
    ["?framing=official-line", "framing", "invalid_request", /framing labels .*contested\/balanced.*"official-line"/],
    [
      "?since=2025-03-02T00:00:00Z&until=2025-03-01T00:00:00Z",
      "until",
      "invalid_request",
      /"until" \(2025-03-01T00:00:00Z\) must be later than "since"/,
    ],
    ["?since=2025-03-01T00:00:00Z&until=2025-03-01T00:00:00Z", "until", "invalid_request", /later than/],
  ])("answers 400 for a filter that cannot match: %s", async (query, field, code, detail) => {
    const res = await t.request(`/stories${query}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field, code, detail: expect.stringMatching(detail) });
  });

  it("filters by a framing label with a slash in it (contested/balanced)", async () => {
    const res = await t.request("/stories?framing=contested/balanced");
    expect(res.status).toBe(200);
  });

  it("refuses q when the word index is off, saying how to turn it on", async () => {
    const off = await startTestApp({ searchWordsPerStory: 0 });
    try {
      const res = await off.request("/stories?q=Witkoff");
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        code: "invalid_query",
        field: "q",
        detail: expect.stringMatching(/search is turned off.*STORYWIRE_SEARCH_WORDS/),
      });
      expect((await off.request("/stories?storyline=ceasefire")).status).toBe(200);
    } finally {
      await off.close();
    }
  });

  it("answers 400 for a search without words and for a bad cursor", async () => {
    const q = await t.request("/stories?q=the%20of");
    expect(q.status).toBe(400);
    expect(await q.json()).toMatchObject({
      code: "invalid_query",
      field: "q",
      detail: expect.stringMatching(/no word/),
    });
    const cursor = await t.request("/stories?cursor=nonsense!");
    expect(cursor.status).toBe(400);
    expect(await cursor.json()).toMatchObject({ code: "invalid_cursor", field: "cursor" });
  });

  it("is a public read: no key is needed, and a key that is not valid is answered like none", async () => {
    const res = await t.request("/stories?limit=1", { headers: { authorization: "Bearer not-a-key" } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Page).stories).toHaveLength(1);
  });

  it("walks to the end without repeats or gaps while stories are being added", async () => {
    const own = await startTestApp();
    try {
      for (let i = 0; i < 30; i++) await own.store.putStory(story(i));
      const before = Array.from({ length: 30 }, (_, i) => hex(i + 1));
      let adding = true;
      const writer = (async () => {
        for (let i = 100; adding && i < 400; i++) {
          // Newer than everything, and back-dated into the part still to be walked.
          const minute = i % 2 === 0 ? 1000 + i : i % 30;
          await own.store.putStory(story(i, { publishedAt: new Date(Date.UTC(2025, 2, 1, 0, minute)).toISOString() }));
        }
      })();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await own.request(`/stories?limit=4${cursor ? `&cursor=${cursor}` : ""}`);
        const page = (await res.json()) as Page;
        seen.push(...page.stories.map((s) => String(s.id)));
        cursor = page.nextCursor;
      } while (cursor);
      adding = false;
      await writer;
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of before) expect(seen).toContain(id);
    } finally {
      await own.close();
    }
  });
});

describe("GET /stories/{id} and /stories/{id}.txt", () => {
  it("answers the whole story and its seed-shaped text", async () => {
    const res = await t.request(`/stories/${hex(1)}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: hex(1), text: expect.stringContaining("Witkoff") });
    const txt = await t.request(`/stories/${hex(1)}.txt`);
    expect(await txt.text()).toBe(
      "Ceasefire talks, round 0\n\nWitkoff met negotiators in Geneva.\n\nMore talks follow.\n",
    );
  });

  it("answers 404 for an unknown story and 400 for a malformed id", async () => {
    expect((await t.request("/stories/ffffffffffffffff")).status).toBe(404);
    expect((await t.request("/stories/ffffffffffffffff.txt")).status).toBe(404);
    const bad = await t.request("/stories/NOPE");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: "id" });
  });
});
