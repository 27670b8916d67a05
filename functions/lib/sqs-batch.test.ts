import type { Job } from "@storywire/pipeline";
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { sqsEvent } from "../../test/support/lambda-events.ts";
import { eachJobOf, eachRecord } from "./sqs-batch.ts";

const fetchJob = (feedId: string): string => JSON.stringify({ type: "fetch", feedId });
const GOOD_A = fetchJob("00000000000000aa");
const GOOD_B = JSON.stringify({ type: "deliver", deliveryId: "00000000000000bb" });

/** Bodies no retry can ever fix: each must fail alone and go to the dead-letter queue. */
const POISON: [string, string][] = [
  ["not JSON", "<html>503 Service Unavailable</html>"],
  ["JSON null", "null"],
  ["an unknown job type", JSON.stringify({ type: "purge", feedId: "00000000000000aa" })],
  ["a feed id that is not 16 hex characters", fetchJob("../../etc/passwd")],
  ["a delivery job without its id", JSON.stringify({ type: "deliver" })],
  ["an empty body", ""],
];

let errors: MockInstance<typeof console.error>;
beforeEach(() => {
  errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const failedIds = (result: { batchItemFailures: { itemIdentifier: string }[] }) =>
  result.batchItemFailures.map((f) => f.itemIdentifier).sort();

describe("eachRecord", () => {
  it.each(POISON)("isolates a poison record (%s): only it is reported, the rest run", async (_, body) => {
    const ran: Job[] = [];
    const event = sqsEvent([
      { messageId: "good-a", body: GOOD_A },
      { messageId: "poison", body },
      { messageId: "good-b", body: GOOD_B },
    ]);
    const result = await eachRecord(event, async (job) => {
      ran.push(job);
    });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: "poison" }] });
    expect(ran).toEqual([JSON.parse(GOOD_A), JSON.parse(GOOD_B)]);
  });

  it("reports a job that fails while running, and only that one", async () => {
    const event = sqsEvent([
      { messageId: "m1", body: fetchJob("0000000000000001") },
      { messageId: "m2", body: fetchJob("0000000000000002") },
      { messageId: "m3", body: fetchJob("0000000000000003") },
    ]);
    const result = await eachRecord(event, async (job) => {
      if (job.type === "fetch" && job.feedId.endsWith("2")) throw new Error("DynamoDB throttled the request");
    });
    expect(failedIds(result)).toEqual(["m2"]);
  });

  it("reports every failed record when several fail, each once", async () => {
    const event = sqsEvent([
      { messageId: "p1", body: "{" },
      { messageId: "ok", body: GOOD_A },
      { messageId: "p2", body: GOOD_B },
      { messageId: "p3", body: "[]" },
    ]);
    const result = await eachRecord(event, async (job) => {
      if (job.type === "deliver") throw new Error("the endpoint lease was lost");
    });
    expect(failedIds(result)).toEqual(["p1", "p2", "p3"]);
  });

  it("logs each failure as one JSON line with the message id and the reason", async () => {
    await eachRecord(sqsEvent([{ messageId: "poison-1", body: "not json" }]), async () => undefined);
    expect(errors).toHaveBeenCalledTimes(1);
    const line = JSON.parse(String(errors.mock.calls[0]?.[0]));
    expect(line).toEqual({
      level: "error",
      message: "job failed",
      messageId: "poison-1",
      error: "The queue message is not JSON.",
    });
  });

  it("answers an empty batch with no failures", async () => {
    expect(await eachRecord({ Records: [] }, async () => undefined)).toEqual({ batchItemFailures: [] });
  });
});

describe("eachJobOf", () => {
  it("runs the jobs of its queue's type and fails a job of the other type on its own, naming both", async () => {
    const ran: string[] = [];
    const event = sqsEvent([
      { messageId: "fetch-1", body: fetchJob("0000000000000001") },
      { messageId: "stray", body: GOOD_B },
      { messageId: "fetch-2", body: fetchJob("0000000000000002") },
      { messageId: "poison", body: "{" },
    ]);
    const result = await eachJobOf(event, "fetch", async (job) => {
      ran.push(job.feedId);
    });
    expect(failedIds(result)).toEqual(["poison", "stray"]);
    expect(ran.sort()).toEqual(["0000000000000001", "0000000000000002"]);
    const logged = errors.mock.calls.map((call) => JSON.parse(String(call[0])) as { messageId: string; error: string });
    expect(logged.find((l) => l.messageId === "stray")?.error).toBe(
      "A deliver job reached the fetch consumer; this queue carries only fetch jobs.",
    );
  });

  it("hands the deliver consumer its delivery ids", async () => {
    const ids: string[] = [];
    const result = await eachJobOf(sqsEvent([{ messageId: "d", body: GOOD_B }]), "deliver", async (job) => {
      ids.push(job.deliveryId);
    });
    expect(result).toEqual({ batchItemFailures: [] });
    expect(ids).toEqual(["00000000000000bb"]);
  });
});
