/**
 * Issue 11 through the local stack's real HTTP server: nosniff on every answer, one auth rule, the subscription
 * list, secret rotation verified with the standardwebhooks package, two replays of one delivery at once, and a 431
 * that is a problem document.
 */
import { request } from "node:http";
import { Webhook } from "standardwebhooks";
import type { LocalStack } from "storywire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestReceiver } from "./support/receiver.ts";
import { adminHeaders, startTestStack, subscribeWebhook } from "./support/stack.ts";

let stack: LocalStack;
let receiver: Awaited<ReturnType<typeof startTestReceiver>>;

beforeAll(async () => {
  stack = await startTestStack();
  receiver = await startTestReceiver();
});
afterAll(async () => {
  await stack?.close();
  await receiver?.close();
});

const call = (path: string, init: RequestInit = {}) => fetch(`${stack.url}${path}`, init);
const as = (key: string | null, path: string, init: RequestInit = {}) =>
  call(path, {
    ...init,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
    },
  });

async function createSub(channel: Record<string, unknown> = { type: "feed" }) {
  const res = await call("/subscriptions", {
    method: "POST",
    headers: adminHeaders,
    body: JSON.stringify({ storylines: ["sco"], channel }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; key: string; secret: string };
}

describe("X-Content-Type-Options: nosniff on every answer", () => {
  it.each([
    ["JSON", "/health", {}],
    ["the OpenAPI document", "/openapi.json", {}],
    ["the dashboard", "/", {}],
    ["a 404 problem", "/nowhere", {}],
    ["a 405 problem", "/feeds", { method: "PUT" }],
    ["a 401 problem", "/feeds", { method: "POST", body: "{}" }],
    ["a 400 problem", "/stories/NOT-AN-ID", {}],
  ] as const)("%s", async (_what, path, init) => {
    const res = await call(path, init as RequestInit);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("a 413 problem", async () => {
    const res = await call("/feeds", { method: "POST", headers: adminHeaders, body: "x".repeat(100_000) });
    expect(res.status).toBe(413);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("one auth rule: 401 without a valid key, 403 for a subscription key on an admin route, 404 for another's", () => {
  it("GET /subscriptions: 401 without a key or with a wrong one, the page for the admin key", async () => {
    const a = await createSub();
    expect((await as(null, "/subscriptions")).status).toBe(401);
    expect((await as("not-a-key", "/subscriptions")).status).toBe(401);
    const page = (await (await as(adminHeaders.authorization.slice(7), "/subscriptions?limit=100")).json()) as {
      subscriptions: { id: string }[];
      nextCursor: string | null;
    };
    expect(page.subscriptions.map((s) => s.id)).toContain(a.id);
    expect(JSON.stringify(page)).not.toMatch(/whsec_|"secret"/);
  });

  it("GET /subscriptions with a subscription key: only its own, as a list of one", async () => {
    const a = await createSub();
    await createSub();
    const res = await as(a.key, "/subscriptions");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { subscriptions: { id: string }[]; nextCursor: string | null };
    expect(body).toEqual({ subscriptions: [expect.objectContaining({ id: a.id })], nextCursor: null });
  });

  it("pages through every subscription without repeats or gaps", async () => {
    for (let i = 0; i < 5; i++) await createSub();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const page = (await (await as(adminHeaders.authorization.slice(7), `/subscriptions?limit=2${query}`)).json()) as {
        subscriptions: { id: string }[];
        nextCursor: string | null;
      };
      seen.push(...page.subscriptions.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const all = await stack.store.listSubscriptions({ includeDisabled: true });
    expect(seen.sort()).toEqual(all.map((s) => s.id).sort());
  });

  it("a subscription key on an admin route is 403 with a sentence naming what it may do", async () => {
    const a = await createSub();
    for (const [path, method] of [
      ["/subscriptions", "POST"],
      ["/feeds", "POST"],
    ] as const) {
      const res = await as(a.key, path, { method, body: JSON.stringify({}) });
      expect(res.status).toBe(403);
      const problem = (await res.json()) as { code: string; detail: string };
      expect(problem.code).toBe("forbidden");
      expect(problem.detail).toContain(`only subscription ${a.id}`);
    }
  });

  it("a bad cursor is a 400 naming the cursor, not a 500", async () => {
    const res = await as(adminHeaders.authorization.slice(7), "/subscriptions?cursor=bm90LWEtY3Vyc29y");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "invalid_cursor", field: "cursor" });
  });
});

describe("POST /subscriptions/{id}/rotate-secret", () => {
  it("signs with the old and the new secret during the grace period; each verifies with standardwebhooks", async () => {
    const sub = await subscribeWebhook(stack, receiver, ["sco"]);
    const old = sub.secret;
    const res = await as(adminHeaders.authorization.slice(7), `/subscriptions/${sub.id}/rotate-secret`, {
      method: "POST",
      body: JSON.stringify({ gracePeriodSeconds: 3600 }),
    });
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as { secret: string; previousSecretExpiresAt: string; secretRotatedAt: string };
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(old);
    expect(Date.parse(rotated.previousSecretExpiresAt) - Date.parse(rotated.secretRotatedAt)).toBe(3_600_000);

    const captured = await captureTestSend(sub.id);
    expect(captured.headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(new Webhook(old).verify(captured.body, captured.headers)).toMatchObject({ type: "storyline.test" });
    expect(new Webhook(rotated.secret).verify(captured.body, captured.headers)).toMatchObject({
      type: "storyline.test",
    });
    const shown = (await (await as(adminHeaders.authorization.slice(7), `/subscriptions/${sub.id}`)).json()) as Record<
      string,
      unknown
    >;
    expect(shown.previousSecretExpiresAt).toBe(rotated.previousSecretExpiresAt);
    expect(JSON.stringify(shown)).not.toContain(rotated.secret);
  });

  it("with no grace period the old secret stops at once; the default grace period is a day", async () => {
    const sub = await subscribeWebhook(stack, receiver, ["sco"]);
    const admin = adminHeaders.authorization.slice(7);
    const byDefault = (await (
      await as(admin, `/subscriptions/${sub.id}/rotate-secret`, { method: "POST" })
    ).json()) as {
      secretRotatedAt: string;
      previousSecretExpiresAt: string;
    };
    expect(Date.parse(byDefault.previousSecretExpiresAt) - Date.parse(byDefault.secretRotatedAt)).toBe(86_400_000);
    const now = (await (
      await as(admin, `/subscriptions/${sub.id}/rotate-secret`, {
        method: "POST",
        body: JSON.stringify({ gracePeriodSeconds: 0 }),
      })
    ).json()) as { secret: string; previousSecretExpiresAt: string | null };
    expect(now.previousSecretExpiresAt).toBeNull();
    const captured = await captureTestSend(sub.id);
    expect(captured.headers["webhook-signature"].split(" ")).toHaveLength(1);
    expect(() => new Webhook(sub.secret).verify(captured.body, captured.headers)).toThrow();
    expect(new Webhook(now.secret).verify(captured.body, captured.headers)).toBeTruthy();
  });

  it("is the subscription's own business: its key may rotate, another's gets 404, a bad grace period 400", async () => {
    const a = await createSub();
    const b = await createSub();
    expect((await as(a.key, `/subscriptions/${a.id}/rotate-secret`, { method: "POST" })).status).toBe(200);
    expect((await as(a.key, `/subscriptions/${b.id}/rotate-secret`, { method: "POST" })).status).toBe(404);
    const bad = await as(a.key, `/subscriptions/${a.id}/rotate-secret`, {
      method: "POST",
      body: JSON.stringify({ gracePeriodSeconds: -1 }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: "gracePeriodSeconds" });
    expect(
      (
        await as(adminHeaders.authorization.slice(7), "/subscriptions/0123456789abcdef/rotate-secret", {
          method: "POST",
        })
      ).status,
    ).toBe(404);
  });

  it("two rotations at the same moment: one 200, the other 409 with a sentence", async () => {
    const a = await createSub();
    const admin = adminHeaders.authorization.slice(7);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => as(admin, `/subscriptions/${a.id}/rotate-secret`, { method: "POST" })),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    for (const res of answers.filter((r) => r.status === 409)) {
      expect(((await res.json()) as { detail: string }).detail).toMatch(/rotated by another request/);
    }
  });
});

/** Sends the subscription's test alert to the receiver and returns the request as it arrived. */
async function captureTestSend(id: string) {
  const before = receiver.received.length;
  const res = await as(adminHeaders.authorization.slice(7), `/subscriptions/${id}/test`, { method: "POST" });
  expect(res.status).toBe(200);
  expect(receiver.raw.length).toBeGreaterThan(before);
  const last = receiver.raw.at(-1) as { body: string; headers: Record<string, string> };
  return {
    body: last.body,
    headers: last.headers as { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string },
  };
}

describe("two replays of one failed delivery at the same moment", () => {
  it("the first is 202, the loser 409 with a sentence; the delivery is queued once", async () => {
    const sub = await createSub({ type: "webhook", url: receiver.url });
    const { delivery } = await stack.store.enqueueDelivery({ subscriptionId: sub.id, storyId: "a0000000000000aa" });
    const claimed = await stack.store.claimDelivery(delivery.id, "w", new Date().toISOString(), 60_000);
    expect(claimed).not.toBeNull();
    await stack.store.completeDelivery(delivery.id, "w", { outcome: "failed", error: "HTTP 500" });
    const admin = adminHeaders.authorization.slice(7);
    const answers = await Promise.all([
      as(admin, `/deliveries/${delivery.id}/replay`, { method: "POST" }),
      as(admin, `/deliveries/${delivery.id}/replay`, { method: "POST" }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([202, 409]);
    const loser = answers.find((r) => r.status === 409) as Response;
    const problem = (await loser.json()) as { code: string; detail: string };
    expect(problem.code).toBe("not_failed");
    expect(problem.detail).toMatch(/^Delivery [0-9a-f]{16} .*only failed deliveries can be replayed/);
  });
});

describe("requests too large for the server to read", () => {
  /** A raw request (fetch cannot send these), answered by the server before the app. */
  const raw = (path: string, headers: Record<string, string>) => {
    const { port } = new URL(stack.url);
    return new Promise<{ status: number; type: string; body: string; nosniff: string }>((ok, fail) => {
      const req = request({ host: "127.0.0.1", port: Number(port), path, headers }, (res) => {
        let body = "";
        res.on("data", (chunk) => {
          body += String(chunk);
        });
        res.on("end", () =>
          ok({
            status: res.statusCode ?? 0,
            type: String(res.headers["content-type"]),
            body,
            nosniff: String(res.headers["x-content-type-options"]),
          }),
        );
      });
      req.on("error", fail);
      req.end();
    });
  };
  const many = Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`x-h${i}`, "1234567"]));

  it.each([
    ["one huge header", "/health", { "x-padding": "a".repeat(20_000) }, 431, "headers_too_large"],
    ["many headers", "/health", many, 431, "headers_too_large"],
    ["a huge cookie", "/stories", { cookie: `a=${"b".repeat(17_000)}` }, 431, "headers_too_large"],
    ["a huge URL", `/stories?q=${"a".repeat(20_000)}`, {}, 414, "uri_too_long"],
  ] as const)("%s: %i with a problem document, not an empty body", async (_what, path, headers, status, code) => {
    const answer = await raw(path, headers as Record<string, string>);
    expect(answer.status).toBe(status);
    expect(answer.type).toBe("application/problem+json");
    expect(answer.nosniff).toBe("nosniff");
    expect(JSON.parse(answer.body)).toMatchObject({ status, code, type: `/problems/${code}` });
  });
});
