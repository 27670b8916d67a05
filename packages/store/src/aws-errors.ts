/**
 * What an AWS SDK failure means for the store: a failed condition is an answer for the caller to interpret;
 * everything else becomes a StoreError that says what was being done and what to check.
 */
import { StoreError, StoreUnavailable } from "./errors.ts";

const RETRYABLE = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "ServiceUnavailable",
  "InternalServerError",
  "TimeoutError",
]);

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

export function isConditionFailure(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === "ConditionalCheckFailedException";
}

/** Turns an SDK failure into a StoreError whose message says what was being done and what to check. */
export function toStoreError(error: unknown, action: string, table: string): StoreError {
  if (error instanceof StoreError) return error;
  const err = (error ?? {}) as { name?: string; message?: string; code?: string; $retryable?: unknown };
  const name = err.name ?? "Error";
  const message = err.message ?? String(error);
  if (name === "ResourceNotFoundException") {
    return new StoreError(
      `${action} failed: the table "${table}" does not exist at this DynamoDB endpoint. ` +
        "Create it with ensureTable() for a local store, or deploy the stack in AWS.",
      { cause: error },
    );
  }
  if (name === "ValidationException" && /item size/i.test(message)) {
    return new StoreError(
      `${action} failed: the record is larger than DynamoDB's 400 KB item limit. Store less text for it.`,
      { cause: error },
    );
  }
  if (name === "AbortError" || name === "StoreDeadline") {
    return new StoreUnavailable(
      `${action} failed: DynamoDB did not complete it in time (no answer, or throttling that outlasted the ` +
        "deadline). Check that the endpoint is running and not overloaded, then try again.",
      { cause: error },
    );
  }
  if (RETRYABLE.has(name) || err.$retryable !== undefined) {
    return new StoreUnavailable(
      `${action} failed: DynamoDB is throttling or unavailable (${name}) even after retries. Try again shortly.`,
      { cause: error },
    );
  }
  if ((err.code && NETWORK_CODES.has(err.code)) || NETWORK_CODES.has(name)) {
    return new StoreUnavailable(
      `${action} failed: DynamoDB could not be reached (${err.code ?? name}). Check that the endpoint is running and reachable.`,
      { cause: error },
    );
  }
  return new StoreError(`${action} failed: ${name}: ${message}`, { cause: error });
}
