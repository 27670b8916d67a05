/**
 * Rate limits on a real store: per key and per address, 429 with Retry-After and the RateLimit headers, windows
 * that roll over, one limit across several app instances (Lambda containers), loopback and /health exempt.
 */

import { admin, startTestApp, type TestApp } from "@storywire/api/test-support/app";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../app.ts";
import { addressBucket, clientAddress } from "./rate-limit.ts";

let t: TestApp;
let now = new Date("2026-01-01T00:00:10.000Z");
const limits = { perKey: 3, perAddress: 2, windowSeconds: 60, limitLoopback: false };
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

beforeAll(async () => {
  t = await startTestApp({ rateLimit: limits, now: () => now });
});
afterAll(() => t.close());

const get = (app: TestApp["app"], path: string, env: object, headers: Record<string, string> = {}) =>
  Promise.resolve(app.request(path, { headers }, env));

describe("rate limits", () => {
  it("counts requests without a key per address and answers 429 past the limit", async () => {
    const env = from("203.0.113.7");
    const first = await get(t.app, "/storylines", env);
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-policy")).toBe('"address";q=2;w=60');
    expect(first.headers.get("ratelimit")).toBe('"address";r=1;t=50');
    expect((await get(t.app, "/storylines", env)).headers.get("ratelimit")).toBe('"address";r=0;t=50');
    const over = await get(t.app, "/storylines", env);
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toBe("50");
    expect(over.headers.get("content-type")).toBe("application/problem+json");
    expect(over.headers.get("ratelimit")).toBe('"address";r=0;t=50');
    expect(await over.json()).toMatchObject({
      status: 429,
      code: "rate_limited",
      detail: expect.stringMatching(/limit is 2 per 60 seconds .* Try again in 50 seconds/),
    });
    // Another address has its own count.
    expect((await get(t.app, "/storylines", from("198.51.100.1"))).status).toBe(200);
  });

  it("counts per API key, apart from the address, and starts again in the next window", async () => {
    const env = from("203.0.113.8");
    for (let i = 0; i < 3; i++) expect((await get(t.app, "/storylines", env, admin)).status).toBe(200);
    const over = await get(t.app, "/storylines", env, admin);
    expect(over.status).toBe(429);
    expect(over.headers.get("ratelimit-policy")).toBe('"key";q=3;w=60');
    expect((await get(t.app, "/storylines", env)).status).toBe(200); // the address is not the key
    now = new Date("2026-01-01T00:01:00.000Z");
    const next = await get(t.app, "/storylines", env, admin);
    expect(next.status).toBe(200);
    expect(next.headers.get("ratelimit")).toBe('"key";r=2;t=60');
  });

  it("holds one limit across several app instances sharing the store (Lambda containers)", async () => {
    now = new Date("2026-01-01T00:05:00.000Z");
    const other = createApp({ ...t.deps, rateLimit: limits, now: () => now });
    const env = from("192.0.2.44");
    const statuses = [];
    for (const app of [t.app, other, t.app, other]) statuses.push((await get(app, "/storylines", env)).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it("leaves loopback clients and /health alone unless told otherwise", async () => {
    for (let i = 0; i < 5; i++) {
      const res = await get(t.app, "/storylines", from("127.0.0.1"));
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit")).toBeNull();
      expect((await get(t.app, "/health", from("203.0.113.7"))).status).toBe(200);
    }
    // Loopback is not counted with a key either.
    for (let i = 0; i < 5; i++) expect((await get(t.app, "/storylines", from("127.0.0.1"), admin)).status).toBe(200);
    const strict = createApp({ ...t.deps, rateLimit: { ...limits, limitLoopback: true }, now: () => now });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(strict, "/storylines", from("::1"))).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it("counts a key that is not valid against the address; routes that need a key answer it with 401", async () => {
    now = new Date("2026-01-01T00:09:00.000Z");
    const env = from("203.0.113.9");
    const wrong = { authorization: "Bearer wrong" };
    const read = await get(t.app, "/storylines", env, wrong);
    expect(read.status).toBe(200);
    expect(read.headers.get("ratelimit")).toBe('"address";r=1;t=60');
    const write = await Promise.resolve(
      t.app.request(
        "/feeds",
        { method: "POST", headers: { ...wrong, "content-type": "application/json" }, body: "{}" },
        env,
      ),
    );
    expect(write.status).toBe(401);
    expect((await get(t.app, "/storylines", env)).status).toBe(429);
  });

  it("serves requests uncounted for a while when the store cannot count (the routes report the store)", async () => {
    let calls = 0;
    const store = new Proxy(t.store, {
      get: (target, name) =>
        name === "hitRateLimit"
          ? async () => {
              calls += 1;
              throw new Error("throttled");
            }
          : Reflect.get(target, name),
    });
    const warned = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const app = createApp({ ...t.deps, store, rateLimit: limits });
    for (let i = 0; i < 4; i++) expect((await get(app, "/storylines", from("203.0.113.10"))).status).toBe(200);
    expect(calls).toBe(1); // the next ones did not wait for a failing store
    expect(warned).toHaveBeenCalledOnce();
    warned.mockRestore();
  });
});

describe("addresses", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["2001:0db8:0000:0001::9", "2001:db8:0:1::/64"],
  ])("buckets %s as %s", (address, bucket) => {
    expect(addressBucket(address)).toBe(bucket);
  });

  it("reads the client address from Node's socket and from a Lambda event, never from headers", async () => {
    const app = createApp({ ...t.deps, rateLimit: { ...limits, perAddress: 0 } });
    const seen: (string | null)[] = [];
    app.get("/__address", (c) => {
      seen.push(clientAddress(c));
      return c.text("ok");
    });
    await app.request("/__address", {}, from("198.51.100.9"));
    await app.request("/__address", {}, { event: { requestContext: { http: { sourceIp: "198.51.100.10" } } } });
    await app.request("/__address", { headers: { "x-forwarded-for": "1.2.3.4" } }, {});
    expect(seen).toEqual(["198.51.100.9", "198.51.100.10", null]);
  });
});
