/**
 * A farm of loopback feeds for the polling benchmark: `hosts` HTTP servers on 127.0.0.1, 127.0.0.2, ... (all of
 * 127.0.0.0/8 is loopback on Linux), each serving `feedsPerHost` small RSS feeds with an ETag, answering a
 * matching If-None-Match with 304, each answer after `delayMs` (a fast server on a near network). Each server counts the requests it is serving at once (Storywire opens a
 * connection per request, so these are its connections doing work), so the benchmark can show that no host saw
 * more than the fetcher's per-host limit; it also counts raw open sockets, which include ones still closing.
 */
import { createHash } from "node:crypto";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface FarmStats {
  ok: number;
  notModified: number;
  other: number;
  /** The most requests any one host was serving at once since the last reset. */
  maxPerHost: number;
  /** The most sockets any one host had open at once (closing ones included). */
  maxSocketsPerHost: number;
}

export interface FeedFarm {
  urls: string[];
  stats(): FarmStats;
  resetStats(): void;
  close(): Promise<void>;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Feed `feed` of host `host`: `items` items of a few sentences that belong to no storyline. */
function feedXml(host: number, feed: number, items: number): string {
  const entries = Array.from({ length: items }, (_, i) => {
    const title = `Council ${host}-${feed} approves the harbour budget, item ${i}`;
    const text = [
      `The city council of district ${host}-${feed} approved the harbour budget for the coming year on its ${i + 1}th session.`,
      `Members voted ${20 + i} to ${3 + (feed % 5)} for the plan, which funds new cranes, a ferry pier and repairs to the sea wall.`,
      `The works start in spring and should be finished within ${2 + (i % 3)} years, the harbour office said.`,
    ];
    return `<item><title>${esc(title)}</title><guid isPermaLink="false">farm-${host}-${feed}-${i}</guid><description>${esc(text.map((p) => `<p>${p}</p>`).join(""))}</description></item>`;
  }).join("");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Farm ${host}-${feed}</title><link>http://127.0.0.${host}/</link>${entries}</channel></rss>`;
}

export async function startFeedFarm(options: {
  hosts: number;
  feedsPerHost: number;
  items: number;
  delayMs?: number;
}): Promise<FeedFarm> {
  if (options.hosts < 1 || options.hosts > 250) throw new RangeError("hosts must be from 1 to 250 (127.0.0.1-250).");
  const stats = { ok: 0, notModified: 0, other: 0, maxPerHost: 0, maxSocketsPerHost: 0 };
  const servers: Server[] = [];
  const urls: string[] = [];
  for (let host = 1; host <= options.hosts; host++) {
    const bodies = Array.from({ length: options.feedsPerHost }, (_, feed) => {
      const body = feedXml(host, feed, options.items);
      return { body, etag: `"${createHash("sha1").update(body).digest("hex").slice(0, 16)}"` };
    });
    let sockets = 0;
    let serving = 0;
    const server = createServer((req, res) => {
      serving += 1;
      stats.maxPerHost = Math.max(stats.maxPerHost, serving);
      res.once("close", () => {
        serving -= 1;
      });
      setTimeout(() => answer(res, req.url ?? "", req.headers["if-none-match"]), options.delayMs ?? 0);
    });
    const answer = (res: ServerResponse, path: string, ifNoneMatch: string | undefined) => {
      const feed = bodies[Number(/^\/feed\/(\d+)\.xml$/.exec(path)?.[1] ?? -1)];
      if (!feed) {
        stats.other += 1;
        res.writeHead(404).end();
        return;
      }
      if (ifNoneMatch === feed.etag) {
        stats.notModified += 1;
        res.writeHead(304, { etag: feed.etag }).end();
        return;
      }
      stats.ok += 1;
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag: feed.etag }).end(feed.body);
    };
    server.on("connection", (socket: Socket) => {
      sockets += 1;
      stats.maxSocketsPerHost = Math.max(stats.maxSocketsPerHost, sockets);
      socket.once("close", () => {
        sockets -= 1;
      });
    });
    const address = `127.0.0.${host}`;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, address, resolve);
    });
    servers.push(server);
    const port = (server.address() as AddressInfo).port;
    for (let feed = 0; feed < options.feedsPerHost; feed++) urls.push(`http://${address}:${port}/feed/${feed}.xml`);
  }
  return {
    urls,
    stats: () => ({ ...stats }),
    resetStats() {
      Object.assign(stats, { ok: 0, notModified: 0, other: 0, maxPerHost: 0, maxSocketsPerHost: 0 });
    },
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      ).then(() => undefined),
  };
}
