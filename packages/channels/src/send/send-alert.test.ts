import { testAlert } from "@storywire/channels/test-support/alerts";
import { closedPortUrl, loopbackPoster, type Receiver, startReceiver } from "@storywire/channels/test-support/loopback";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, HttpPoster, SendContext } from "../types.ts";
import { generateWebhookSecret } from "../webhook/secret.ts";
import { sendAlert } from "./send-alert.ts";

describe("sendAlert outcome mapping against a loopback endpoint", () => {
  let receiver: Receiver;
  let redirectTarget: Receiver;
  const ctx: SendContext = { subscriptionId: "sub_1", post: loopbackPoster, allowPrivateNetworks: true };

  beforeAll(async () => {
    receiver = await startReceiver();
    redirectTarget = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await redirectTarget.close();
  });

  const channels = (): Channel[] => [
    { type: "webhook", url: `${receiver.url}/webhook`, secrets: [generateWebhookSecret()] },
    { type: "slack", url: `${receiver.url}/slack` },
    { type: "discord", url: `${receiver.url}/discord` },
  ];

  it.each([
    [200, {}, { ok: true, retryable: false, disableEndpoint: false }],
    [204, {}, { ok: true, retryable: false, disableEndpoint: false }],
    [301, { location: "REDIRECT" }, { ok: false, retryable: true, disableEndpoint: false }],
    [307, { location: "REDIRECT" }, { ok: false, retryable: true, disableEndpoint: false }],
    [400, {}, { ok: false, retryable: false, disableEndpoint: false }],
    [404, {}, { ok: false, retryable: false, disableEndpoint: false }],
    [408, {}, { ok: false, retryable: true, disableEndpoint: false }],
    [410, {}, { ok: false, retryable: false, disableEndpoint: true }],
    [429, { "retry-after": "120" }, { ok: false, retryable: true, disableEndpoint: false, retryAfterMs: 120_000 }],
    [500, {}, { ok: false, retryable: true, disableEndpoint: false }],
    [503, { "retry-after": "30" }, { ok: false, retryable: true, disableEndpoint: false, retryAfterMs: 30_000 }],
  ])("HTTP %i -> %o for every HTTP channel", async (status, headers, expected) => {
    receiver.reply(() => ({
      status,
      headers: Object.fromEntries(
        Object.entries(headers).map(([k, v]) => [k, v === "REDIRECT" ? `${redirectTarget.url}/elsewhere` : v]),
      ),
      body: "SECRET-RESPONSE-BODY",
    }));
    for (const channel of channels()) {
      const result = await sendAlert(channel, testAlert(), ctx);
      expect(result).toMatchObject({ ...expected, status });
      expect(result.retryAfterMs).toBe("retryAfterMs" in expected ? expected.retryAfterMs : undefined);
      if (result.ok) {
        expect(result.error).toBeUndefined();
      } else {
        expect(result.error).toMatch(
          new RegExp(`^The [A-Za-z ]+ (answered|asked|timed|refused|failed).*HTTP ${status}.*\\.$`),
        );
        expect(result.error).not.toContain("SECRET");
      }
    }
    expect(redirectTarget.received).toHaveLength(0);
  });

  it("posts each channel's own JSON to its own URL", async () => {
    receiver.reply(() => ({ status: 200 }));
    const before = receiver.received.length;
    for (const channel of channels()) await sendAlert(channel, testAlert(), ctx);
    const sent = receiver.received.slice(before);
    expect(sent.map((request) => request.path)).toEqual(["/webhook", "/slack", "/discord"]);
    expect(Object.keys(JSON.parse(sent[0]?.body ?? "{}"))).toEqual(["type", "timestamp", "data"]);
    expect(JSON.parse(sent[1]?.body ?? "{}")).toHaveProperty("blocks");
    expect(JSON.parse(sent[2]?.body ?? "{}")).toHaveProperty("allowed_mentions", { parse: [] });
    expect(sent.every((request) => request.headers["content-type"] === "application/json")).toBe(true);
  });

  it("treats a refused connection as retryable", async () => {
    const result = await sendAlert({ type: "slack", url: await closedPortUrl() }, testAlert(), ctx);
    expect(result).toMatchObject({ ok: false, retryable: true, disableEndpoint: false });
    expect(result.status).toBeUndefined();
    expect(result.error).toMatch(/^The Slack webhook could not be reached: Could not connect to .*ECONNREFUSED/);
  });

  it("does not post to private addresses unless allowed, and does not retry that", async () => {
    const before = receiver.received.length;
    const result = await sendAlert({ type: "discord", url: `${receiver.url}/x` }, testAlert(), {
      ...ctx,
      allowPrivateNetworks: false,
    });
    expect(result).toMatchObject({ ok: false, retryable: false, disableEndpoint: false });
    expect(result.error).toMatch(/is not allowed/);
    expect(receiver.received.length).toBe(before);
  });
});

