/**
 * Digest subscriptions (`mode: "hourly"` or `"daily"`): one message per subscription per period. The protocol —
 * the lock, the gathering claims, the one send, the shared outcome — and the conditional write behind each step
 * are in DELIVERIES.md ("Digests"), beside the single-alert state machine they reuse.
 */
import { randomUUID } from "node:crypto";
import { type Channel, sendDigest } from "@storywire/channels";
import { lockId } from "@storywire/core/ids";
import type { Delivery, Store, Subscription } from "@storywire/store";
import { claimTimeoutOf } from "../ports.ts";
import { alertsForDeliveries } from "./alerts.ts";
import { record, retryLater, STORY_NOT_STORED, STORY_WAIT_MS, sendContext } from "./outcome.ts";
import type { DeliverDeps, DeliverOutcome } from "./types.ts";

/** The most alerts one digest message carries; the rest go out in the next one. */
export const MAX_DIGEST_ALERTS = 100;
/** How far back (by delivery creation time) the deliveries of a digest are gathered. */
export const DIGEST_LOOKBACK_MS = 3 * 24 * 3_600_000;
/** listDeliveries page size and the most pages one gathering reads. */
const GATHER_PAGE = 100;
const GATHER_MAX_PAGES = 20;

export type DigestSubscription = Subscription & { mode: "hourly" | "daily" };

export function isDigestSubscription(sub: Subscription): sub is DigestSubscription {
  return sub.mode === "hourly" || sub.mode === "daily";
}

/** True when the store would let a claim at `now` take the delivery (the claim's own condition, read-side). */
export function claimableAt(d: Delivery, now: Date): boolean {
  const at = now.getTime();
  if (d.state === "pending" || d.state === "retrying") {
    return d.nextAttemptAt !== null && Date.parse(d.nextAttemptAt) <= at;
  }
  if (d.state === "sending") return d.leaseUntil !== null && Date.parse(d.leaseUntil) < at;
  return false;
}

/**
 * The subscription's deliveries that are claimable at `now`, other than `exceptId`, oldest first, at most
 * `limit`. Reads the subscription's deliveries newest first and stops at DIGEST_LOOKBACK_MS before now.
 */
export async function dueDigestDeliveries(
  store: Pick<Store, "listDeliveries">,
  subscriptionId: string,
  exceptId: string,
  now: Date,
  limit: number,
): Promise<Delivery[]> {
  const oldest = now.getTime() - DIGEST_LOOKBACK_MS;
  const due: Delivery[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < GATHER_MAX_PAGES; page++) {
    const result = await store.listDeliveries(subscriptionId, { limit: GATHER_PAGE, cursor });
    for (const d of result.items) if (d.id !== exceptId && claimableAt(d, now)) due.push(d);
    const last = result.items.at(-1);
    if (!result.cursor || !last || Date.parse(last.createdAt) < oldest) break;
    cursor = result.cursor;
  }
  return due
    .filter((d) => Date.parse(d.createdAt) >= oldest)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .slice(0, Math.max(0, limit));
}

/**
 * Claims, for `owner`, the other deliveries of `first`'s subscription that are claimable now, up to
 * MAX_DIGEST_ALERTS with `first`. Ones another worker claims in the meantime are skipped.
 */
export async function claimDigestSiblings(
  first: Delivery,
  owner: string,
  now: Date,
  leaseMs: number,
  store: Pick<Store, "listDeliveries" | "claimDelivery">,
): Promise<Delivery[]> {
  const candidates = await dueDigestDeliveries(store, first.subscriptionId, first.id, now, MAX_DIGEST_ALERTS - 1);
  const claimed: Delivery[] = [];
  for (const candidate of candidates) {
    const d = await store.claimDelivery(candidate.id, owner, now.toISOString(), leaseMs);
    if (d) claimed.push(d);
  }
  return claimed;
}

/** A digest subscription's due deliveries, claimed together and sent as one message (see digest.ts). */
export async function deliverDigest(
  deliveryId: string,
  sub: DigestSubscription,
  channel: Channel,
  deps: DeliverDeps,
): Promise<DeliverOutcome> {
  const owner = randomUUID();
  const now = deps.clock.now();
  const lock = lockId("digest", sub.id);
  const leaseMs = claimTimeoutOf(deps);
  if (!(await deps.store.acquireLock(lock, owner, now.toISOString(), leaseMs))) {
    deps.logger.info("digest is being sent by another worker", { subscription: sub.id, delivery: deliveryId });
    return "not-claimed";
  }
  try {
    const first = await deps.store.claimDelivery(deliveryId, owner, now.toISOString(), leaseMs);
    if (!first) return "not-claimed";
    const claimed = [first, ...(await claimDigestSiblings(first, owner, now, leaseMs, deps.store))];
    const alerts = await alertsForDeliveries(claimed, deps);
    const waiting = claimed.filter((d) => !alerts.has(d.id));
    if (waiting.length > 0) {
      await retryLater({ deliveries: waiting, owner }, sub, deps, STORY_NOT_STORED, null, () => STORY_WAIT_MS);
    }
    const ready = claimed
      .flatMap((d) => {
        const alert = alerts.get(d.id);
        return alert ? [{ delivery: d, alert }] : [];
      })
      .sort((a, b) => a.alert.createdAt.localeCompare(b.alert.createdAt) || a.delivery.id.localeCompare(b.delivery.id));
    if (ready.length === 0) return "retrying";
    const deliveries = ready.map((r) => r.delivery);
    const result = await sendDigest(
      channel,
      { period: sub.mode, alerts: ready.map((r) => r.alert) },
      { ...sendContext(sub, deps, now), deliveryIds: deliveries.map((d) => d.id) },
    );
    return record(result, { deliveries, owner }, sub, deps, now, {
      what: "digest",
      channel: channel.type,
      alerts: deliveries.length,
    });
  } finally {
    // A lock that cannot be released expires by itself after the claim timeout.
    await deps.store.releaseLock(lock, owner).catch((error: unknown) => {
      deps.logger.warn("digest lock not released; it expires by itself", {
        subscription: sub.id,
        error: error instanceof Error ? error.message : String(error),
      });
    });
  }
}
