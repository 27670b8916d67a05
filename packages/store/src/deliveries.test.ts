import { deliveryId } from "@storywire/core/ids";
import { manualClock, startTestDynamo, type TestDynamo } from "@storywire/store/test-support/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Conflict, InvalidInput, LeaseLost, NotFound } from "./errors.ts";
import type { Store } from "./types.ts";

let env: TestDynamo;
beforeAll(async () => {
  env = await startTestDynamo();
});
afterAll(() => env.close());

const T0 = "2025-05-01T12:00:00.000Z";
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const LEASE = 30_000;
/** A store whose clock stands at T0 (finished deliveries would otherwise count as expired by today). */
const fresh = () => env.freshStore(() => new Date(T0));

async function enqueued(store: Store, storyId = "s1", subscriptionId = "sub1") {
  const { delivery } = await store.enqueueDelivery({ subscriptionId, storyId, alertId: "al1", createdAt: T0 });
  return delivery.id;
}

describe("deliveries", () => {
  it("enqueues one delivery per (subscription, story); a second enqueue is a no-op", async () => {
    const store = await fresh();
    const first = await store.enqueueDelivery({ subscriptionId: "sub1", storyId: "s1", createdAt: T0 });
    const again = await store.enqueueDelivery({ subscriptionId: "sub1", storyId: "s1", createdAt: at(60) });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.delivery).toEqual(first.delivery);
    expect(first.delivery).toMatchObject({ id: deliveryId("sub1", "s1"), state: "pending", attempt: 0 });
    expect(deliveryId("sub1", "s1")).toMatch(/^[0-9a-f]{16}$/);
    expect(deliveryId("sub1", "s1")).not.toBe(deliveryId("sub1", "s2"));
  });

  it("lets exactly one of many concurrent claims win", async () => {
    const store = await fresh();
    const id = await enqueued(store);
    const owners = Array.from({ length: 8 }, (_, i) => `worker-${i}`);
    const claims = await Promise.all(owners.map((owner) => store.claimDelivery(id, owner, at(1), LEASE)));
    const winners = claims.filter((c) => c !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ state: "sending", attempt: 1, leaseUntil: at(31) });
    expect(owners).toContain(winners[0]?.leaseOwner);
  });

  it("re-claims an expired lease (the first worker died) and refuses the first worker's late result", async () => {
    const store = await fresh();
    const id = await enqueued(store);
    expect(await store.claimDelivery(id, "A", at(0), LEASE)).not.toBeNull();
    expect(await store.claimDelivery(id, "B", at(30), LEASE)).toBeNull(); // lease still held (until < now fails)
    const retaken = await store.claimDelivery(id, "B", at(31), LEASE);
    expect(retaken).toMatchObject({ leaseOwner: "B", attempt: 2 });

    const late = store.completeDelivery(id, "A", { outcome: "delivered", at: at(32) });
    await expect(late).rejects.toBeInstanceOf(LeaseLost);
    await expect(late).rejects.toThrow(/leased to "B"/);
    const done = await store.completeDelivery(id, "B", { outcome: "delivered", status: 200, at: at(33) });
    expect(done).toMatchObject({ state: "delivered", deliveredAt: at(33), lastStatus: 200, leaseOwner: null });
  });

  it("never claims or completes a delivered delivery again", async () => {
    const store = await fresh();
    const id = await enqueued(store);
    await store.claimDelivery(id, "A", at(0), LEASE);
    const done = await store.completeDelivery(id, "A", { outcome: "delivered", at: at(1) });
    expect(await store.claimDelivery(id, "B", at(10_000), LEASE)).toBeNull();
    await expect(store.completeDelivery(id, "B", { outcome: "delivered" })).rejects.toThrow(/already delivered/);
    // The same worker repeating its own write (a retried request) gets the recorded result back.
    expect(await store.completeDelivery(id, "A", { outcome: "delivered", at: at(1) })).toEqual(done);
    await expect(store.completeDelivery(id, "A", { outcome: "failed", error: "late failure" })).rejects.toBeInstanceOf(
      LeaseLost,
    );
    expect((await store.getDelivery(id))?.state).toBe("delivered");
  });

  it("retries on schedule: not claimable before nextAttemptAt, claimable after", async () => {
    const store = await fresh();
    const id = await enqueued(store);
    await store.claimDelivery(id, "A", at(0), LEASE);
    const retrying = await store.completeDelivery(id, "A", {
      outcome: "retrying",
      error: "HTTP 500",
      status: 500,
      nextAttemptAt: at(300),
    });
    expect(retrying).toMatchObject({
      state: "retrying",
      attempt: 1,
      lastError: "HTTP 500",
      lastStatus: 500,
      leaseOwner: null,
    });
    expect(await store.claimDelivery(id, "B", at(299), LEASE)).toBeNull();
    expect(await store.claimDelivery(id, "B", at(300), LEASE)).toMatchObject({ state: "sending", attempt: 2 });
  });

  it("fails, then replays a failed delivery from attempt 0", async () => {
    const store = await fresh();
    const id = await enqueued(store);
    await store.claimDelivery(id, "A", at(0), LEASE);
    const failed = await store.completeDelivery(id, "A", {
      outcome: "failed",
      error: "HTTP 410 Gone",
      status: 410,
      at: at(1),
    });
    expect(failed).toMatchObject({ state: "failed", failedAt: at(1), expiresAt: "2025-05-31T12:00:01.000Z" });
    expect(await store.claimDelivery(id, "B", at(100), LEASE)).toBeNull();

    const replayed = await store.replayDelivery(id, at(200));
    expect(replayed).toMatchObject({ state: "pending", attempt: 0, nextAttemptAt: at(200), expiresAt: null });
    expect(await store.claimDelivery(id, "B", at(200), LEASE)).toMatchObject({ attempt: 1, leaseOwner: "B" });

    await expect(store.replayDelivery(id, at(201))).rejects.toBeInstanceOf(Conflict);
    await expect(store.replayDelivery(id, at(201))).rejects.toThrow(/is sending; only failed deliveries/);
    await expect(store.replayDelivery("0000000000000000")).rejects.toBeInstanceOf(NotFound);
  });

  it("completing a delivery nobody claimed fails; so does a missing one", async () => {
    const store = await fresh();
    const id = await enqueued(store);
    await expect(store.completeDelivery(id, "A", { outcome: "delivered" })).rejects.toThrow(/already pending/);
    await expect(store.completeDelivery("0000000000000000", "A", { outcome: "delivered" })).rejects.toBeInstanceOf(
      NotFound,
    );
    await expect(store.claimDelivery(id, "A", at(0), 0)).rejects.toBeInstanceOf(InvalidInput);
  });

  it("lists due deliveries: due pending and retrying ones and expired leases, by due time", async () => {
    const store = await fresh();
    const make = async (storyId: string, notBefore = T0) =>
      (await store.enqueueDelivery({ subscriptionId: "sub1", storyId, createdAt: T0, notBefore })).delivery.id;
    const pendingDue = await make("pending-due", at(5));
    await make("pending-later", at(3600)); // a digest, not yet
    const retryDue = await make("retry-due");
    await store.claimDelivery(retryDue, "A", at(0), LEASE);
    await store.completeDelivery(retryDue, "A", { outcome: "retrying", error: "500", nextAttemptAt: at(60) });
    const retryLater = await make("retry-later");
    await store.claimDelivery(retryLater, "A", at(0), LEASE);
    await store.completeDelivery(retryLater, "A", { outcome: "retrying", error: "500", nextAttemptAt: at(7200) });
    const leaseExpired = await make("lease-expired");
    await store.claimDelivery(leaseExpired, "dead-worker", at(0), 10_000);
    const leaseHeld = await make("lease-held");
    await store.claimDelivery(leaseHeld, "busy-worker", at(100), LEASE);
    const delivered = await make("delivered");
    await store.claimDelivery(delivered, "A", at(0), LEASE);
    await store.completeDelivery(delivered, "A", { outcome: "delivered" });

    const due = await store.listDueDeliveries(at(120));
    expect(due.map((d) => d.id)).toEqual([pendingDue, leaseExpired, retryDue]);
    expect((await store.listDueDeliveries(at(120), 2)).map((d) => d.id)).toEqual([pendingDue, leaseExpired]);
    // Everything listed is claimable at that time.
    for (const d of due) expect(await store.claimDelivery(d.id, "sweeper", at(120), LEASE)).not.toBeNull();
  });

  it("lists a subscription's deliveries newest first, page by page", async () => {
    const store = await fresh();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { delivery } = await store.enqueueDelivery({ subscriptionId: "sub1", storyId: `s${i}`, createdAt: at(i) });
      ids.push(delivery.id);
    }
    await store.enqueueDelivery({ subscriptionId: "sub2", storyId: "s0", createdAt: at(0) });
    const first = await store.listDeliveries("sub1", { limit: 4 });
    const second = await store.listDeliveries("sub1", { limit: 4, cursor: first.cursor });
    expect([...first.items, ...second.items].map((d) => d.id)).toEqual(ids.reverse());
    expect(second.cursor).toBeNull();
  });

  it("hides finished deliveries once their 30-day ttl has passed, and allows a new enqueue then", async () => {
    const clock = manualClock(T0);
    const store = await env.freshStore(clock.now);
    const id = await enqueued(store);
    await store.claimDelivery(id, "A", at(0), LEASE);
    await store.completeDelivery(id, "A", { outcome: "delivered", at: at(1) });

    clock.set("2025-05-31T12:00:00.000Z");
    expect(await store.getDelivery(id)).not.toBeNull();
    expect((await store.listDeliveries("sub1")).items).toHaveLength(1);
    expect((await store.enqueueDelivery({ subscriptionId: "sub1", storyId: "s1" })).created).toBe(false);

    clock.set("2025-05-31T12:00:02.000Z");
    expect(await store.getDelivery(id)).toBeNull();
    expect((await store.listDeliveries("sub1")).items).toEqual([]);
    const again = await store.enqueueDelivery({ subscriptionId: "sub1", storyId: "s1" });
    expect(again).toMatchObject({ created: true, delivery: { state: "pending", attempt: 0, expiresAt: null } });
  });

  it("cuts long error texts to a short line", async () => {
    const store = await fresh();
    const id = await enqueued(store);
    await store.claimDelivery(id, "A", at(0), LEASE);
    const body = `<html>${"x".repeat(10_000)}</html>`;
    const failed = await store.completeDelivery(id, "A", { outcome: "failed", error: body });
    expect(failed.lastError?.length).toBe(500);
  });
});