describe("sendAlert with a stand-in poster", () => {
  const throwing =
    (error: unknown): HttpPoster =>
    async () => {
      throw error;
    };
  const send = (post: HttpPoster | undefined, channel: Channel = { type: "slack", url: "https://hooks.example/x" }) =>
    sendAlert(channel, testAlert(), { subscriptionId: "s", ...(post === undefined ? {} : { post }) });

  it.each([
    ["a timeout", { code: "timeout", message: "https://hooks.example/x did not answer within 15 s." }, true],
    ["a reset", { code: "network_error", message: "The connection was reset." }, true],
    ["a blocked address", { code: "blocked_address", message: "https://hooks.example/x resolves to 10.0.0.1." }, false],
    ["an explicit retryable flag", { code: "something_new", message: "New failure.", retryable: false }, false],
    ["an unknown error", new Error("boom"), true],
    ["a thrown string", "weird", true],
  ])("classifies %s", async (_label, error, retryable) => {
    const result = await send(throwing(error));
    expect(result).toMatchObject({ ok: false, retryable, disableEndpoint: false });
    expect(result.error).toMatch(/^The Slack webhook could not be reached: .+\.$/);
  });

  it("passes the timeout, and the private-network switch only when set, to the poster", async () => {
    const calls: Parameters<HttpPoster>[] = [];
    const post: HttpPoster = async (...args) => {
      calls.push(args);
      return { ok: true, status: 200, retryAfterMs: null };
    };
    await sendAlert({ type: "discord", url: "https://discord.example/api/webhooks/1/x" }, testAlert(), {
      subscriptionId: "s",
      post,
      timeoutMs: 5000,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]).toBe("https://discord.example/api/webhooks/1/x");
    expect(calls[0]?.[2]).toEqual({ headers: { "content-type": "application/json" }, timeoutMs: 5000 });
    await sendAlert({ type: "slack", url: "https://hooks.example/x" }, testAlert(), {
      subscriptionId: "s",
      post,
      allowPrivateNetworks: false,
    });
    expect(calls[1]?.[2]).toEqual({
      headers: { "content-type": "application/json" },
      timeoutMs: 15_000,
      allowPrivateNetworks: false,
    });
  });

  it("says what is missing instead of throwing", async () => {
    expect(await send(undefined)).toMatchObject({
      ok: false,
      retryable: false,
      error: "The Slack webhook cannot be used: no HTTP client is configured for sending.",
    });
    const unknown = { type: "pigeon", url: "x" } as unknown as Channel;
    expect(await send(throwing(new Error("unused")), unknown)).toMatchObject({
      ok: false,
      retryable: false,
      error: 'Unknown channel type "pigeon"; use webhook, slack, discord or email.',
    });
  });

  it("keeps long error messages to one bounded line", async () => {
    const result = await send(throwing({ code: "network_error", message: `line one\nline two ${"x".repeat(1000)}` }));
    expect(result.error).not.toContain("\n");
    expect(result.error?.length).toBeLessThanOrEqual(301);
  });
});
