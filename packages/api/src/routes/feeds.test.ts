/** The feed routes on a real store: one feed, pause / resume / rename, delete, OPML import and export. */

import { admin, startTestApp, type TestApp } from "@storywire/api/test-support/app";
import type { Story } from "@storywire/core";
import type { Job } from "@storywire/pipeline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let clock = new Date("2026-03-01T12:00:00.000Z");
beforeAll(async () => {
  t = await startTestApp({ now: () => clock });
});
afterAll(() => t.close());

type FeedBody = Record<string, unknown> & { id: string; status: string; title: string | null; stories: number };

async function watch(url: string): Promise<FeedBody> {
  const res = await t.request("/feeds", { method: "POST", headers: admin, json: { url } });
  expect([200, 201]).toContain(res.status);
  return (await res.json()) as FeedBody;
}

const patch = (id: string, json: unknown, headers: Record<string, string> = admin) =>
  t.request(`/feeds/${id}`, { method: "PATCH", headers, json });

describe("GET /feeds/{id}", () => {
  it("answers the feed with its story count and next check, without conditional-GET validators", async () => {
    const feed = await watch("https://one.example.org/rss");
    const story = {
      id: "00000000000000a1",
      key: "k",
      feedId: feed.id,
      title: "T",
      text: "x",
      url: null,
      source: "One",
      author: null,
      language: "en",
      publishedAt: "2026-03-01T11:00:00.000Z",
      fetchedAt: "2026-03-01T11:30:00.000Z",
    } satisfies Story;
    await t.store.putStory(story);
    await t.store.putStory({ ...story, id: "00000000000000a2", key: "k2" });
    const res = await t.request(`/feeds/${feed.id}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as FeedBody;
    expect(body).toMatchObject({
      id: feed.id,
      status: "active",
      stories: 2,
      errorCount: 0,
      nextCheckAt: "2026-03-01T12:00:00.000Z",
    });
    expect(body).not.toHaveProperty("etag");
    expect((await (await t.request("/feeds")).json()) as { feeds: FeedBody[] }).toMatchObject({
      feeds: [expect.objectContaining({ id: feed.id, stories: 2 })],
    });
  });

  it("answers 404 for an unknown feed and 400 for a malformed id", async () => {
    expect((await t.request("/feeds/ffffffffffffffff")).status).toBe(404);
    const bad = await t.request("/feeds/nope");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: "id", code: "invalid_request" });
  });
});

describe("PATCH /feeds/{id}", () => {
  it("pauses (off the due list), renames, and resumes due now", async () => {
    const feed = await watch("https://two.example.org/atom.xml");
    const paused = await patch(feed.id, { paused: true });
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({ status: "paused", nextCheckAt: null });
    expect((await t.store.listDueFeeds("2030-01-01T00:00:00.000Z")).map((f) => f.id)).not.toContain(feed.id);
    // A fetch that was under way when the feed was paused does not un-pause it.
    await t.store.updateFeedFetchState(feed.id, { status: "active", lastStatus: 200, nextCheckAt: clock });
    expect((await t.store.getFeed(feed.id))?.status).toBe("paused");

    const renamed = await patch(feed.id, { title: "  Two, renamed  " });
    expect(await renamed.json()).toMatchObject({ title: "Two, renamed", status: "paused" });
    // The feed's own title from a later fetch does not replace the user's name.
    await t.store.updateFeedFetchState(feed.id, { title: "Two's own title" });
    expect((await t.store.getFeed(feed.id))?.title).toBe("Two, renamed");

    clock = new Date("2026-03-01T13:00:00.000Z");
    const resumed = await patch(feed.id, { paused: false, title: null });
    expect(await resumed.json()).toMatchObject({
      status: "active",
      title: "Two's own title",
      nextCheckAt: "2026-03-01T13:00:00.000Z",
    });
    expect((await t.store.listDueFeeds(clock)).map((f) => f.id)).toContain(feed.id);
  });

  it.each([
    [{}, /changes nothing: give "paused" .*, "title" .*, "folder" .*, or several/],
    [{ paused: "yes" }, /"paused"/],
    [{ title: "x".repeat(201) }, /"title"/],
    [{ colour: "red" }, /unknown field "colour"/],
  ])("answers 400 naming the problem for %j", async (body, message) => {
    const feed = await watch("https://three.example.org/rss");
    const res = await patch(feed.id, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(message);
  });

  it("needs the admin key (401) and answers 404 for an unknown feed", async () => {
    const feed = await watch("https://four.example.org/rss");
    expect((await patch(feed.id, { paused: true }, {})).status).toBe(401);
    const subKey = await patch(feed.id, { paused: true }, { authorization: "Bearer swsub_0123456789abcdef_x" });
    expect(subKey.status).toBe(401);
    expect((await patch("ffffffffffffffff", { paused: true })).status).toBe(404);
  });
});

describe("DELETE /feeds/{id}", () => {
  it("stops watching and keeps the stories; a second delete is a 404; no key is a 401", async () => {
    const feed = await watch("https://five.example.org/rss");
    await t.store.putStory({
      id: "00000000000000b1",
      key: "k",
      feedId: feed.id,
      title: "Kept",
      text: "x",
      url: null,
      source: "Five",
      author: null,
      language: "en",
      publishedAt: null,
      fetchedAt: "2026-03-01T11:30:00.000Z",
    });
    expect((await t.request(`/feeds/${feed.id}`, { method: "DELETE" })).status).toBe(401);
    const res = await t.request(`/feeds/${feed.id}`, { method: "DELETE", headers: admin });
    expect(res.status).toBe(204);
    expect((await t.request(`/feeds/${feed.id}`)).status).toBe(404);
    expect((await t.request(`/feeds/${feed.id}`, { method: "DELETE", headers: admin })).status).toBe(404);
    expect((await t.request("/stories/00000000000000b1")).status).toBe(200);
    expect(
      ((await (await t.request(`/stories?feed=${feed.id}`)).json()) as { stories: unknown[] }).stories,
    ).toHaveLength(1);
  });
});

describe("POST /feeds/import and GET /feeds/export.opml", () => {
  const opml = (outlines: string) =>
    `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>${outlines}</body></opml>`;
  const importOpml = (body: string, headers: Record<string, string> = { ...admin, "content-type": "text/x-opml" }) =>
    t.request("/feeds/import", { method: "POST", headers, body });

  it("adds new feeds with the reader's names, reports existing, repeated and unusable entries", async () => {
    const own = await startTestApp();
    try {
      await own.request("/feeds", { method: "POST", headers: admin, json: { url: "https://known.example.org/rss" } });
      const body = opml(`
<outline text="Folder">
<outline type="rss" text="New one" xmlUrl="https://new.example.org/rss"/>
<outline type="rss" text="Known" xmlUrl="https://known.example.org/rss"/>
<outline type="rss" text="New one again" xmlUrl="HTTPS://NEW.example.org/rss/?utm_source=x"/>
<outline type="rss" text="Blocked" xmlUrl="http://169.254.169.254/latest/"/>
<outline type="rss" text="Not a URL" xmlUrl="mailto:someone@example.org"/>
</outline>`);
      const res = await own.request("/feeds/import", {
        method: "POST",
        headers: { ...admin, "content-type": "application/xml" },
        body,
      });
      expect(res.status).toBe(200);
      const result = (await res.json()) as Record<string, { line: number; title: string }[]>;
      expect(result.added?.map((e) => e.title)).toEqual(["New one"]);
      expect(result.existing?.map((e) => e.title)).toEqual(["Known"]);
      expect(result.duplicates).toEqual([expect.objectContaining({ title: "New one again", sameAsLine: 3 })]);
      expect(result.problems?.map((e) => e.title)).toEqual(["Blocked", "Not a URL"]);
      const feeds = ((await (await own.request("/feeds")).json()) as { feeds: FeedBody[] }).feeds;
      expect(feeds.map((f) => f.title ?? "(none)").sort()).toEqual(["(none)", "New one"]);
      expect(own.jobs.filter((j) => j.type === "fetch")).toHaveLength(2);
    } finally {
      await own.close();
    }
  });

  it("queues the first fetch of every feed it adds, once, in batched sends, with each feed named as in the file", async () => {
    const sends: Job[][] = [];
    const own = await startTestApp({ queue: { send: async (jobs) => void sends.push([...jobs]) } });
    try {
      const outlines = Array.from(
        { length: 120 },
        (_, i) => `<outline type="rss" text="Feed ${i}" xmlUrl="https://bulk${i}.example.org/rss"/>`,
      );
      const res = await own.request("/feeds/import", {
        method: "POST",
        headers: { ...admin, "content-type": "text/x-opml" },
        body: opml(outlines.join("\n")),
      });
      expect(res.status).toBe(200);
      const result = (await res.json()) as { added: { id: string; title: string }[] };
      expect(result.added).toHaveLength(120);
      const fetched = sends.flat().map((j) => (j.type === "fetch" ? j.feedId : ""));
      expect(new Set(fetched)).toEqual(new Set(result.added.map((a) => a.id)));
      expect(fetched).toHaveLength(120);
      expect(sends.length).toBeLessThanOrEqual(3);
      const feeds = await own.store.listFeeds();
      expect(feeds.map((f) => f.title).sort()).toEqual(result.added.map((a) => a.title).sort());
    } finally {
      await own.close();
    }
  });

  it("takes the file from a form upload too", async () => {
    const form = new FormData();
    form.append("opml", new Blob([opml('<outline type="rss" xmlUrl="https://form.example.org/rss"/>')]), "subs.opml");
    const res = await Promise.resolve(t.app.request("/feeds/import", { method: "POST", headers: admin, body: form }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { added: unknown[] }).added).toHaveLength(1);
  });

  it.each([
    ["an RSS document", '<?xml version="1.0"?><rss version="2.0"><channel/></rss>', /root element is <rss>/],
    ["an OPML file without feeds", opml('<outline text="Empty folder"/>'), /lists no feeds/],
    ["text", "hello", /not an OPML subscription list/],
  ])("answers 400 for %s", async (_name, body, message) => {
    const res = await importOpml(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "invalid_opml", detail: expect.stringMatching(message) });
  });

  it("answers 400 for a JSON body, 401 without the admin key and 413 past 2 MB", async () => {
    const asJson = await t.request("/feeds/import", { method: "POST", headers: admin, json: { url: "x" } });
    expect(asJson.status).toBe(400);
    expect((await importOpml(opml(""), { "content-type": "text/x-opml" })).status).toBe(401);
    const huge = opml(`<outline text="${"x".repeat(2 * 1024 * 1024)}"/>`);
    expect((await importOpml(huge)).status).toBe(413);
  });

  it("exports the watched feeds as OPML 2.0 under the user's names", async () => {
    const feed = await watch("https://six.example.org/rss?x=1&y=2");
    await patch(feed.id, { title: "Six & <friends>" });
    const res = await t.request("/feeds/export.opml");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/x-opml; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain("storywire-feeds.opml");
    const xml = await res.text();
    expect(xml).toContain('<opml version="2.0">');
    expect(xml).toContain(
      '<outline type="rss" text="Six &amp; &lt;friends&gt;" title="Six &amp; &lt;friends&gt;" xmlUrl="https://six.example.org/rss?x=1&amp;y=2"/>',
    );
  });
});
