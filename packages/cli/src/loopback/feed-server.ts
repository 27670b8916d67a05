/**
 * A loopback RSS server: the demo's sample feed and the tests' feeds, one implementation. It listens on 127.0.0.1
 * only, its items and channel link point at 127.0.0.1 (never at a made-up domain: with the SSRF guard off, a link
 * could lead off the machine), its items may change between polls, it answers conditional GETs with 304 while
 * the document is unchanged, and it counts what it served. An item whose link is on this server has its article
 * page there (HTML, as a publisher's site would answer the full-text fetch); every other path answers the feed.
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface FeedItem {
  guid: string;
  title: string;
  paragraphs: string[];
  link?: string;
  pubDate?: string;
}

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An RSS 2.0 document of the items, each paragraph a <p> of the description; `base` is the channel's link. */
export function rss(items: FeedItem[], title = "Loopback Wire", base = "http://127.0.0.1/"): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${escapeXml(i.title)}</title><guid isPermaLink="false">${escapeXml(i.guid)}</guid>` +
        (i.link ? `<link>${escapeXml(i.link)}</link>` : "") +
        (i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : "") +
        `<description>${escapeXml(i.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join(""))}</description></item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escapeXml(title)}</title><link>${escapeXml(base)}</link>${body}</channel></rss>`;
}

/** The article page of one item: what a publisher's site answers at the item's link. */
export function articlePage(item: FeedItem): string {
  const paragraphs = item.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(item.title)}</title></head><body><main><article><h1>${escapeXml(item.title)}</h1>\n${paragraphs}</article></main></body></html>`;
}

/** The item whose link, read against the server's base, has this request's path. */
function itemAt(items: FeedItem[], base: string, requestUrl: string | undefined): FeedItem | undefined {
  const path = new URL(requestUrl ?? "/", base).pathname;
  return items.find((item) => {
    if (!item.link) return false;
    const link = new URL(item.link, `${base}/`);
    return link.origin === base && link.pathname === path;
  });
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

export interface FeedServer {
  /** The feed's URL: http://127.0.0.1:<port>/feed.xml. */
  url: string;
  /** http://127.0.0.1:<port>, for item links on this server. */
  base: string;
  stats: { requests: number; notModified: number };
  /** The items of the next answers: a list, or a function of the server's base asked at every request. */
  setItems(next: FeedItem[] | ((base: string) => FeedItem[])): void;
  close(): Promise<void>;
}

/** `options` may be just the channel title. An item's link answers its article page; any other path the feed. */
export async function startFeedServer(
  initial: FeedItem[] | ((base: string) => FeedItem[]) = [],
  options: FeedServerOptions | string = {},
): Promise<FeedServer> {
  const { title, delayMs, onRequest, onAnswered } = typeof options === "string" ? { title: options } : options;
  let items = initial;
  let base = "";
  const stats = { requests: 0, notModified: 0 };
  const server = createServer((req, res) => {
    stats.requests += 1;
    onRequest?.();
    const answer = () => {
      const current = typeof items === "function" ? items(base) : items;
      const article = itemAt(current, base, req.url);
      const body = article ? articlePage(article) : rss(current, title, `${base}/`);
      const type = article ? "text/html; charset=utf-8" : "application/rss+xml; charset=utf-8";
      const etag = `"${createHash("sha1").update(body).digest("hex").slice(0, 12)}"`;
      if (req.headers["if-none-match"] === etag) {
        stats.notModified += 1;
        res.writeHead(304, { etag }).end();
      } else {
        res.writeHead(200, { "content-type": type, etag }).end(body);
      }
      onAnswered?.();
    };
    if (delayMs) setTimeout(answer, delayMs);
    else answer();
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/feed.xml`,
    base,
    stats,
    setItems(next) {
      items = next;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
