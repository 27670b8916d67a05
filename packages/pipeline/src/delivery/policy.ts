/**
 * The delivery retry policy, as data: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — eight attempts
 * over about 28 hours, each wait varied by up to ±10 % so that deliveries failing together do not come back in
 * lockstep — and the rule that disables an endpoint that has been failing for five days. The state machine these
 * decisions drive is DELIVERIES.md, beside this file.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Delay before attempt n+1 (index n = attempts already made). */
export const RETRY_SCHEDULE_MS: readonly number[] = Object.freeze([
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
]);

export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length;

/** Each wait varies by up to this fraction of itself, either way. */
export const RETRY_JITTER = 0.1;

/** An endpoint failing for this long (with no success in between) is disabled and its owner told. */
export const DISABLE_AFTER_MS = 5 * DAY;

export interface RetryOptions {
  /** How long the endpoint asked us to wait (Retry-After): the wait is at least this. */
  retryAfterMs?: number;
  /** A source of randomness in [0, 1) for the jitter (tests pass a constant); Math.random by default. */
  random?: () => number;
}

/**
 * How long to wait before the next attempt, given how many attempts were already made (0 for a new delivery:
 * send immediately), jittered by up to ±RETRY_JITTER and raised to the endpoint's Retry-After when that is longer.
 * null when the schedule is exhausted.
 */
export function retryDelay(attemptsMade: number, options: RetryOptions = {}): number | null {
  const made = Number.isInteger(attemptsMade) && attemptsMade > 0 ? attemptsMade : 0;
  const base = RETRY_SCHEDULE_MS[made];
  if (base === undefined) return null;
  const random = options.random ?? Math.random;
  const delay = Math.round(base * (1 + RETRY_JITTER * (2 * random() - 1)));
  const asked = options.retryAfterMs;
  return asked !== undefined && asked > delay ? asked : delay;
}

/** True once an endpoint has been failing without a success for DISABLE_AFTER_MS (five days). */
export function shouldDisableEndpoint(failingSince: Date | string | null | undefined, now: Date = new Date()): boolean {
  if (failingSince === null || failingSince === undefined) return false;
  const since = failingSince instanceof Date ? failingSince.getTime() : Date.parse(failingSince);
  if (!Number.isFinite(since)) return false;
  return now.getTime() - since >= DISABLE_AFTER_MS;
}
