/**
 * A loopback RSS server that publishes the sample stories over time (each at its `at` second), with an ETag so
 * that the poller's conditional GETs are answered 304 while nothing changed.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { SampleStory } from "./samples.ts";

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function renderSampleFeed(stories: SampleStory[], base: string, start: Date): string {
  const items = stories
    .map((s) => {
      const html = s.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join("");
      const published = new Date(start.getTime() + s.at * 1000).toUTCString();
      return `<item><title>${escapeXml(s.title)}</title><link>${base}/articles/${s.slug}</link><guid isPermaLink="false">storywire-demo-${s.slug}</guid><pubDate>${published}</pubDate><description>${escapeXml(html)}</description></item>`;
    })
    .reverse()
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Storywire demo wire (sample stories)</title><link>${base}/</link>
<description>Sample stories written for the Storywire demo; not real reporting.</description>
${items}
</channel></rss>`;
}

export interface SampleFeedServer {
  url: string;
  published(): SampleStory[];
  close(): Promise<void>;
}

export async function startSampleFeedServer(
  stories: SampleStory[],
  options: { now?: () => number; speed?: number } = {},
): Promise<SampleFeedServer> {
  const now = options.now ?? Date.now;
  const speed = options.speed ?? 1;
  const start = now();
  const published = () => stories.filter((s) => (now() - start) * speed >= s.at * 1000);
  let base = "";
  const server: Server = createServer((req, res) => {
    if (req.url !== "/feed.xml") {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found: the sample feed is /feed.xml\n");
      return;
    }
    const visible = published();
    const etag = `"demo-${visible.length}"`;
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res
      .writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag })
      .end(renderSampleFeed(visible, base, new Date(start)));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/feed.xml`,
    published,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
