/**
 * What a failed feed check tells people: one sentence that says what happened and when Storywire tries again
 * ("The feed at https://x/feed.xml answered HTTP 503 (server error); Storywire will try again in 10 minutes.").
 * The fetch and parse errors already name the address and what happened; this puts the feed first and replaces
 * their "will try again later" with the time the scheduler really chose.
 */
import { withoutRetryPromise } from "@storywire/fetch";

/** A delay in the words a person reads: "45 seconds", "10 minutes", "2 hours", "3 days" (rounded). */
export function delayInWords(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (seconds < 60) return unit(seconds, "second");
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return unit(minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (hours < 24) return unit(hours, "hour");
  return unit(Math.round(hours / 24), "day");
}

export function feedFailureSentence(feedUrl: string, message: string, retryInMs: number): string {
  const what =
    withoutRetryPromise((message.split("\n")[0] ?? "").trim()).replace(/[.;:\s]+$/, "") ||
    "failed for a reason it did not give";
  // Fetch errors begin with the address ("https://x answered HTTP 503"); parse errors with "The document at".
  const sentence = what.startsWith(feedUrl)
    ? `The feed at ${what}`
    : /^The (?:document|feed) at /.test(what)
      ? what
      : `The check of the feed at ${feedUrl} failed: ${what}`;
  return `${sentence}; Storywire will try again in ${delayInWords(retryInMs)}.`;
}
