/**
 * Fans an alert out to the subscriptions that want it: the storyline, the minimum score and the framing filters.
 * Each (subscription, story) gets exactly one delivery record (a conditional put on a deterministic id); the ids
 * of immediate ones are returned for the caller to queue once the story is stored; digests wait for their hour or
 * day boundary and are picked up by the sweeper (which also catches an immediate one whose queue message was lost).
 */
import type { Framing } from "@storywire/core";
import type { AlertRecord, Store, Subscription } from "@storywire/store";
import type { Clock } from "../ports.ts";

export function wants(sub: Subscription, alert: AlertRecord, framing?: Framing): boolean {
  if (sub.status !== "active") return false;
  if (!sub.storylines.includes(alert.storylineId)) return false;
  if (alert.storylineScore < (sub.minScore ?? 0)) return false;
  const f = sub.filters ?? {};
  const label = alert.framingLabel ?? "";
  if (f.includeLabels?.length && !f.includeLabels.includes(label)) return false;
  if (f.excludeLabels?.includes(label)) return false;
  if (f.maxAnonymousShare !== undefined && (framing?.sourcing.anonymous ?? 0) > f.maxAnonymousShare) return false;
  return true;
}

/** The next hour or day boundary (UTC) for a digest subscription; now for immediate ones. */
export function firstAttemptAt(mode: Subscription["mode"], now: Date): Date {
  if (mode === "immediate") return now;
  const next = new Date(now);
  if (mode === "hourly") {
    next.setUTCMinutes(0, 0, 0);
    next.setUTCHours(next.getUTCHours() + 1);
  } else {
    next.setUTCHours(0, 0, 0, 0);
    next.setUTCDate(next.getUTCDate() + 1);
  }
  return next;
}

export async function fanOut(
  alert: AlertRecord,
  framing: Framing | undefined,
  deps: { store: Store; clock: Clock },
): Promise<string[]> {
  const now = deps.clock.now();
  const subs = (await deps.store.listSubscriptions()).filter((s) => wants(s, alert, framing));
  const immediate: string[] = [];
  for (const sub of subs) {
    const { delivery, created } = await deps.store.enqueueDelivery({
      subscriptionId: sub.id,
      storyId: alert.storyId,
      storylineId: alert.storylineId,
      alertId: alert.id,
      createdAt: now.toISOString(),
      notBefore: firstAttemptAt(sub.mode, now).toISOString(),
    });
    if (created && sub.mode === "immediate") immediate.push(delivery.id);
  }
  return immediate;
}
