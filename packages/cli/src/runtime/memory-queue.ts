/**
 * The local stand-in for SQS: the same job shapes, handled in-process with bounded concurrency, redelivered on
 * failure (with a growing delay) up to maxReceives, then dead-lettered, like a queue with a redrive policy.
 */
import type { Job, JobQueue } from "@storywire/pipeline";

export interface MemoryQueueOptions {
  handler: (job: Job) => Promise<void>;
  concurrency?: number;
  maxReceives?: number;
  onDeadLetter?: (job: Job, error: unknown) => void;
  /** Injected for tests; defaults to setTimeout. */
  schedule?: (fn: () => void, ms: number) => unknown;
}

interface Envelope {
  job: Job;
  receives: number;
}

export class MemoryQueue implements JobQueue {
  readonly deadLetters: { job: Job; error: string }[] = [];
  private readonly ready: Envelope[] = [];
  private running = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: MemoryQueueOptions) {}

  async send(jobs: Job[], delaySeconds = 0): Promise<void> {
    for (const job of jobs) this.enqueue({ job, receives: 0 }, Math.min(delaySeconds, 900) * 1000);
  }

  /** Resolves when nothing is ready or running; delayed jobs are invisible until due, as on SQS. */
  async idle(): Promise<void> {
    if (this.isIdle()) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    this.ready.length = 0;
  }

  private isIdle() {
    return this.ready.length === 0 && this.running === 0;
  }

  private enqueue(envelope: Envelope, delayMs: number) {
    if (this.stopped) return;
    if (delayMs <= 0) {
      this.ready.push(envelope);
      this.pump();
      return;
    }
    const schedule = this.options.schedule ?? ((fn: () => void, ms: number) => setTimeout(fn, ms).unref());
    schedule(() => this.enqueue(envelope, 0), delayMs);
  }

  private pump() {
    const limit = this.options.concurrency ?? 4;
    while (!this.stopped && this.running < limit && this.ready.length > 0) {
      const envelope = this.ready.shift() as Envelope;
      envelope.receives += 1;
      this.running += 1;
      this.options
        .handler(envelope.job)
        .catch((error) => this.fail(envelope, error))
        .finally(() => {
          this.running -= 1;
          this.pump();
          this.settle();
        });
    }
  }

  private fail(envelope: Envelope, error: unknown) {
    if (envelope.receives >= (this.options.maxReceives ?? 5)) {
      this.deadLetters.push({ job: envelope.job, error: error instanceof Error ? error.message : String(error) });
      this.options.onDeadLetter?.(envelope.job, error);
      return;
    }
    this.enqueue(envelope, 1000 * 2 ** (envelope.receives - 1));
  }

  private settle() {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters.splice(0);
    for (const resolve of waiters) resolve();
  }
}
