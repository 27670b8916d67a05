import { describe, expect, it } from "vitest";
import { delayInWords, feedFailureSentence } from "./feed-failure.ts";

const FEED = "http://127.0.0.1:8080/feed.xml";

describe("feedFailureSentence", () => {
  it.each([
    [
      `${FEED} answered HTTP 503 (server error); Storywire will try again later.`,
      600_000,
      `The feed at ${FEED} answered HTTP 503 (server error); Storywire will try again in 10 minutes.`,
    ],
    [
      `${FEED} answered HTTP 429 (too many requests); Storywire will slow down and try again later.`,
      3_600_000,
      `The feed at ${FEED} answered HTTP 429 (too many requests); Storywire will try again in 1 hour.`,
    ],
    [
      `${FEED} answered HTTP 404 (not found); check the address.`,
      7_200_000,
      `The feed at ${FEED} answered HTTP 404 (not found); check the address; Storywire will try again in 2 hours.`,
    ],
    [
      `The document at ${FEED} is not an RSS, Atom or JSON Feed document: it is an HTML page.`,
      30_000,
      `The document at ${FEED} is not an RSS, Atom or JSON Feed document: it is an HTML page; Storywire will try again in 30 seconds.`,
    ],
    [
      "socket hang up\n    at Socket.onclose (node:net:1)",
      90_000,
      `The check of the feed at ${FEED} failed: socket hang up; Storywire will try again in 2 minutes.`,
    ],
    [
      "",
      1_000,
      `The check of the feed at ${FEED} failed: failed for a reason it did not give; Storywire will try again in 1 second.`,
    ],
  ])("%s", (message, delay, sentence) => {
    const said = feedFailureSentence(FEED, message, delay);
    expect(said).toBe(sentence);
    // One sentence: one line, one full stop at the end, no stack frame.
    expect(said).not.toMatch(/\n|\bat \S+ \(/);
  });

  it("says delays in the unit a person would", () => {
    expect([45_000, 600_000, 5_400_000, 86_400_000, 3 * 86_400_000].map(delayInWords)).toEqual([
      "45 seconds",
      "10 minutes",
      "2 hours",
      "1 day",
      "3 days",
    ]);
  });
});
