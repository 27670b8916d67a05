import { testAlerts, testDigest } from "@storywire/channels/test-support/digests";
import { digestMessageId } from "@storywire/core/ids";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { ChannelConfigError } from "../errors.ts";
import type { WebhookChannel } from "../types.ts";
import { generateWebhookSecret } from "../webhook/secret.ts";
import { digestWebhookPayload, renderDigestWebhook } from "./webhook.ts";

const secret = generateWebhookSecret();
const channel: WebhookChannel = { type: "webhook", url: "https://hooks.example.org/storywire", secrets: [secret] };

describe("digest webhooks", () => {
  it("posts { type: storyline.digest, timestamp, data: { period, alerts } } that standardwebhooks verifies", () => {
    const alerts = testAlerts(3);
    const now = new Date();
    const id = digestMessageId("sub_1", ["c", "a", "b"]);
    const request = renderDigestWebhook(channel, { period: "hourly", alerts }, { id, now });
    expect(request.url).toBe(channel.url);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["webhook-id"]).toBe(id);
    expect(request.headers["webhook-timestamp"]).toBe(String(Math.floor(now.getTime() / 1000)));
    const payload = new Webhook(secret).verify(request.body, request.headers);
    expect(payload).toEqual({
      type: "storyline.digest",
      timestamp: now.toISOString(),
      data: { period: "hourly", alerts: JSON.parse(JSON.stringify(alerts)) },
    });
    expect(Object.keys(JSON.parse(request.body))).toEqual(["type", "timestamp", "data"]);
  });

  it("fails verification with another secret or a tampered body", () => {
    const request = renderDigestWebhook(channel, testDigest(2), { id: digestMessageId("s", ["a"]) });
    expect(() => new Webhook(generateWebhookSecret()).verify(request.body, request.headers)).toThrow();
    const tampered = request.body.replace("Story 2", "Story 9");
    expect(tampered).not.toBe(request.body);
    expect(() => new Webhook(secret).verify(tampered, request.headers)).toThrow(/signature/i);
  });

  it("signs with both secrets while rotating", () => {
    const next = generateWebhookSecret();
    const request = renderDigestWebhook({ ...channel, secrets: [secret, next] }, testDigest(1), { id: "msg_x" });
    expect(request.headers["webhook-signature"].split(" ")).toHaveLength(2);
    for (const key of [secret, next])
      expect(() => new Webhook(key).verify(request.body, request.headers)).not.toThrow();
  });

  it("refuses a digest without alerts or with an unknown period", () => {
    expect(() => digestWebhookPayload({ period: "hourly", alerts: [] }, new Date())).toThrow(ChannelConfigError);
    expect(() => digestWebhookPayload({ period: "weekly" as "daily", alerts: testAlerts(1) }, new Date())).toThrow(
      /period must be "hourly" or "daily", not "weekly"/,
    );
  });
});
