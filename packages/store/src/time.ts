/**
 * Timestamps. Every time the store keeps in a key is a normalized ISO 8601 UTC string (Date#toISOString,
 * always 24 characters for years 1970..9999), so comparing strings compares instants.
 */
import { InvalidInput } from "./errors.ts";

export type Instant = Date | string;

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function millis(value: Instant): number {
  return value instanceof Date ? value.getTime() : Date.parse(value);
}

function inRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= EARLIEST && ms <= LATEST;
}

/** Normalizes a Date or ISO string; `what` names the input in the error. */
export function toIso(value: Instant, what: string): string {
  const ms = millis(value);
  if (!inRange(ms)) {
    throw new InvalidInput(
      `${what} "${String(value)}" is not a usable date; give an ISO 8601 timestamp between 1970 and 9999 such as 2025-01-31T12:00:00Z.`,
    );
  }
  return new Date(ms).toISOString();
}

/** Like toIso for optional values: null and undefined pass through. */
export function toIsoOrNull(value: Instant | null | undefined, what: string): string | null {
  return value === null || value === undefined ? null : toIso(value, what);
}

/** Epoch seconds (DynamoDB TTL unit) of an ISO instant. */
export function epochSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

/** A story's publishedAt as ISO when it is a real date no later than when we fetched it; otherwise null. */
export function usablePublishedAt(publishedAt: string | null, fetchedAt: string): string | null {
  if (publishedAt === null) return null;
  const published = Date.parse(publishedAt);
  if (!inRange(published) || published > Date.parse(fetchedAt)) return null;
  return new Date(published).toISOString();
}

/**
 * The instant a story sorts by: its publishedAt when that is a real date no later than when we fetched it,
 * otherwise fetchedAt (feeds publish garbage and future dates). The story lists refine the undated case
 * (stories.ts listSortAt).
 */
export function storySortAt(publishedAt: string | null, fetchedAt: string): string {
  const fetched = toIso(fetchedAt, "The story's fetchedAt");
  return usablePublishedAt(publishedAt, fetched) ?? fetched;
}
