import { testDigest } from "@storywire/channels/test-support/digests";
import {
  loopbackPoster,
  type ReceivedRequest,
  type Receiver,
  startReceiver,
} from "@storywire/channels/test-support/loopback";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmailMessage, EmailSender } from "../email/types.ts";
import type { Channel, DigestSendContext } from "../types.ts";
import { generateWebhookSecret } from "../webhook/secret.ts";
import { sendDigest } from "./send-digest.ts";

const headersOf = (request: ReceivedRequest): Record<string, string> => ({
  "webhook-id": String(request.headers["webhook-id"]),
  "webhook-timestamp": String(request.headers["webhook-timestamp"]),
  "webhook-signature": String(request.headers["webhook-signature"]),
});

describe("sendDigest to a loopback endpoint", () => {
  let receiver: Receiver;
  const secret = generateWebhookSecret();
  const ctx = (overrides: Partial<DigestSendContext> = {}): DigestSendContext => ({
    subscriptionId: "sub_1",
    deliveryIds: ["00000000000000a1", "00000000000000a2", "00000000000000a3"],
    post: loopbackPoster,
    allowPrivateNetworks: true,
    ...overrides,
  });
  const channels = (): Channel[] => [
    { type: "webhook", url: `${receiver.url}/webhook`, secrets: [secret] },
    { type: "slack", url: `${receiver.url}/slack` },
    { type: "discord", url: `${receiver.url}/discord` },
  ];

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  it("posts one message per channel: a verified storyline.digest, Slack blocks, Discord embeds", async () => {
    receiver.reply(() => ({ status: 204 }));
    const before = receiver.received.length;
    for (const channel of channels()) {
      expect(await sendDigest(channel, testDigest(3), ctx())).toEqual({
        ok: true,
        status: 204,
        retryable: false,
        disableEndpoint: false,
      });
    }
    const [webhook, slack, discord] = receiver.received.slice(before);
    expect(receiver.received.length - before).toBe(3);
    const payload = new Webhook(secret).verify(webhook?.body ?? "", headersOf(webhook as ReceivedRequest)) as {
      type: string;
      data: { period: string; alerts: unknown[] };
    };
    expect(payload.type).toBe("storyline.digest");
    expect(payload.data.period).toBe("hourly");
    expect(payload.data.alerts).toHaveLength(3);
    expect(JSON.parse(slack?.body ?? "{}").blocks).toHaveLength(4);
    expect(JSON.parse(discord?.body ?? "{}")).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(JSON.parse(discord?.body ?? "{}").embeds).toHaveLength(3);
  });

  it("keeps the webhook-id for the same deliveries in any order and changes it for others", async () => {
    receiver.reply(() => ({ status: 200 }));
    const [webhook] = channels() as [Channel];
    const idOf = async (overrides: Partial<DigestSendContext>) => {
      await sendDigest(webhook, testDigest(3), ctx(overrides));
      return String(receiver.received.at(-1)?.headers["webhook-id"]);
    };
    const id = await idOf({});
    expect(id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(await idOf({ deliveryIds: ["00000000000000a3", "00000000000000a1", "00000000000000a2"] })).toBe(id);
    expect(await idOf({ deliveryIds: ["00000000000000a1"] })).not.toBe(id);
    expect(await idOf({ subscriptionId: "sub_2" })).not.toBe(id);
  });

  it("classifies failures as sendAlert does", async () => {
    receiver.reply(() => ({ status: 503, headers: { "retry-after": "60" }, body: "SECRET" }));
    for (const channel of channels()) {
      const result = await sendDigest(channel, testDigest(2), ctx());
      expect(result).toMatchObject({ ok: false, status: 503, retryable: true, retryAfterMs: 60_000 });
      expect(result.error).not.toContain("SECRET");
    }
    receiver.reply(() => ({ status: 410 }));
    expect(await sendDigest(channels()[1] as Channel, testDigest(2), ctx())).toMatchObject({
      ok: false,
      disableEndpoint: true,
    });
  });

  it("refuses, without sending, a digest with no alerts or no delivery ids", async () => {
    const before = receiver.received.length;
    for (const channel of channels()) {
      expect(await sendDigest(channel, testDigest([]), ctx())).toMatchObject({
        ok: false,
        retryable: false,
        error: "A digest needs at least one alert; nothing was sent.",
      });
      expect(await sendDigest(channel, testDigest(1), ctx({ deliveryIds: [] }))).toMatchObject({
        ok: false,
        retryable: false,
        error: "A digest needs at least one delivery; nothing was sent.",
      });
    }
    expect(receiver.received.length).toBe(before);
  });
});

describe("sendDigest by email", () => {
  const sent: EmailMessage[] = [];
  const sender: EmailSender = {
    async send(message) {
      sent.push(message);
      return { messageId: null };
    },
  };
  const ctx: DigestSendContext = {
    subscriptionId: "sub_1",
    deliveryIds: ["00000000000000a1", "00000000000000a2"],
    email: { sender, from: "Storywire <alerts@storywire.example.org>" },
  };

  it("sends one message with the digest's Message-ID", async () => {
    const result = await sendDigest({ type: "email", to: "reader@example.org" }, testDigest(2), ctx);
    expect(result).toEqual({ ok: true, retryable: false, disableEndpoint: false });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toBe("[Storywire] Digest: 2 alerts");
    expect(sent[0]?.messageId).toMatch(/^<msg_[0-9a-f]{32}@storywire\.example\.org>$/);
  });

  it("says what is missing instead of throwing", async () => {
    const { email: _unused, ...withoutEmail } = ctx;
    expect(await sendDigest({ type: "email", to: "reader@example.org" }, testDigest(1), withoutEmail)).toMatchObject({
      ok: false,
      retryable: false,
      error: "Email digests cannot be sent: no email sender (SMTP or SES) is configured.",
    });
    expect(await sendDigest({ type: "pigeon" } as unknown as Channel, testDigest(1), ctx)).toMatchObject({
      ok: false,
      error: 'Unknown channel type "pigeon"; use webhook, slack, discord or email.',
    });
  });
});
