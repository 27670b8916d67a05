/**
 * A storyline of the user's own, end to end on loopback: made through the API (from a query) or a storylines file,
 * a matching story arrives on a feed and the subscriber's webhook carries it, verified with `standardwebhooks`;
 * and a storyline made after its stories arrived gets their history by rescoring, without a single alert.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "@storywire/pipeline";
import { type LocalStack, startLocalStack } from "storywire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeDateClock } from "./support/clock.ts";
import { startFeedServer, type TestItem } from "./support/feed-server.ts";
import { startTestReceiver } from "./support/receiver.ts";
import { adminHeaders, loopbackConfig, startTestStack, subscribeWebhook, watchFeed } from "./support/stack.ts";

const DAY = 24 * 3_600_000;

/**
 * Stories about one event (a first report, a re-post, an update) and one about something else. Each carries its
 * whole text (over 600 characters), so no article page is fetched for it.
 */
function arcticItems(feedUrl: string, publishedAt: (n: number) => Date): Record<string, TestItem> {
  const link = (slug: string) => new URL(`/stories/${slug}`, feedUrl).href;
  const base = [
    "Cargo ships began using the Northern Sea Route three weeks earlier than usual this year, port officials in Murmansk said on Monday.",
    "Arctic shipping traffic has grown every year since 2020 as summer sea ice retreats, according to the Norwegian Polar Institute.",
    "Shipping companies said insurance costs on the route remained high and that few container lines planned regular sailings before the autumn.",
    "Environmental groups warned that heavier traffic raised the risk of fuel spills in waters where rescue services are hours away.",
    "Norway's coast guard said it would station an extra patrol vessel near Svalbard for the summer and asked ship owners to file voyage plans a week ahead.",
  ];
  const item = (slug: string, n: number, title: string, paragraphs: string[]): TestItem => ({
    guid: slug,
    title,
    paragraphs,
    link: link(slug),
    pubDate: publishedAt(n).toUTCString(),
  });
  return {
    first: item("arctic-first", 0, "Arctic shipping season opens early as ice retreats", base),
    repost: item("arctic-repost", 1, "Ice retreat opens Arctic shipping season early", base),
    update: item("arctic-update", 2, "Arctic shipping season opens early as ice retreats", [
      ...base,
      "On Thursday Rosatom said 92 vessels had already booked passages and that two nuclear icebreakers would escort convoys from 1 July.",
    ]),
    other: item("floods", 0, "Floods close roads across Valencia", [
      "Rivers burst their banks across Valencia on Wednesday, closing roads and schools after a night of torrential rain across the region.",
      "Emergency services said no one had been hurt, but hundreds of residents of low-lying districts spent the night in sports halls and churches.",
      "Regional officials said trains between Valencia and Madrid would not run until engineers had inspected bridges along the line on Thursday.",
      "Meteorologists expect more storms over the weekend and have kept the orange alert in place for the coast.",
      "Farmers' unions said the floods had destroyed much of the citrus harvest in the districts south of the city.",
    ]),
  };
}

const ARCTIC_QUERY = '"Arctic shipping" OR "Northern Sea Route" -Antarctic';

