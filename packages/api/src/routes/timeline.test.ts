/** GET /storylines/{id}/timeline against the real store (in-memory dynalite): content, errors, paging to the end. */

import { fakeDeps, makeFraming, makeStory, score } from "@storywire/api/test-support/dashboard";
import type { Story } from "@storywire/core";
import type { Store } from "@storywire/store";
import { type LocalStore, startLocalStore } from "@storywire/store/test-support/local-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.ts";

const STORYLINES = [
  { id: "ceasefire", title: "Russia-Ukraine ceasefire", description: "Talks and truces." },
  { id: "sco", title: "SCO", description: "" },
];
const EVENTS = 23;

let local: LocalStore;
let store: Store;

const iso = (minutes: number) => new Date(Date.UTC(2026, 10, 20) + minutes * 60_000).toISOString();
const hex = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(16 - prefix.length, "0")}`;

async function putStory(overrides: Partial<Story>): Promise<Story> {
  const story = makeStory(overrides);
  await store.putStory(story);
  return story;
}

function app() {
  return createApp({ ...fakeDeps({ storylines: STORYLINES }), store });
}

async function get(path: string) {
  const res = await app().request(path);
  return { res, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  local = await startLocalStore();
  store = local.store;
  // Event 0: a first report (TASS), an update with new sentences (BBC), a duplicate (TASS), and an untitled story.
  await store.putEvent({ id: hex("e", 0), storylineId: "ceasefire", title: "Talks resume", startedAt: iso(0) });
  const members: [Partial<Story>, "first" | "update" | "duplicate", number][] = [
    [{ source: "TASS", framing: makeFraming("kremlin-aligned", "s") }, "first", 0],
    [
      { source: "BBC World", framing: makeFraming("neutral-report", "s"), novel: ["12 warships will take part."] },
      "update",
      10,
    ],
    [{ source: "TASS", framing: makeFraming("kremlin-aligned", "s") }, "duplicate", 20],
    [{ source: "Example", title: "", text: "Negotiators met again in Abu Dhabi. More followed." }, "duplicate", 30],
  ];
  for (const [i, [overrides, relation, at]] of members.entries()) {
    const id = hex("a", i);
    await putStory({
      id,
      key: `k${i}`,
      storylines: [score("ceasefire", 0.5 + i / 10)],
      eventId: hex("e", 0),
      relation,
      ...overrides,
    });
    await store.addStoryToEvent("ceasefire", hex("e", 0), id, relation, iso(at));
  }
  // A story that is an update in another storyline's event: its novel sentences are not this event's.
  await putStory({ id: hex("b", 1), key: "kb", eventId: hex("f", 1), relation: "update", novel: ["Elsewhere."] });
  await store.addStoryToEvent("ceasefire", hex("e", 0), hex("b", 1), "update", iso(40));
  for (let n = 1; n < EVENTS; n++) {
    await store.putEvent({ id: hex("e", n), storylineId: "ceasefire", title: `Event ${n}`, startedAt: iso(-n * 60) });
  }
  await store.putEvent({ id: hex("d", 1), storylineId: "sco", title: "Not this storyline", startedAt: iso(5) });
}, 60_000);

afterAll(async () => {
  await local?.close();
});

describe("GET /storylines/{id}/timeline", () => {
  it("answers events newest first, each with its stories, novel sentences of updates and the framing spread", async () => {
    const { res, body } = await get("/storylines/ceasefire/timeline?limit=2");
    expect(res.status).toBe(200);
    expect(body.storyline).toEqual(STORYLINES[0]);
    const events = body.events as {
      id: string;
      stories: {
        id: string;
        relation: string;
        title: string;
        novel: string[];
        score: number;
        framingLabel: string | null;
      }[];
      framing: unknown;
    }[];
    expect(events.map((e) => e.id)).toEqual([hex("e", 0), hex("e", 1)]);
    const [event] = events;
    expect(event?.stories.map((s) => [s.id, s.relation])).toEqual([
      [hex("a", 0), "first"],
      [hex("a", 1), "update"],
      [hex("a", 2), "duplicate"],
      [hex("a", 3), "duplicate"],
      [hex("b", 1), "update"],
    ]);
    expect(event?.stories[1]).toMatchObject({
      novel: ["12 warships will take part."],
      score: 0.6,
      framingLabel: "neutral-report",
    });
    expect(event?.stories[0]?.novel).toEqual([]);
    expect(event?.stories[4]?.novel).toEqual([]); // its novel sentences belong to its own event
    expect(event?.stories[3]?.title).toBe("Negotiators met again in Abu Dhabi");
    expect(event?.framing).toEqual({
      labels: { "kremlin-aligned": 2, "neutral-report": 1 },
      outlets: [
        { source: "TASS", stories: 2, labels: { "kremlin-aligned": 2 } },
        { source: "BBC World", stories: 1, labels: { "neutral-report": 1 } },
        { source: "Example", stories: 1, labels: {} },
        { source: "Example News", stories: 1, labels: {} },
      ],
    });
    expect(events[1]).toMatchObject({ title: "Event 1", stories: [], framing: { labels: {}, outlets: [] } });
    expect(typeof body.nextCursor).toBe("string");
  });

  it("pages through every event to the end, once each and newest first, while new events arrive", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const { res, body } = await get(`/storylines/ceasefire/timeline?limit=5${query}`);
      expect(res.status).toBe(200);
      seen.push(...(body.events as { id: string }[]).map((e) => e.id));
      cursor = body.nextCursor as string | null;
      pages += 1;
      if (pages === 2) {
        // A new development arrives mid-walk: it is newer than everything, so it is not on the remaining pages.
        await store.putEvent({ id: hex("c", 1), storylineId: "ceasefire", title: "Breaking", startedAt: iso(100) });
      }
    } while (cursor && pages < 20);
    expect(cursor).toBeNull();
    expect(pages).toBe(5);
    expect(seen).toEqual(Array.from({ length: EVENTS }, (_, n) => hex("e", n)));
  });

  it("answers 404 as a problem document for an unknown storyline", async () => {
    const { res, body } = await get("/storylines/no-such-storyline/timeline");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(body).toMatchObject({ status: 404, code: "not_found", type: "/problems/not_found" });
    expect(body.detail).toContain('"no-such-storyline"');
  });

  it.each([
    ["/storylines/Bad_Id/timeline", "id"],
    ["/storylines/ceasefire/timeline?limit=0", "limit"],
    ["/storylines/ceasefire/timeline?limit=51", "limit"],
    ["/storylines/ceasefire/timeline?cursor=not-a-cursor", "cursor"],
  ])("answers 400 naming the field for %s", async (path, field) => {
    const { res, body } = await get(path);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(body.field).toBe(field);
    expect(String(body.detail).length).toBeGreaterThan(10);
  });

  it("is described in the OpenAPI document with its schemas", async () => {
    const { body } = await get("/openapi.json");
    const path = (body.paths as Record<string, { get?: { responses: Record<string, unknown> } }>)[
      "/storylines/{id}/timeline"
    ];
    expect(Object.keys(path?.get?.responses ?? {})).toEqual(["200", "400", "404"]);
    expect(Object.keys((body.components as { schemas: object }).schemas)).toEqual(
      expect.arrayContaining(["Timeline", "TimelineEvent", "TimelineStory", "FramingSpread"]),
    );
  });
});
