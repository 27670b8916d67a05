import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoadedApp, loadSstApp } from "./testing/load-app.ts";
import { durationSeconds, removeSstStandIns } from "./testing/sst-stand-ins.ts";

let loaded: LoadedApp;
beforeAll(async () => {
  loaded = await loadSstApp("dev");
});
afterAll(removeSstStandIns);

const FOURTEEN_DAYS = 14 * 24 * 60 * 60;

const WORK_QUEUES = [
  { queue: "FetchQueue", dlq: "FetchDeadLetters", consumer: "functions/ingest.handler" },
  { queue: "DeliveryQueue", dlq: "DeliveryDeadLetters", consumer: "functions/deliver.handler" },
];

describe.each(WORK_QUEUES)("$queue", ({ queue, dlq, consumer }) => {
  it(`dead-letters into ${dlq} after a few receives`, () => {
    const args = loaded.recorder.get("sst.aws.Queue", queue).args;
    const redrive = args.dlq as { queue: unknown; retry: number };
    expect(redrive.queue).toBe(`<${dlq}.arn>`);
    expect(redrive.retry).toBeGreaterThanOrEqual(3);
    expect(redrive.retry).toBeLessThanOrEqual(10);
  });

  it(`${dlq} keeps messages 14 days and has no DLQ or consumer of its own`, () => {
    const args = loaded.recorder.get("sst.aws.Queue", dlq).args;
    expect(args.transform).toEqual({ queue: { messageRetentionSeconds: FOURTEEN_DAYS } });
    expect(args.dlq).toBeUndefined();
    expect(loaded.recorder.subscriptions.some((subscription) => subscription.queue === dlq)).toBe(false);
  });

  it(`is consumed by ${consumer}, with partial batch responses`, () => {
    const subscription = loaded.recorder.subscription(queue);
    expect((subscription.subscriber as { handler: string }).handler).toBe(consumer);
    const batch = subscription.args.batch as { size: number; partialResponses: boolean; window?: string };
    expect(batch.partialResponses).toBe(true);
    // Above 10 messages SQS requires a batching window.
    expect(batch.size).toBeGreaterThanOrEqual(1);
    expect(batch.size).toBeLessThanOrEqual(10);
    expect(batch.window).toBeUndefined();
  });

  it("hides a received message for at least six times the consumer's timeout", () => {
    const visibility = durationSeconds(loaded.recorder.get("sst.aws.Queue", queue).args.visibilityTimeout);
    const timeout = durationSeconds((loaded.recorder.subscription(queue).subscriber as { timeout: string }).timeout);
    expect(visibility).toBeGreaterThanOrEqual(6 * timeout);
    // SQS maximum.
    expect(visibility).toBeLessThanOrEqual(12 * 60 * 60);
  });

  it("caps the consumer's concurrency within the event source mapping's limits", () => {
    const transform = loaded.recorder.subscription(queue).args.transform as {
      eventSourceMapping: { scalingConfig: { maximumConcurrency: number } };
    };
    const maximum = transform.eventSourceMapping.scalingConfig.maximumConcurrency;
    expect(maximum).toBeGreaterThanOrEqual(2);
    expect(maximum).toBeLessThanOrEqual(1000);
  });
});

describe("durationSeconds", () => {
  it.each([
    ["30 seconds", 30],
    ["1 second", 1],
    ["12 minutes", 720],
    ["1 hour", 3600],
    ["2 days", 172_800],
  ])("%s is %i seconds", (duration, expected) => {
    expect(durationSeconds(duration)).toBe(expected);
  });

  it.each([["30"], ["thirty seconds"], ["30 fortnights"], [30], [undefined]])("rejects %j", (duration) => {
    expect(() => durationSeconds(duration)).toThrow(/Not an SST duration/);
  });
});