async function post(stack: LocalStack, path: string, body?: unknown) {
  const res = await fetch(`${stack.url}${path}`, {
    method: "POST",
    headers: adminHeaders,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function events(stack: LocalStack, id: string) {
  const res = await fetch(`${stack.url}/storylines/${id}/events`);
  return ((await res.json()) as { events: { title: string; stories: { relation: string; title: string }[] }[] }).events;
}

/** A stack, a loopback feed and a webhook receiver for one describe block (time moves only when told). */
function loopback(start: ((clock: ReturnType<typeof fakeDateClock>) => Promise<LocalStack>) | null = startTestStack) {
  const ctx = {} as {
    clock: ReturnType<typeof fakeDateClock>;
    stack: LocalStack;
    feeds: Awaited<ReturnType<typeof startFeedServer>>;
    receiver: Awaited<ReturnType<typeof startTestReceiver>>;
  };
  beforeAll(async () => {
    ctx.clock = fakeDateClock();
    ctx.feeds = await startFeedServer([]);
    ctx.receiver = await startTestReceiver();
    if (start) ctx.stack = await start(ctx.clock);
  });
  afterAll(async () => {
    ctx.clock?.restore();
    await ctx.stack?.close();
    await ctx.feeds?.close();
    await ctx.receiver?.close();
  });
  return ctx;
}

describe("a storyline created through the API", () => {
  const t = loopback();

  it("alerts its subscriber, through a verified webhook, when a matching story arrives", async () => {
    const { stack, feeds, receiver } = t;
    const created = await post(stack, "/storylines", { id: "arctic", title: "Arctic shipping", query: ARCTIC_QUERY });
    expect(created.status).toBe(201);
    const sub = await subscribeWebhook(stack, receiver, ["arctic"]);
    expect(sub.httpStatus).toBe(201);

    const items = arcticItems(feeds.url, (n) => new Date(Date.now() - DAY + n * 3_600_000));
    feeds.setItems([items.other as TestItem, items.first as TestItem]);
    await watchFeed(stack, feeds.url);

    expect(receiver.received).toHaveLength(1);
    const [alert] = receiver.received;
    expect(alert?.verified).toBe(true);
    expect(alert?.payload).toMatchObject({
      type: "storyline.first",
      data: { relation: "first", storyline: { id: "arctic", title: "Arctic shipping" } },
    });
    expect(JSON.stringify(alert?.payload?.data)).toContain(items.first?.title);
  });

  it("takes an edit on the next ingest, without a restart", async () => {
    const { stack, feeds, receiver, clock } = t;
    const res = await fetch(`${stack.url}/storylines/arctic`, {
      method: "PATCH",
      headers: adminHeaders,
      body: JSON.stringify({ query: '"Arctic shipping" OR "Northern Sea Route" -Murmansk' }),
    });
    expect(res.status).toBe(200);
    const items = arcticItems(feeds.url, (n) => new Date(Date.now() - DAY / 2 + n * 3_600_000));
    feeds.setItems([items.update as TestItem, items.other as TestItem, items.first as TestItem]);
    clock.advance(2 * 3_600_000);
    await stack.tick();
    // The update names Murmansk, now excluded: it no longer enters the storyline, so nobody is alerted.
    expect(receiver.received).toHaveLength(1);
    const listed = (await stack.store.listStories({ limit: 10 })).items;
    const stored = (await stack.store.getStories(listed.map((s) => s.id))).find((s) => s.text.includes("Rosatom"));
    expect(stored?.storylines?.find((s) => s.id === "arctic")).toMatchObject({ matched: false });
  });
});

describe("a storyline from a storylines file", () => {
  const t = loopback(null);
  const dir = mkdtempSync(join(tmpdir(), "storywire-storylines-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const config = (storylinesFile: string) => loopbackConfig({ pollIntervalSeconds: 60, storylinesFile });
  const start = (storylinesFile: string) =>
    startLocalStack(config(storylinesFile), {
      inMemory: true,
      scheduler: false,
      logger: silentLogger,
      clock: t.clock,
      queueSchedule: () => undefined,
    });

  it("stops start-up on a broken file with a message naming the storyline and the field", async () => {
    const broken = join(dir, "broken.json");
    writeFileSync(
      broken,
      JSON.stringify([
        { id: "arctic", title: "Arctic shipping", query: ARCTIC_QUERY },
        { id: "drills", title: "Drills", cues: [{ phrase: "exercises", weight: 12 }] },
      ]),
    );
    await expect(start(broken)).rejects.toThrow(
      `${broken}: storyline "drills" (entry 2): cues[0].weight: must be a number between 0 and 10. Fix the file and try again.`,
    );
  });

  it("scores the file's storylines and alerts their subscribers", async () => {
    const file = join(dir, "storylines.json");
    writeFileSync(
      file,
      JSON.stringify({ storylines: [{ id: "arctic", title: "Arctic shipping", query: ARCTIC_QUERY }] }),
    );
    t.stack = await start(file);
    const { stack, feeds, receiver } = t;
    expect(stack.storylinesFile).toEqual({ path: file, count: 1 });
    const sub = await subscribeWebhook(stack, receiver, ["arctic"]);
    expect(sub.httpStatus).toBe(201);

    const items = arcticItems(feeds.url, (n) => new Date(Date.now() - DAY + n * 3_600_000));
    feeds.setItems([items.first as TestItem]);
    await watchFeed(stack, feeds.url);
    expect(receiver.received.map((r) => [r.verified, r.payload?.type, r.payload?.data.storyline])).toEqual([
      [true, "storyline.first", expect.objectContaining({ id: "arctic" })],
    ]);

    const edit = await fetch(`${stack.url}/storylines/arctic`, {
      method: "PATCH",
      headers: adminHeaders,
      body: JSON.stringify({ threshold: 0.9 }),
    });
    expect(edit.status).toBe(409);
  });
});

describe("rescoring a storyline made after its stories arrived", () => {
  const t = loopback();
  let items: Record<string, TestItem>;

  beforeAll(async () => {
    items = arcticItems(t.feeds.url, (n) => new Date(Date.now() - 3 * DAY + n * DAY));
    t.feeds.setItems([items.repost as TestItem, items.first as TestItem, items.other as TestItem]);
    await watchFeed(t.stack, t.feeds.url);
  });

  it("gives it its history and sends nothing", async () => {
    const { stack, receiver } = t;
    expect((await post(stack, "/storylines", { id: "arctic", query: ARCTIC_QUERY })).status).toBe(201);
    const sub = await subscribeWebhook(stack, receiver, ["arctic"]);
    expect(sub.httpStatus).toBe(201);
    expect(await events(stack, "arctic")).toEqual([]);

    const since = new Date(Date.now() - 7 * DAY).toISOString();
    let result = await post(stack, `/storylines/arctic/rescore?since=${since}&limit=2`);
    const pages = [result.body];
    while (result.body.nextCursor) {
      result = await post(
        stack,
        `/storylines/arctic/rescore?cursor=${encodeURIComponent(String(result.body.nextCursor))}`,
      );
      expect(result.status).toBe(200);
      pages.push(result.body);
    }
    const listed = (await stack.store.listStories({ limit: 10 })).items;
    const texts = (await stack.store.getStories(listed.map((s) => s.id))).map((story) => story.text.length);
    expect(texts.every((n) => n > 600 && n < 1200)).toBe(true);
    expect(pages.length).toBe(2);
    expect(pages.reduce((n, p) => n + Number(p.entered), 0)).toBe(2);

    const timeline = await events(stack, "arctic");
    expect(timeline.map((e) => e.stories.map((s) => s.relation))).toEqual([["first", "duplicate"]]);
    await stack.tick();
    expect(receiver.attempts).toEqual([]);
    const feed = (await (await fetch(`${stack.url}/storylines/arctic/alerts.json`)).json()) as { items: unknown[] };
    expect(feed.items).toEqual([]);
  });

  it("alerts a live update against that history", async () => {
    const { stack, feeds, receiver, clock } = t;
    feeds.setItems([
      items.update as TestItem,
      items.repost as TestItem,
      items.first as TestItem,
      items.other as TestItem,
    ]);
    clock.advance(2 * 3_600_000);
    await stack.tick();
    expect(receiver.received.map((r) => [r.verified, r.payload?.type])).toEqual([[true, "storyline.update"]]);
    const novel = (receiver.received[0]?.payload?.data.novel as string[] | undefined) ?? [];
    expect(novel.join(" ")).toMatch(/92 vessels/);
    expect((await events(stack, "arctic"))[0]?.stories.map((s) => s.relation)).toEqual([
      "first",
      "duplicate",
      "update",
    ]);
  });
});
