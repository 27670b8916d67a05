/**
 * How a send turns into a SendResult. HTTP: 2xx delivered; 3xx a failed attempt (redirects are not
 * followed), retried; 408/429/5xx retried (429 and 503 with the endpoint's Retry-After); 410 disables the
 * endpoint; other 4xx are not retried. Errors: configuration problems and blocked addresses are not retried,
 * timeouts and network failures are.
 */
import { ERROR_MESSAGE_MAX } from "../constants.ts";
import { ChannelConfigError, DeliveryError } from "../errors.ts";
import type { PostJsonResult, SendResult } from "../types.ts";

/** Error codes of the HTTP client that no retry can fix (the URL or its address is refused). */
const PERMANENT_CODES = new Set(["invalid_url", "unsupported_scheme", "url_credentials", "blocked_address"]);

/** The outcome of an HTTP answer from `target` ("The Slack webhook", ...). */
export function httpOutcome(result: PostJsonResult, target: string): SendResult {
  const { status } = result;
  if (result.ok && status >= 200 && status <= 299) {
    return { ok: true, status, retryable: false, disableEndpoint: false };
  }
  const failed = (retryable: boolean, error: string, disableEndpoint = false): SendResult => {
    const outcome: SendResult = { ok: false, status, retryable, disableEndpoint, error };
    if (retryable && result.retryAfterMs !== null && result.retryAfterMs >= 0) {
      outcome.retryAfterMs = result.retryAfterMs;
    }
    return outcome;
  };
  if (status >= 300 && status <= 399) {
    return failed(
      true,
      `${target} answered HTTP ${status} (a redirect); redirects are not followed, so set the URL to its final address.`,
    );
  }
  if (status === 410) {
    return failed(
      false,
      `${target} answered HTTP 410 Gone, so deliveries to it are disabled; add a new URL to resume.`,
      true,
    );
  }
  if (status === 429) return failed(true, `${target} asked to slow down (HTTP 429); the alert will be retried.`);
  if (status === 408) return failed(true, `${target} timed out on its side (HTTP 408); the alert will be retried.`);
  if (status >= 400 && status <= 499) {
    return failed(false, `${target} refused the message (HTTP ${status}); check the URL and the endpoint's settings.`);
  }
  if (status >= 500) return failed(true, `${target} failed with HTTP ${status}; the alert will be retried.`);
  return failed(true, `${target} gave an unexpected answer (HTTP ${status}); the alert will be retried.`);
}

/** The outcome of a send that threw: our own classified errors, the HTTP client's typed errors, anything else. */
export function errorOutcome(error: unknown, target: string): SendResult {
  if (error instanceof ChannelConfigError) {
    return { ok: false, retryable: false, disableEndpoint: false, error: sentence(error.message) };
  }
  if (error instanceof DeliveryError) {
    const outcome: SendResult = {
      ok: false,
      retryable: error.retryable,
      disableEndpoint: false,
      error: sentence(error.message),
    };
    if (error.status !== undefined) outcome.status = error.status;
    return outcome;
  }
  const { code, message, retryable } = (error ?? {}) as { code?: unknown; message?: unknown; retryable?: unknown };
  const detail = typeof message === "string" && message.trim() !== "" ? message : "an unknown error";
  const permanent = typeof retryable === "boolean" ? !retryable : typeof code === "string" && PERMANENT_CODES.has(code);
  return {
    ok: false,
    retryable: !permanent,
    disableEndpoint: false,
    error: sentence(`${target} could not be reached: ${detail}`),
  };
}

/** One line, bounded, ending with a full stop. */
function sentence(text: string): string {
  let line = text.replace(/\s+/g, " ").trim();
  if (line.length > ERROR_MESSAGE_MAX) line = `${line.slice(0, ERROR_MESSAGE_MAX - 1)}…`;
  return /[.!?…]$/.test(line) ? line : `${line}.`;
}
