/**
 * Errors the store raises. Every message is a sentence a user can act on; the AWS error, when there is one,
 * rides along as `cause` for logs.
 */

export interface StoreErrorOptions {
  cause?: unknown;
  /** True when trying again later may succeed (throttling, endpoint briefly unreachable). */
  retryable?: boolean;
}

export class StoreError extends Error {
  readonly retryable: boolean;

  constructor(message: string, options: StoreErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "StoreError";
    this.retryable = options.retryable ?? false;
  }
}

/**
 * DynamoDB could not be reached, did not answer in time, or kept throttling after the SDK's retries. Nothing was
 * written by the request that failed (or its write is repeated safely by whoever retries): try again shortly.
 */
export class StoreUnavailable extends StoreError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, retryable: true });
    this.name = "StoreUnavailable";
  }
}

/** The record a write needs does not exist. Reads return null instead of throwing this. */
export class NotFound extends StoreError {
  readonly entity: string;
  readonly id: string;

  constructor(entity: string, id: string) {
    super(`${entity} "${id}" was not found in the store; it may have been deleted. Check the id and try again.`);
    this.name = "NotFound";
    this.entity = entity;
    this.id = id;
  }
}

/** A pagination cursor that this store did not hand out for this list. */
export class InvalidCursor extends StoreError {
  constructor(cursor: string, reason: string) {
    const shown = cursor.length > 40 ? `${cursor.slice(0, 40)}…` : cursor;
    super(
      `The page cursor "${shown}" is not valid for this list: ${reason}. ` +
        "Pass the cursor exactly as the previous page returned it, or omit it to start from the first page.",
    );
    this.name = "InvalidCursor";
  }
}

/** A value the caller passed cannot be stored as given (bad id, unparseable date, NaN in a score...). */
export class InvalidInput extends StoreError {
  constructor(message: string) {
    super(message);
    this.name = "InvalidInput";
  }
}

/** The record exists but is in a state that does not allow the change (replaying a delivered delivery...). */
export class Conflict extends StoreError {
  constructor(message: string) {
    super(message);
    this.name = "Conflict";
  }
}

/** A delivery worker tried to finish a delivery whose lease it no longer holds. */
export class LeaseLost extends Conflict {
  constructor(deliveryId: string, owner: string, detail: string) {
    super(
      `Worker "${owner}" cannot complete delivery "${deliveryId}" because it does not hold the delivery's lease ` +
        `(${detail}). Another worker owns or has finished it; do not record this attempt.`,
    );
    this.name = "LeaseLost";
  }
}
