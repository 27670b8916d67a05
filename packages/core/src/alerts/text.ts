/**
 * Plain-text hygiene for alert fields: one line, no control or bidi-override characters, bounded length,
 * and URLs restricted to http(s). Markup is never interpreted here; channels escape for their own syntax.
 */
import { ELLIPSIS } from "./constants.ts";

// C0/C1 controls, DEL, line/paragraph separators, and the bidi embedding/override/isolate controls that can
// reorder how a title reads.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Cuts text to at most `max` code points, ending with "…" when it was longer. Never splits a surrogate pair. */
export function clipText(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  if (max <= 0) return "";
  return (
    chars
      .slice(0, max - 1)
      .join("")
      .trimEnd() + ELLIPSIS
  );
}

/** Any value as one line of plain text: controls become spaces, runs of white space collapse, clipped to `max`. */
export function plainLine(value: unknown, max: number): string {
  if (typeof value !== "string") return "";
  const line = value.replace(UNSAFE_CHARS, " ").replace(/\s+/g, " ").trim();
  return clipText(line, max);
}

/** An ISO 8601 UTC time for a parseable date string, else null. */
export function isoTime(value: unknown): string | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** A finite number clamped to [min, max] and rounded to two decimals; `fallback` for anything else. */
export function score(value: unknown, min: number, max: number, fallback = 0): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return fallback;
  const clamped = Math.min(max, Math.max(min, value));
  // `+ 0` turns a rounded -0 into 0.
  return Math.round(clamped * 100) / 100 + 0;
}
