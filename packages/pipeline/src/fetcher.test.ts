import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetcher } from "./fetcher.ts";

/** Two loopback hosts on one port number each: every request is held 50 ms; concurrent requests are counted. */
const HOSTS = ["127.0.0.1", "127.0.0.2"];
const servers: Server[] = [];
const ports = new Map<string, number>();
const active = new Map<string, number>();
const most = new Map<string, number>();

beforeAll(async () => {
  for (const host of HOSTS) {
    const server = createServer((req, res) => {
      const now = (active.get(host) ?? 0) + 1;
      active.set(host, now);
      most.set(host, Math.max(most.get(host) ?? 0, now));
      setTimeout(() => {
        active.set(host, (active.get(host) ?? 1) - 1);
        res.writeHead(req.url?.startsWith("/page") ? 200 : 304, { "content-type": "text/html" }).end();
      }, 50);
    });
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    servers.push(server);
    ports.set(host, (server.address() as AddressInfo).port);
  }
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

const url = (host: string, path: string) => `http://${host}:${ports.get(host)}${path}`;

describe("createFetcher", () => {
  it("keeps feed and page requests to one host within its per-host limit, hosts side by side", async () => {
    most.clear();
    const fetcher = createFetcher({ allowPrivateNetworks: true, perHostConcurrency: 2 });
    const none = { etag: null, lastModified: null };
    const started = Date.now();
    const results = await Promise.all([
      ...Array.from({ length: 6 }, (_, n) => fetcher.fetchFeed(url("127.0.0.1", `/feed/${n}`), none)),
      ...Array.from({ length: 2 }, (_, n) => fetcher.fetchPage(url("127.0.0.1", `/page/${n}`))),
      ...Array.from({ length: 2 }, (_, n) => fetcher.fetchFeed(url("127.0.0.2", `/feed/${n}`), none)),
    ]);
    expect(results.map((r) => r.status)).toEqual([304, 304, 304, 304, 304, 304, 200, 200, 304, 304]);
    expect(most.get("127.0.0.1")).toBe(2);
    expect(most.get("127.0.0.2")).toBe(2);
    // Eight requests to one host, two at a time, 50 ms each: at least four rounds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 50 - 10);
  });
});
