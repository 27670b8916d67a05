/**
 * A loopback RSS server for tests: items can be changed between polls; it answers conditional GETs with 304
 * while the body is unchanged, and counts what it served.
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface TestItem {
  guid: string;
  title: string;
  paragraphs: string[];
  link?: string;
  pubDate?: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function rss(items: TestItem[], title = "Loopback Wire"): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${esc(i.title)}</title><guid isPermaLink="false">${esc(i.guid)}</guid>` +
        (i.link ? `<link>${esc(i.link)}</link>` : "") +
        (i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : "") +
        `<description>${esc(i.paragraphs.map((p) => `<p>${esc(p)}</p>`).join(""))}</description></item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${esc(title)}</title><link>https://wire.example/</link>${body}</channel></rss>`;
}

export interface FeedServerOptions {
  /** The channel title, which becomes the source (outlet) of the stories. */
  title?: string;
  /** Milliseconds each answer waits (a slow feed host). */
  delayMs?: number;
  /** Called when a request arrives, and when its answer has been sent. */
  onRequest?: () => void;
  onAnswered?: () => void;
}

/** `options` may be just the channel title. */
export async function startFeedServer(initial: TestItem[] = [], options: FeedServerOptions | string = {}) {
  const { title, delayMs, onRequest, onAnswered } = typeof options === "string" ? { title: options } : options;
  let items = initial;
  const stats = { requests: 0, notModified: 0 };
  const server = createServer((req, res) => {
    stats.requests += 1;
    onRequest?.();
    const answer = () => {
      const body = rss(items, title);
      const etag = `"${createHash("sha1").update(body).digest("hex").slice(0, 12)}"`;
      if (req.headers["if-none-match"] === etag) {
        stats.notModified += 1;
        res.writeHead(304, { etag }).end();
      } else {
        res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag }).end(body);
      }
      onAnswered?.();
    };
    if (delayMs) setTimeout(answer, delayMs);
    else answer();
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  return {
    url,
    stats,
    setItems(next: TestItem[]) {
      items = next;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/**
 * A controllable clock for the pipeline: time moves only when the test says so. It starts at the real time
 * (receivers check webhook timestamps against their own clock), or at `start`.
 */
export function testClock(start?: string) {
  let t = start ? Date.parse(start) : Date.now();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}
