import { SQSClient } from "@aws-sdk/client-sqs";
import type { Job } from "@storywire/pipeline";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type SqsStandIn, startSqsStandIn } from "../../test/support/sqs-stand-in.ts";
import { SQS_MAX_DELAY_SECONDS, sqsDelaySeconds, sqsQueue } from "./sqs-queue.ts";

const hex16 = (n: number) => n.toString(16).padStart(16, "0");
const fetchJobs = (count: number, from = 0): Job[] =>
  Array.from({ length: count }, (_, i) => ({ type: "fetch", feedId: hex16(from + i) }));
const deliverJobs = (count: number, from = 0): Job[] =>
  Array.from({ length: count }, (_, i) => ({ type: "deliver", deliveryId: hex16(0xd000 + from + i) }));

let sqs: SqsStandIn;
let client: SQSClient;
let urls: { fetch: string; deliver: string };

beforeAll(async () => {
  vi.stubEnv("AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED", "true");
  sqs = await startSqsStandIn();
  urls = { fetch: sqs.createQueue("fetch"), deliver: sqs.createQueue("deliver") };
  client = new SQSClient({ ...sqs.clientConfig(), maxAttempts: 1 });
});
afterAll(async () => {
  client?.destroy();
  await sqs?.close();
  vi.unstubAllEnvs();
});
beforeEach(() => {
  sqs.refuse(null);
  sqs.clear();
});

const bodies = (queueUrl: string) => sqs.messagesIn(queueUrl).map((m) => JSON.parse(m.body) as Job);

describe("sqsQueue", () => {
  it("sends 23 fetch jobs as batches of 10, 10 and 3, in order, to the fetch queue", async () => {
    const jobs = fetchJobs(23);
    await sqsQueue(urls, client).send(jobs);
    expect(sqs.requests).toEqual([
      { queueUrl: urls.fetch, entries: 10 },
      { queueUrl: urls.fetch, entries: 10 },
      { queueUrl: urls.fetch, entries: 3 },
    ]);
    expect(bodies(urls.fetch)).toEqual(jobs);
    expect(sqs.messagesIn(urls.deliver)).toEqual([]);
  });

  it("puts the fetch and the deliver jobs of one call on their own queues", async () => {
    const fetch = fetchJobs(3);
    const deliver = deliverJobs(12);
    await sqsQueue(urls, client).send([...deliver.slice(0, 5), ...fetch, ...deliver.slice(5)]);
    expect(bodies(urls.fetch)).toEqual(fetch);
    expect(bodies(urls.deliver)).toEqual(deliver);
    expect(sqs.requests.map((r) => [r.queueUrl, r.entries])).toEqual([
      [urls.fetch, 3],
      [urls.deliver, 10],
      [urls.deliver, 2],
    ]);
  });

  it("sends nothing when there are no jobs", async () => {
    await sqsQueue(urls, client).send([]);
    expect(sqs.requests).toEqual([]);
  });

  it.each([
    [undefined, 0],
    [0, 0],
    [5, 5],
    [4.6, 5],
    [SQS_MAX_DELAY_SECONDS, SQS_MAX_DELAY_SECONDS],
    [3_600, SQS_MAX_DELAY_SECONDS],
    [-30, 0],
    [Number.NaN, 0],
  ])("a delay of %s s reaches SQS as %s s", async (given, sent) => {
    await sqsQueue(urls, client).send(deliverJobs(2), given);
    expect(sqs.messagesIn(urls.deliver).map((m) => m.delaySeconds)).toEqual([sent, sent]);
  });

  it("reports entries SQS refused as one clear error, after trying every batch", async () => {
    const jobs = fetchJobs(12);
    const poisoned = hex16(3);
    sqs.refuse(({ body }) =>
      body.includes(poisoned) ? { code: "InvalidParameterValue", message: "Message must be shorter." } : undefined,
    );
    const sending = sqsQueue(urls, client).send(jobs);
    await expect(sending).rejects.toThrow(
      `Queueing 12 job(s) failed: SQS refused 1 of 10 fetch jobs sent to ${urls.fetch} (InvalidParameterValue: Message must be shorter.).`,
    );
    // The other nine of the first batch and the whole second batch were sent.
    expect(bodies(urls.fetch)).toEqual(jobs.filter((j) => j.type === "fetch" && j.feedId !== poisoned));
  });

  it("names the queue when SQS refuses a whole request, and still sends the other job type", async () => {
    const missing = `${sqs.endpoint}/000000000000/deleted-queue`;
    const sending = sqsQueue({ fetch: missing, deliver: urls.deliver }, client).send([
      ...fetchJobs(1),
      ...deliverJobs(1),
    ]);
    await expect(sending).rejects.toThrow(
      `sending 1 fetch job to ${missing} failed: The specified queue does not exist`,
    );
    expect(bodies(urls.deliver)).toEqual(deliverJobs(1));
  });

  it("says which setting is missing when a job type has no queue URL", async () => {
    const sending = sqsQueue({ fetch: urls.fetch, deliver: "" }, client).send([...deliverJobs(2), ...fetchJobs(1)]);
    await expect(sending).rejects.toThrow(
      "no SQS queue URL is set for deliver jobs (link DeliveryQueue to this function, or set STORYWIRE_DELIVERY_QUEUE_URL)",
    );
    expect(sqs.requests).toEqual([{ queueUrl: urls.fetch, entries: 1 }]);
  });
});

describe("sqsDelaySeconds", () => {
  it.each([
    [0, 0],
    [0.4, 0],
    [899.6, 900],
    [901, 900],
    [Number.POSITIVE_INFINITY, 900],
    [Number.NEGATIVE_INFINITY, 0],
    [Number.NaN, 0],
  ])("%s -> %s", (given, expected) => {
    expect(sqsDelaySeconds(given)).toBe(expected);
  });
});
