/**
 * Every deterministic id Storywire derives, in one place, by one rule: SHA-256 over the id's kind and its parts
 * joined by U+0000 (no id, kind or key holds a NUL, so ("ab", "c") and ("a", "bc") never meet), cut to 16 hex
 * characters (32 for message ids, which receivers outside see). Deriving the same inputs again gives the same
 * id, which is what makes each write below a conditional put that happens once.
 *
 * Two ids predate the rule and keep their material, because records in existing tables are keyed by them: a story
 * id (a URL key alone, else the feed URL and the key joined by a newline) and a feed id (the canonical URL alone).
 * Changing either would make every stored item look new and alert again.
 */
import { createHash } from "node:crypto";
import { canonicalizeUrl, isHttpUrl } from "./feed/url.ts";

const SEPARATOR = "\u0000";

function sha256Hex(material: string): string {
  return createHash("sha256").update(material, "utf8").digest("hex");
}

/** 16 hex characters over the kind and the parts, by the rule above. */
export function hashId(kind: string, ...parts: string[]): string {
  return sha256Hex([kind, ...parts].join(SEPARATOR)).slice(0, 16);
}

// ---- stored records -----------------------------------------------------------------------------------------

export const STORY_ID_LENGTH = 16;

/**
 * A story: an http(s) URL key names the article everywhere, so it is hashed alone (the same article in two feeds
 * gets one id); any other key (a guid, a content hash) is unique only within its feed, so the feed URL is hashed
 * with it. Material frozen (see above).
 */
export function storyId(key: string, feedUrl?: string | null): string {
  const trimmed = key.trim();
  const material = isHttpUrl(trimmed) || !feedUrl ? trimmed : `${feedUrl.trim()}\n${trimmed}`;
  return sha256Hex(material).slice(0, STORY_ID_LENGTH);
}

/**
 * A feed: its canonical URL without a trailing slash, so every spelling (case of the host, fragment, tracking
 * parameters, trailing slash) maps to one feed. Material frozen (see above).
 */
export function feedId(url: string): string {
  return sha256Hex(canonicalizeUrl(url, { stripTrailingSlash: true }) ?? url).slice(0, 16);
}

/** An event of a storyline, named by the story that opened it. */
export function eventId(storylineId: string, firstStoryId: string): string {
  return hashId("event", storylineId, firstStoryId);
}

/** The alert of a story in a storyline: one per pair, ever (the alert record and the alert every channel sends). */
export function alertId(storylineId: string, storyId: string): string {
  return hashId("alert", storylineId, storyId);
}

/** The delivery record of a story to a subscription: one per pair, ever. */
export function deliveryId(subscriptionId: string, storyId: string): string {
  return hashId("delivery", subscriptionId, storyId);
}

/** A named lease in the store (locks.ts): the placement lock of a storyline, the digest lock of a subscription. */
export function lockId(kind: "storyline" | "digest", id: string): string {
  return hashId("lock", kind, id);
}

/** The key of a source's story list: case, accents and spacing of the source name do not matter. */
export function sourceId(source: string): string {
  const folded = source
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
  return hashId("source", folded);
}

// ---- messages receivers see (Standard Webhooks webhook-id, email Message-ID) -------------------------------------

function messageId(kind: string, ...parts: string[]): string {
  return `msg_${sha256Hex([kind, ...parts].join(SEPARATOR)).slice(0, 32)}`;
}

/**
 * The webhook-id (and email Message-ID) of an alert: `msg_` and 32 hex characters derived from the same
 * (subscription, story) pair as the delivery record, so every attempt at one delivery, a resend after a crash
 * and a replay carry the same id, and receivers drop the copies.
 */
export function alertMessageId(subscriptionId: string, storyId: string): string {
  return messageId("alert", subscriptionId, storyId);
}

/** A test send (POST /subscriptions/{id}/test): an id of its own per send time, never deduplicated away. */
export function testMessageId(subscriptionId: string, sentAt: Date): string {
  return messageId("test", subscriptionId, sentAt.toISOString());
}

/**
 * A digest message: from the subscription and the ids of the deliveries it carries, in any order, so a retry of
 * the same deliveries keeps its id and a digest of another set of deliveries gets another.
 */
export function digestMessageId(subscriptionId: string, deliveryIds: readonly string[]): string {
  return messageId("digest", subscriptionId, ...[...new Set(deliveryIds)].sort());
}
