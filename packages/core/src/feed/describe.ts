/** Sentences for what the feed reader did with a document: its repairs, and the items that are not stories. */
import type { FeedRepair, SkipReason } from "../types.ts";

export const REPAIR_DESCRIPTIONS: Readonly<Record<FeedRepair, string>> = {
  "invalid-bytes": "bytes invalid in the declared encoding replaced by U+FFFD",
  "junk-before-root": "text before the feed's root element ignored",
  "undefined-entities": "undefined entities kept as text",
  "bare-ampersands": 'bare "&" read as text',
  attributes: "malformed attributes rewritten",
  namespaces: "namespace prefixes read by their namespace",
  nesting: "mis-nested or unclosed elements closed",
  truncated: "document cut off mid-way, closed",
  "unreadable-dates": "unreadable Atom dates ignored",
  "text-links": "Atom links written as text read",
  "json-commas": "missing, doubled or trailing commas in JSON read past",
  "json-strings": "raw control characters, invalid escapes or unescaped quotes in JSON strings read as text",
  "json-comments": "comments in JSON ignored",
  "json-syntax": "other JSON syntax errors read past (single quotes, bare names, brackets; unreadable values skipped)",
  "junk-after-root": "text after the end of the document ignored",
};

export const SKIP_DESCRIPTIONS: Readonly<Record<SkipReason, string>> = {
  overCap: "over the item cap (the oldest dropped)",
  cutOff: "cut off by the end of the document",
  empty: "without title, link or content",
  duplicate: "repeating another item's key",
  unreadable: "unreadable",
  failed: "failed to process",
};

/** "bare "&" read as text; document cut off mid-way, closed", or "" when nothing was repaired. */
export function describeRepairs(repairs: readonly FeedRepair[] | null | undefined): string {
  return (repairs ?? []).map((repair) => REPAIR_DESCRIPTIONS[repair]).join("; ");
}

/** "10 over the item cap (the oldest dropped), 1 cut off by the end of the document", or "" when none. */
export function describeSkipped(counts: Partial<Record<SkipReason, number>>): string {
  return (Object.keys(SKIP_DESCRIPTIONS) as SkipReason[])
    .filter((reason) => (counts[reason] ?? 0) > 0)
    .map((reason) => `${counts[reason]} ${SKIP_DESCRIPTIONS[reason]}`)
    .join(", ");
}
