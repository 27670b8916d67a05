/** Errors the feed parser throws. Messages are sentences a user can act on; no stack traces, no raw input. */

export type FeedErrorCode =
  /** Not an RSS, Atom or JSON Feed document at all (HTML page, other JSON, empty body, ...). */
  | "not-a-feed"
  /** Larger than the size cap. */
  | "too-large"
  /** Carries a DTD internal subset or entity declarations (billion laughs, XXE): refused unread. */
  | "dtd-refused"
  /** Elements nested deeper than the depth cap. */
  | "too-deep"
  /** Looks like a feed but cannot be read (broken XML or JSON). */
  | "malformed";

export class FeedError extends Error {
  override name = "FeedError";
  readonly code: FeedErrorCode;

  constructor(code: FeedErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** The document is readable but is not a feed. */
export class NotAFeedError extends FeedError {
  override name = "NotAFeedError";

  constructor(message: string) {
    super("not-a-feed", message);
  }
}

/** "The document at <url>" or "The document", for the start of error sentences. */
export function describeInput(feedUrl: string | null | undefined): string {
  return feedUrl ? `The document at ${feedUrl}` : "The document";
}
