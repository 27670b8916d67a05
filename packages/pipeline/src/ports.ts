/**
 * The ports the pipeline is written against. AWS and the local runtime each provide them; the pipeline steps
 * (schedule, ingest, deliver) never know which one they run on.
 */

/** A fetch job: check one feed. Same shape on SQS and on the in-process queue. */
export interface FetchJob {
  type: "fetch";
  feedId: string;
}

/** A delivery job: send one (subscription, story) alert. */
export interface DeliveryJob {
  type: "deliver";
  deliveryId: string;
}

export type Job = FetchJob | DeliveryJob;

export interface JobQueue {
  /** Enqueue jobs; delaySeconds is capped at 900 (SQS's limit) by the adapters. */
  send(jobs: Job[], delaySeconds?: number): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Structured log lines: the local runtime prints them, Lambda writes them as JSON to CloudWatch. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export function jsonLogger(write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Logger {
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ level, message, ...fields }));
  return { info: log("info"), warn: log("warn"), error: log("error") };
}
