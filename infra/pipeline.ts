/**
 * The pipeline: a schedule every minute, ingest on the fetch queue, delivery on the delivery queue.
 */
import { api } from "./api.ts";
import { lambda } from "./functions.ts";
import { grants } from "./permissions.ts";
import { deliveryQueue, fetchQueue } from "./queues.ts";
import { adminApiKey, emailFrom, previousAdminApiKey } from "./secrets.ts";
import { table } from "./storage.ts";

/**
 * Messages per invocation and invocations in flight per consumer. The cap leaves account concurrency
 * for the API (new accounts may have a low Lambda concurrency quota) and spreads load on feed hosts.
 */
export const CONSUMERS = {
  ingest: { batchSize: 5, maxConcurrency: 5 },
  deliver: { batchSize: 5, maxConcurrency: 5 },
} as const;

/**
 * Every minute: enqueue feeds that are due, sweep delivery retries that are due (retries beyond SQS's
 * 15-minute maximum delay wait in the table). No retries: a failed tick is simply followed by the next one.
 */
export const schedule = new sst.aws.CronV2("Schedule", {
  schedule: "rate(1 minute)",
  function: lambda("schedule", [table, fetchQueue, deliveryQueue], { retries: 0, permissions: grants("schedule") }),
});

// No admin key: ingest parses what strangers publish, and never needs a stored secret (fan-out reads only filters).
fetchQueue.subscribe(lambda("ingest", [table, deliveryQueue], { permissions: grants("ingest") }), {
  batch: { size: CONSUMERS.ingest.batchSize, partialResponses: true },
  transform: { eventSourceMapping: { scalingConfig: { maximumConcurrency: CONSUMERS.ingest.maxConcurrency } } },
});

// DeliveryQueue: a retry due within SQS's 15-minute maximum delay is re-enqueued by the deliver step itself.
// The admin keys: webhook signing secrets are stored encrypted under them. STORYWIRE_PUBLIC_URL: alerts link back
// to the API.
const deliver = lambda("deliver", [table, deliveryQueue, emailFrom, adminApiKey, previousAdminApiKey], {
  permissions: grants("deliver"),
  environment: { STORYWIRE_PUBLIC_URL: api.url },
});
deliveryQueue.subscribe(deliver, {
  batch: { size: CONSUMERS.deliver.batchSize, partialResponses: true },
  transform: { eventSourceMapping: { scalingConfig: { maximumConcurrency: CONSUMERS.deliver.maxConcurrency } } },
});
