import type { Job, Logger } from "@storywire/pipeline";
import { beforeEach, describe, expect, it } from "vitest";
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

/** What the consumers logged, by level. */
let logged: { level: string; message: string; fields: Record<string, unknown> }[] = [];
const logger: Logger = {
  info: (message, fields = {}) => void logged.push({ level: "info", message, fields }),
  warn: (message, fields = {}) => void logged.push({ level: "warn", message, fields }),
  error: (message, fields = {}) => void logged.push({ level: "error", message, fields }),
};
const options = { logger };
beforeEach(() => {
  logged = [];
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
    const result = await eachRecord(
      event,
      async (job) => {
        ran.push(job);
      },
      options,
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: "poison" }] });
    expect(ran).toEqual([JSON.parse(GOOD_A), JSON.parse(GOOD_B)]);
  });

  it("reports a job that fails while running, and only that one", async () => {
    const event = sqsEvent([
      { messageId: "m1", body: fetchJob("0000000000000001") },
      { messageId: "m2", body: fetchJob("0000000000000002") },
      { messageId: "m3", body: fetchJob("0000000000000003") },
    ]);
    const result = await eachRecord(
      event,
      async (job) => {
        if (job.type === "fetch" && job.feedId.endsWith("2")) throw new Error("DynamoDB throttled the request");
      },
      options,
    );
    expect(failedIds(result)).toEqual(["m2"]);
  });

  it("reports every failed record when several fail, each once", async () => {
    const event = sqsEvent([
      { messageId: "p1", body: "{" },
      { messageId: "ok", body: GOOD_A },
      { messageId: "p2", body: GOOD_B },
      { messageId: "p3", body: "[]" },
    ]);
    const result = await eachRecord(
      event,
      async (job) => {
        if (job.type === "deliver") throw new Error("the endpoint lease was lost");
      },
      options,
    );
    expect(failedIds(result)).toEqual(["p1", "p2", "p3"]);
  });

  it("logs each failure as one JSON line with the message id and the reason", async () => {
    await eachRecord(sqsEvent([{ messageId: "poison-1", body: "not json" }]), async () => undefined, options);
    expect(logged).toEqual([
      {
        level: "error",
        message: "job failed",
        fields: { messageId: "poison-1", error: "The queue message is not JSON." },
      },
    ]);
  });

  it("answers an empty batch with no failures", async () => {
    expect(await eachRecord({ Records: [] }, async () => undefined, options)).toEqual({ batchItemFailures: [] });
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
    const result = await eachJobOf(
      event,
      "fetch",
      async (job) => {
        ran.push(job.feedId);
      },
      options,
    );
    expect(failedIds(result)).toEqual(["poison", "stray"]);
    expect(ran.sort()).toEqual(["0000000000000001", "0000000000000002"]);
    expect(logged.find((l) => l.fields.messageId === "stray")?.fields.error).toBe(
      "A deliver job reached the fetch consumer; this queue carries only fetch jobs.",
    );
  });

  it("hands the deliver consumer its delivery ids", async () => {
    const ids: string[] = [];
    const result = await eachJobOf(
      sqsEvent([{ messageId: "d", body: GOOD_B }]),
      "deliver",
      async (job) => {
        ids.push(job.deliveryId);
      },
      options,
    );
    expect(result).toEqual({ batchItemFailures: [] });
    expect(ids).toEqual(["00000000000000bb"]);
  });
});
