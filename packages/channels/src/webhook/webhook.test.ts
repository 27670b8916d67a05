import { createHmac } from "node:crypto";
import { testAlert } from "@storywire/channels/test-support/alerts";
import {
  loopbackPoster,
  type ReceivedRequest,
  type Receiver,
  startReceiver,
} from "@storywire/channels/test-support/loopback";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendAlert } from "../send/send-alert.ts";
import type { SendContext, WebhookChannel } from "../types.ts";
import { assertWebhookSecret, generateWebhookSecret } from "./secret.ts";

const headersOf = (request: ReceivedRequest): Record<string, string> => ({
  "webhook-id": String(request.headers["webhook-id"]),
  "webhook-timestamp": String(request.headers["webhook-timestamp"]),
  "webhook-signature": String(request.headers["webhook-signature"]),
});

describe("Standard Webhooks delivery to a loopback receiver", () => {
  let receiver: Receiver;
  const secret = generateWebhookSecret();
  const channel = (): WebhookChannel => ({ type: "webhook", url: `${receiver.url}/hooks`, secrets: [secret] });
  const ctx = (overrides: Partial<SendContext> = {}): SendContext => ({
    subscriptionId: "sub_1",
    post: loopbackPoster,
    allowPrivateNetworks: true,
    ...overrides,
  });

  beforeAll(async () => {
    receiver = await startReceiver();
    // The receiver verifies like a real consumer would, with the standardwebhooks package.
    receiver.reply((request) => {
      try {
        new Webhook(secret).verify(request.body, headersOf(request));
        return { status: 204 };
      } catch {
        return { status: 400, body: "bad signature" };
      }
    });
  });
  afterAll(() => receiver.close());

  it("posts a signed { type, timestamp, data } body that Webhook.verify accepts", async () => {
    const alert = testAlert();
    const result = await sendAlert(channel(), alert, ctx());
    expect(result).toEqual({ ok: true, status: 204, retryable: false, disableEndpoint: false });
    const request = receiver.received.at(-1) as ReceivedRequest;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/hooks");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const payload = new Webhook(secret).verify(request.body, headersOf(request));
    expect(payload).toEqual({ type: "storyline.update", timestamp: alert.createdAt, data: alert });
  });

  it("signs HMAC-SHA256 over id.timestamp.body with the decoded whsec key", async () => {
    await sendAlert(channel(), testAlert({ relation: "first" }), ctx());
    const request = receiver.received.at(-1) as ReceivedRequest;
    const { "webhook-id": id, "webhook-timestamp": timestamp } = headersOf(request);
    const key = Buffer.from(secret.slice("whsec_".length), "base64");
    const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${request.body}`).digest("base64");
    expect(request.headers["webhook-signature"]).toBe(`v1,${expected}`);
    expect(JSON.parse(request.body).type).toBe("storyline.first");
  });

  it("fails verification when the body is tampered with", async () => {
    await sendAlert(channel(), testAlert(), ctx());
    const request = receiver.received.at(-1) as ReceivedRequest;
    const tampered = request.body.replace("Peskov", "Zelensky");
    expect(tampered).not.toBe(request.body);
    expect(() => new Webhook(secret).verify(tampered, headersOf(request))).toThrow(/signature/i);
  });

  it.each([
    ["6 minutes old", -6 * 60_000, false],
    ["6 minutes ahead", 6 * 60_000, false],
    ["4 minutes old", -4 * 60_000, true],
  ])("a timestamp %s is %s accepted by the receiver", async (_label, offsetMs, accepted) => {
    const result = await sendAlert(channel(), testAlert(), ctx({ now: new Date(Date.now() + offsetMs) }));
    expect(result.ok).toBe(accepted);
    if (!accepted) expect(result).toMatchObject({ status: 400, retryable: false, disableEndpoint: false });
  });

  it("signs with both secrets during rotation, and each verifies on its own", async () => {
    const next = generateWebhookSecret();
    const rotating: WebhookChannel = { ...channel(), secrets: [secret, next] };
    expect((await sendAlert(rotating, testAlert(), ctx())).ok).toBe(true);
    const request = receiver.received.at(-1) as ReceivedRequest;
    const signatures = String(request.headers["webhook-signature"]).split(" ");
    expect(signatures).toHaveLength(2);
    expect(signatures.every((signature) => signature.startsWith("v1,"))).toBe(true);
    expect(() => new Webhook(secret).verify(request.body, headersOf(request))).not.toThrow();
    expect(() => new Webhook(next).verify(request.body, headersOf(request))).not.toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(request.body, headersOf(request))).toThrow();
  });

  it("keeps webhook-id for the same (subscription, story) across retries and changes it otherwise", async () => {
    const idOf = async (subscriptionId: string, storyId: string, now = new Date()) => {
      await sendAlert(channel(), testAlert({ story: { id: storyId } }), ctx({ subscriptionId, now }));
      return String(receiver.received.at(-1)?.headers["webhook-id"]);
    };
    const first = await idOf("sub_1", "1d6d5fc977bff7a7");
    expect(first).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(await idOf("sub_1", "1d6d5fc977bff7a7", new Date(Date.now() - 60_000))).toBe(first);
    expect(await idOf("sub_2", "1d6d5fc977bff7a7")).not.toBe(first);
    expect(await idOf("sub_1", "5293376d8269ff76")).not.toBe(first);
  });

  it("sends storyline.test events with an id of their own", async () => {
    const result = await sendAlert(channel(), testAlert(), ctx({ purpose: "test" }));
    expect(result.ok).toBe(true);
    const request = receiver.received.at(-1) as ReceivedRequest;
    const payload = new Webhook(secret).verify(request.body, headersOf(request)) as { type: string };
    expect(payload.type).toBe("storyline.test");
    await sendAlert(channel(), testAlert(), ctx());
    expect(receiver.received.at(-1)?.headers["webhook-id"]).not.toBe(request.headers["webhook-id"]);
  });

  it.each([
    [["not-a-secret"], /whsec_/],
    [[`whsec_${Buffer.alloc(8).toString("base64")}`], /too short/],
    [[], /one signing secret/],
    [[secret, secret, secret], /one signing secret/],
  ])("refuses bad secrets without sending (%#)", async (secrets, message) => {
    const before = receiver.received.length;
    const result = await sendAlert({ ...channel(), secrets }, testAlert(), ctx());
    expect(result).toMatchObject({ ok: false, retryable: false, disableEndpoint: false });
    expect(result.error).toMatch(message);
    expect(receiver.received.length).toBe(before);
  });
});

describe("generateWebhookSecret", () => {
  it("makes distinct whsec_ secrets of 32 random bytes that pass assertWebhookSecret", () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(assertWebhookSecret(a)).toBe(a);
  });
});
