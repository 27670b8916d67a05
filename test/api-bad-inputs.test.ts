/**
 * BAD-INPUTS 1-2, 6, 28-30 at the API: blocked and malformed URLs are 400 with a message naming the problem,
 * bodies are validated field by field, oversized bodies are 413, keys are checked; never a stack trace.
 */
import { silentLogger } from "@storywire/pipeline";
import { type LocalStack, loadConfig, startLocalStack } from "storywire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ADMIN = "bad-inputs-admin-key-0123";

describe("API bad inputs", () => {
  let stack: LocalStack;
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json", ...headers },
      body,
    });

  beforeAll(async () => {
    // The guard stays ON here: this is the product's default.
    const config = loadConfig({
      env: {},
      overrides: { port: 0, feeds: [], adminKey: ADMIN, allowPrivateNetworks: false },
    });
    stack = await startLocalStack(config, { inMemory: true, scheduler: false, logger: silentLogger });
  });
  afterAll(async () => stack?.close());

  it.each([
    "http://169.254.169.254/latest/meta-data/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://0x7f.1/",
    "http://127.1/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::1]/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://10.0.0.1/feed",
    "http://192.168.1.1/rss",
    "http://localhost:8787/feed",
    "file:///etc/passwd",
    "ftp://example.com/feed",
    "gopher://example.com/",
    "data:text/plain,hello",
    "javascript:alert(1)",
    "http://u:p@example.com/feed",
    `https://example.com/${"a".repeat(100_000)}`,
  ])("POST /feeds refuses %s with a clear 400", async (url) => {
    const res = await post("/feeds", JSON.stringify({ url }));
    expect([400, 413]).toContain(res.status);
    const body = (await res.json()) as { status: number; detail: string; code: string };
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(body.status).toBe(res.status);
    expect(body.detail.length).toBeGreaterThan(10);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|node_modules/);
    expect((await (await fetch(`${stack.url}/feeds`)).json()) as { feeds: unknown[] }).toEqual({ feeds: [] });
  });

  it.each([
    ["malformed JSON", "{not json", /not valid JSON/],
    ["a wrong type", JSON.stringify({ url: 42 }), /"url"/],
    ["a missing field", JSON.stringify({}), /"url"/],
    ["an unknown field", JSON.stringify({ url: "https://example.com/feed", extra: 1 }), /unknown field "extra"/],
  ])("POST /feeds with %s is a 400 naming the problem", async (_name, body, message) => {
    const res = await post("/feeds", body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(message);
  });

  it("refuses an oversized body with 413", async () => {
    const res = await post("/subscriptions", JSON.stringify({ storylines: ["sco"], pad: "x".repeat(200_000) }));
    expect(res.status).toBe(413);
  });

  it("needs the admin key to write: 401 without it or with a wrong one", async () => {
    const body = JSON.stringify({ url: "https://example.com/feed" });
    const none = await fetch(`${stack.url}/feeds`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(none.status).toBe(401);
    const wrong = await post("/feeds", body, { authorization: "Bearer nope" });
    expect(wrong.status).toBe(401);
    const subs = await fetch(`${stack.url}/subscriptions/0123456789abcdef`);
    expect(subs.status).toBe(401);
  });

  it("refuses a webhook subscription to a private address and an unknown storyline", async () => {
    const privateHook = await post(
      "/subscriptions",
      JSON.stringify({ storylines: ["new-start"], channel: { type: "webhook", url: "http://127.0.0.1:9/hook" } }),
    );
    expect(privateHook.status).toBe(400);
    expect(((await privateHook.json()) as { detail: string }).detail).toMatch(/channel\.url/);
    const unknown = await post("/subscriptions", JSON.stringify({ storylines: ["gaza"], channel: { type: "feed" } }));
    expect(unknown.status).toBe(400);
  });

  it("answers unknown routes and stories with JSON 404s", async () => {
    expect((await fetch(`${stack.url}/nope`)).status).toBe(404);
    const missing = await fetch(`${stack.url}/stories/0123456789abcdef`);
    expect(missing.status).toBe(404);
    expect((await fetch(`${stack.url}/stories/0123456789abcdef.txt`)).status).toBe(404);
    expect((await fetch(`${stack.url}/stories/NOT-AN-ID`)).status).toBe(400);
  });

  it("serves an OpenAPI 3.1 document listing every route", async () => {
    const doc = (await (await fetch(`${stack.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe("3.1.0");
    for (const path of [
      "/health",
      "/feeds",
      "/stories",
      "/stories/{id}",
      "/stories/{id}.txt",
      "/subscriptions",
      "/subscriptions/{id}",
      "/subscriptions/{id}/test",
      "/subscriptions/{id}/deliveries",
      "/deliveries/{id}/replay",
      "/storylines",
    ]) {
      expect(doc.paths).toHaveProperty([path]);
    }
  });

  it("gives each subscription its own key, which reads and manages only that subscription", async () => {
    const create = async () => {
      const res = await post("/subscriptions", JSON.stringify({ storylines: ["sco"], channel: { type: "feed" } }));
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string; key: string; secret: string };
    };
    const a = await create();
    const b = await create();
    expect(a.key).toMatch(/^swsub_[0-9a-f]{16}_/);
    const as = (key: string, path: string, method = "GET") =>
      fetch(`${stack.url}${path}`, { method, headers: { authorization: `Bearer ${key}` } });
    const own = await as(a.key, `/subscriptions/${a.id}`);
    expect(own.status).toBe(200);
    const body = (await own.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty("secret"); // shown only at creation
    expect(body).not.toHaveProperty("key");
    expect((await as(a.key, `/subscriptions/${b.id}`)).status).toBe(404);
    expect((await as(a.key, `/subscriptions/${b.id}/deliveries`)).status).toBe(404);
    expect((await as(a.key, `/subscriptions/${b.id}`, "DELETE")).status).toBe(404);
    expect((await as(`${a.key.slice(0, -2)}xx`, `/subscriptions/${a.id}`)).status).toBe(401);
    const forged = await fetch(`${stack.url}/subscriptions`, {
      method: "POST",
      headers: { authorization: `Bearer ${a.key}`, "content-type": "application/json" },
      body: JSON.stringify({ storylines: ["sco"], channel: { type: "feed" } }),
    });
    expect(forged.status).toBe(403); // a valid key, but creating subscriptions needs the admin key
    expect((await as(b.key, `/subscriptions/${b.id}`, "DELETE")).status).toBe(204);
  });
});
