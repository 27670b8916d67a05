import type { Job } from "@storywire/pipeline";
import { describe, expect, it } from "vitest";
import { MemoryQueue } from "./memory-queue.ts";

const job = (n: number): Job => ({ type: "deliver", deliveryId: n.toString(16).padStart(16, "0") });

describe("the in-process queue (the local stand-in for SQS with a redrive policy)", () => {
  it("retries only the job that fails, then dead-letters it; the rest of the batch succeeds", async () => {
    const done: string[] = [];
    const attempts = new Map<string, number>();
    const deadLettered: Job[] = [];
    const queue = new MemoryQueue({
      maxReceives: 3,
      schedule: (fn) => fn(), // no waiting between receives in this test
      onDeadLetter: (j) => deadLettered.push(j),
      handler: async (j) => {
        const id = j.type === "deliver" ? j.deliveryId : j.feedId;
        attempts.set(id, (attempts.get(id) ?? 0) + 1);
        if (id.endsWith("2")) throw new Error("poison");
        done.push(id);
      },
    });
    await queue.send([job(1), job(2), job(3)]);
    await queue.idle();
    expect(done.sort()).toEqual([job(1), job(3)].map((j) => (j as { deliveryId: string }).deliveryId));
    expect(attempts.get((job(2) as { deliveryId: string }).deliveryId)).toBe(3);
    expect(deadLettered).toEqual([job(2)]);
    expect(queue.deadLetters).toEqual([{ job: job(2), error: "poison" }]);
  });
});
