/**
 * When to check a feed next. Adaptive like good feed readers: a feed that publishes often is checked at the
 * configured interval, a quiet one less often; the server's own hints (Retry-After, Cache-Control max-age, RSS
 * <ttl>) are honoured within sane bounds; errors back off exponentially with jitter.
 */
export interface NextCheckInput {
  /** The configured poll interval (the shortest wait between two checks of a healthy feed). */
  baseMs: number;
  /** The longest wait for a quiet healthy feed (default: QUIET_FACTOR x baseMs, at most an hour). */
  maxQuietMs?: number;
  /** Publication times of the feed's current items (ISO strings; nulls ignored). */
  itemDates?: (string | null)[];
  retryAfterMs?: number | null;
  maxAgeMs?: number | null;
  ttlMinutes?: number | null;
  /** Consecutive failures including this one (0 after a success). */
  errorCount: number;
  now: Date;
  random?: () => number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A quiet feed is checked at most this many times less often than the configured interval. */
export const QUIET_FACTOR = 4;
/** Hints from the server never push a check further out than this. */
export const MAX_HINT_MS = 6 * HOUR;
/** Error backoff never waits longer than this, so a recovered feed is picked up within the day. */
export const MAX_BACKOFF_MS = 12 * HOUR;

export function nextCheckDelay(input: NextCheckInput): number {
  const random = input.random ?? Math.random;
  const base = Math.max(1000, input.baseMs);
  const hint = Math.min(MAX_HINT_MS, Math.max(input.retryAfterMs ?? 0, 0));
  if (input.errorCount > 0) {
    const exp = Math.min(MAX_BACKOFF_MS, base * 2 ** Math.min(input.errorCount - 1, 20));
    const jittered = exp * (0.8 + 0.4 * random());
    return Math.round(Math.max(jittered, hint));
  }
  let delay = base;
  const quietMax = Math.max(base, input.maxQuietMs ?? Math.min(HOUR, QUIET_FACTOR * base));
  const week = input.now.getTime() - 7 * DAY;
  const recent = (input.itemDates ?? [])
    .map((d) => (d ? Date.parse(d) : Number.NaN))
    .filter((t) => Number.isFinite(t) && t >= week && t <= input.now.getTime() + HOUR);
  const dated = (input.itemDates ?? []).filter((d) => d && Number.isFinite(Date.parse(d)));
  if (recent.length > 0) {
    // Half the mean gap between recent items: a story is usually picked up within half its publishing cadence.
    const oldest = Math.min(...recent);
    const span = Math.max(HOUR, input.now.getTime() - oldest);
    delay = Math.min(quietMax, Math.max(base, span / recent.length / 2));
  } else if (dated.length > 0) delay = quietMax; // dated items, none in the last week: a quiet feed
  const serverHint = Math.max(hint, input.maxAgeMs ?? 0, (input.ttlMinutes ?? 0) * 60_000);
  delay = Math.max(delay, Math.min(MAX_HINT_MS, serverHint));
  return Math.round(delay);
}
