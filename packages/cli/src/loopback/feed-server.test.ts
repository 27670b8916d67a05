import { afterEach, describe, expect, it } from "vitest";
import { type FeedServer, startFeedServer } from "./feed-server.ts";

let server: FeedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("loopback feed server", () => {
  it("answers an item's link with its article page and every other path with the feed", async () => {
    server = await startFeedServer(
      (base) => [
        { guid: "a", title: "Talks resume", paragraphs: ["First & only paragraph."], link: `${base}/articles/a` },
        { guid: "b", title: "No page here", paragraphs: ["Text."] },
      ],
      "Loopback Wire",
    );
    const page = await fetch(`${server.base}/articles/a`);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain("<h1>Talks resume</h1>");
    expect(html).toContain("<p>First &amp; only paragraph.</p>");
    expect(html).not.toContain("<rss");

    for (const path of ["/feed.xml", "/articles/b", "/anything"]) {
      const feed = await fetch(`${server.base}${path}`);
      expect(feed.headers.get("content-type")).toMatch(/^application\/rss\+xml/);
      expect(await feed.text()).toContain("<title>Loopback Wire</title>");
    }
  });

  it("answers a conditional GET of an unchanged article page with 304", async () => {
    server = await startFeedServer([{ guid: "a", title: "T", paragraphs: ["P."], link: "/articles/a" }]);
    const first = await fetch(`${server.base}/articles/a`);
    const etag = first.headers.get("etag") ?? "";
    await first.text();
    const again = await fetch(`${server.base}/articles/a`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(server.stats.notModified).toBe(1);
  });
});
