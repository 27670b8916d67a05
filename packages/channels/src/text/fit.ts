/** Fitting text into platform length limits after escaping it, ending with "…" when it had to be cut. */

const ELLIPSIS = "…";
const identity = (text: string): string => text;

/**
 * `encode(text)` (an escaping function) cut so that it is at most `max` UTF-16 code units (a conservative measure for every
 * platform's "characters"). The cut happens in the plain text, before escaping, so it never lands inside an
 * escape sequence or a surrogate pair.
 */
export function fit(text: string, max: number, encode: (text: string) => string = identity): string {
  const whole = encode(text);
  if (whole.length <= max) return whole;
  if (max < ELLIPSIS.length) return "";
  const chars = Array.from(text);
  let keep = Math.min(chars.length, max - ELLIPSIS.length);
  while (keep > 0) {
    const candidate = encode(chars.slice(0, keep).join("").trimEnd()) + ELLIPSIS;
    if (candidate.length <= max) return candidate;
    // An escape expands one character to at most a handful: step down in proportion to the overshoot.
    keep -= Math.max(1, Math.floor((candidate.length - max) / 6));
  }
  return ELLIPSIS;
}
