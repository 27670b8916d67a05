/** The alert a delivery carries, and where it goes: built from the stored records, for every channel and feed. */
import type { Channel } from "@storywire/channels";
import { type Alert, composeAlert, type Story } from "@storywire/core";
import type { AlertRecord, Delivery, Subscription } from "@storywire/store";
import type { DeliverDeps } from "./types.ts";

/**
 * The alert a subscriber sees, rebuilt from the stored alert record and its story: what the delivery step sends
 * and what the Atom / JSON feeds list. Null for a duplicate (which never alerts).
 */
export function alertFromRecord(
  record: AlertRecord,
  story: Story,
  storylineTitle: string | undefined,
  apiBase: string,
): Alert | null {
  if (record.relation === "duplicate") return null;
  return composeAlert({
    story,
    storyline: { id: record.storylineId, title: storylineTitle ?? record.storylineId },
    relation: record.relation,
    novel: record.novel,
    storylineScore: record.storylineScore,
    links: { apiBase },
    createdAt: record.createdAt,
  });
}

/** The secrets a webhook is signed with at `now`: the current one, and the rotated-out one during its grace period. */
export function signingSecrets(sub: Subscription, now: Date = new Date()): string[] {
  const previous =
    sub.previousSecret && sub.previousSecretExpiresAt && Date.parse(sub.previousSecretExpiresAt) > now.getTime()
      ? [sub.previousSecret]
      : [];
  return [sub.secret, ...previous];
}

/** Where a subscription's alerts go; null for a feed subscription (its Atom / JSON feed is the channel). */
export function channelOf(sub: Subscription, now: Date = new Date()): Channel | null {
  const c = sub.channel;
  if ((c.type === "webhook" || c.type === "slack" || c.type === "discord") && c.url) {
    return c.type === "webhook"
      ? { type: "webhook", url: c.url, secrets: signingSecrets(sub, now) }
      : { type: c.type, url: c.url };
  }
  if (c.type === "email" && c.to) return { type: "email", to: c.to };
  return null;
}

/**
 * The alerts the deliveries carry, by delivery id, built from the stored alert records and stories. A delivery
 * whose alert or story is not stored (or whose alert is a duplicate) has no entry.
 */
export async function alertsForDeliveries(
  deliveries: readonly Delivery[],
  deps: Pick<DeliverDeps, "store" | "storylines" | "publicUrl">,
): Promise<Map<string, Alert>> {
  const [records, stories, storylines] = await Promise.all([
    Promise.all(deliveries.map((d) => (d.alertId ? deps.store.getAlert(d.alertId) : Promise.resolve(null)))),
    deps.store.getStories([...new Set(deliveries.map((d) => d.storyId))]),
    deps.storylines.list(),
  ]);
  const storyById = new Map(stories.map((story) => [story.id, story]));
  const alerts = new Map<string, Alert>();
  deliveries.forEach((d, i) => {
    const record = records[i];
    const story = storyById.get(d.storyId);
    if (!record || !story) return;
    const title = storylines.find((s) => s.id === record.storylineId)?.title;
    const alert = alertFromRecord(record, story, title, deps.publicUrl);
    if (alert) alerts.set(d.id, alert);
  });
  return alerts;
}
