/**
 * The ports the pipeline is written against. AWS and the local runtime each provide them; the pipeline steps
 * (schedule, ingest, deliver) never know which one they run on.
 */

/** A fetch job: check one feed. Same shape on SQS and on the in-process queue. */
export interface FetchJob {
  type: "fetch";
  feedId: string;
  /** The claim queued with the job (schedule.ts); the worker that gets the job takes it over at once. */
  claim?: string;
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

/**
 * How long a claim held by a crashed worker blocks others: the feed claim of a fetch, the lease of a delivery,
 * a storyline's placement lock (capped at 30 s). Live holders renew or finish well within it.
 */
export const DEFAULT_CLAIM_TIMEOUT_MS = 60_000;

/** What the steps read the claim timeout from (the local runtime and Lambda set it from configuration). */
export interface ClaimSettings {
  /** Default DEFAULT_CLAIM_TIMEOUT_MS. */
  claimTimeoutMs?: number;
}

export function claimTimeoutOf(settings: ClaimSettings): number {
  const ms = settings.claimTimeoutMs;
  return ms !== undefined && Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_CLAIM_TIMEOUT_MS;
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
