/** Limits and defaults of the store. */

/** Page size when the caller gives none. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest page a caller may ask for; larger requests are clamped. */
export const MAX_PAGE_SIZE = 100;

/** recentStorylineStories: default and largest number of candidates. */
export const DEFAULT_CANDIDATES = 200;
export const MAX_CANDIDATES = 1000;

/** listAlerts: default and largest number of alerts (the Atom / JSON feeds). */
export const DEFAULT_ALERTS = 50;
export const MAX_ALERTS = 500;

/** listDueFeeds / listDueDeliveries: default and largest batch. */
export const DEFAULT_DUE_BATCH = 100;
export const MAX_DUE_BATCH = 1000;

/** BatchGetItem accepts at most 100 keys per request. */
export const BATCH_GET_SIZE = 100;
/** BatchWriteItem accepts at most 25 writes per request. */
export const BATCH_WRITE_SIZE = 25;
/** How often unprocessed BatchGet keys are retried (with backoff) before giving up. */
export const BATCH_GET_ATTEMPTS = 6;

/** Finished (delivered / failed) deliveries expire this many days after they finish. */
export const DELIVERY_RETENTION_DAYS = 30;

/** Error texts kept on feeds and deliveries are cut to this many characters (never a response body). */
export const MAX_ERROR_LENGTH = 500;

/** Cursors longer than this are rejected before decoding. */
export const MAX_CURSOR_LENGTH = 2048;

/** Ids (feed, story, storyline, event, subscription) longer than this are rejected. */
export const MAX_ID_LENGTH = 200;

/** AWS SDK attempts per request (first try + retries) on throttling and transient failures. */
export const DEFAULT_MAX_ATTEMPTS = 6;

/** Opening a connection to DynamoDB takes milliseconds; after this the attempt fails and is retried. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
/** One attempt's answer; DynamoDB answers in milliseconds, so a longer wait means it is stuck. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 4_000;
/**
 * Every store operation, all its attempts and backoff included, ends within this: a frozen store answers
 * StoreUnavailable (503 at the API) instead of hanging the caller.
 */
export const DEFAULT_OPERATION_TIMEOUT_MS = 10_000;
