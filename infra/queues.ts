/**
 * The two work queues and their dead-letter queues. A message that fails `maxReceiveCount` times moves to
 * its DLQ and stays there 14 days (the SQS maximum) for inspection and redrive (docs/DEPLOY.md).
 */
import { seconds, TIMEOUT_SECONDS } from "./functions.ts";

/** SQS's guidance for Lambda consumers: visibility timeout at least six times the function timeout. */
export const VISIBILITY_FACTOR = 6;

export const DLQ_RETENTION_SECONDS = 14 * 24 * 60 * 60;

/** Receives before a message is dead-lettered: a feed fetch is retried by the next poll anyway, a delivery is precious. */
export const MAX_RECEIVES = { fetch: 5, delivery: 10 } as const;

function deadLetters(name: string) {
  return new sst.aws.Queue(name, { transform: { queue: { messageRetentionSeconds: DLQ_RETENTION_SECONDS } } });
}

function workQueue(name: string, consumerTimeoutSeconds: number, dlq: sst.aws.Queue, maxReceives: number) {
  return new sst.aws.Queue(name, {
    visibilityTimeout: seconds(VISIBILITY_FACTOR * consumerTimeoutSeconds),
    dlq: { queue: dlq.arn, retry: maxReceives },
  });
}

export const fetchDeadLetters = deadLetters("FetchDeadLetters");
export const fetchQueue = workQueue("FetchQueue", TIMEOUT_SECONDS.ingest, fetchDeadLetters, MAX_RECEIVES.fetch);

export const deliveryDeadLetters = deadLetters("DeliveryDeadLetters");
export const deliveryQueue = workQueue(
  "DeliveryQueue",
  TIMEOUT_SECONDS.deliver,
  deliveryDeadLetters,
  MAX_RECEIVES.delivery,
);
