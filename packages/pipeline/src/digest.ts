/**
 * Digest subscriptions (`mode: "hourly"` or `"daily"`): one message per subscription per period.
 *
 * Fan-out holds a digest subscription's deliveries until the next UTC hour or day boundary (firstAttemptAt).
 * When one of them comes due and its job runs, the deliver step:
 *
 * 1. takes the subscription's digest lock (a store lock, lockId("digest", subscription), for the claim timeout). A job
 *    that finds it taken does nothing: the holder is sending this period's digest and gathers that job's
 *    delivery too; anything it does not gather stays due and the sweeper queues it again a minute later;
 * 2. claims its own delivery, then every other delivery of the subscription that is claimable now (pending or
 *    retrying with nextAttemptAt <= now, or sending with an expired lease), oldest first, at most
 *    MAX_DIGEST_ALERTS in all. Each is the store's conditional claim, so no two workers ever hold the same one;
 *    the lock only keeps concurrent jobs of one period from splitting it into several messages;
 * 3. composes the alerts and sends ONE digest through the channel (sendDigest). Its webhook-id (and email
 *    Message-ID) derives from the subscription and the sorted delivery ids, so a retry of the same deliveries
 *    keeps its id; every alert in it also carries its own stable `id`;
 * 4. records the same send result on every claimed delivery: delivered; or failed (410, endpoint disabled,
 *    not retryable); or retrying on the single-alert schedule, each delivery by its own attempt count (they
 *    were claimed together, so they normally share it and stay together; one whose retries are exhausted
 *    is failed and can be replayed). Deliveries whose story is not stored yet are left out of the message
 *    and retried 5 s later.
 *
 * The sweeper may queue several deliveries of the same digest: the later jobs find their delivery already
 * claimed or delivered (the claim returns null) and do nothing. Deliveries of a period beyond
 * MAX_DIGEST_ALERTS stay due and go out as the next digest a minute later. Gathering looks back
 * DIGEST_LOOKBACK_MS (a day's period plus the whole retry schedule, with margin); an older delivery that is due
 * again (a replay) is sent by its own job. A feed-channel digest sends nothing: each delivery is marked
 * delivered on its own, like a single alert.
 */
import type { Delivery, Store, Subscription } from "@storywire/store";

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
