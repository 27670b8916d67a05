/**
 * Characters a storyline's text must not hold: control characters (C0, DEL, C1: NUL, ESC, backspace...), which
 * corrupt logs, terminals and the files a storyline is copied into, and the Unicode bidirectional embeddings,
 * overrides and isolates (U+202A-U+202E, U+2066-U+2069), which make text display in another order than it is
 * read ("Trojan Source"): a title could show one thing and say another. Such text is refused with a sentence naming
 * the character and where it is, never cleaned silently, so what is saved is what the user wrote.
 */

const BIDI_NAMES: Record<string, string> = {
  "\u202a": "LEFT-TO-RIGHT EMBEDDING",
  "\u202b": "RIGHT-TO-LEFT EMBEDDING",
  "\u202c": "POP DIRECTIONAL FORMATTING",
  "\u202d": "LEFT-TO-RIGHT OVERRIDE",
  "\u202e": "RIGHT-TO-LEFT OVERRIDE",
  "\u2066": "LEFT-TO-RIGHT ISOLATE",
  "\u2067": "RIGHT-TO-LEFT ISOLATE",
  "\u2068": "FIRST STRONG ISOLATE",
  "\u2069": "POP DIRECTIONAL ISOLATE",
};

const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
/** The same, without the ordinary whitespace a multi-line text holds (tab, line feed, carriage return). */
const UNSAFE_IN_PROSE = /[^\P{Cc}\t\n\r]|[\u202a-\u202e\u2066-\u2069]/u;

export interface UnsafeCharacter {
  /** 0-based index in the text. */
  index: number;
  /** "U+202E RIGHT-TO-LEFT OVERRIDE", "U+0000 (a control character)" */
  name: string;
}

/** The first character of `text` a storyline may not hold; null when there is none. */
export function findUnsafeCharacter(text: string, options: { allowLineBreaks?: boolean } = {}): UnsafeCharacter | null {
  const match = (options.allowLineBreaks ? UNSAFE_IN_PROSE : UNSAFE).exec(text);
  if (!match) return null;
  const ch = match[0];
  const code = `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
  const bidi = BIDI_NAMES[ch];
  return { index: match.index, name: bidi ? `${code} ${bidi}` : `${code} (a control character)` };
}

/** What a field holding `found` must not do, as the end of a sentence that starts with the field. */
export function unsafeCharacterMessage(found: UnsafeCharacter): string {
  return (
    `must not hold control characters or bidirectional overrides; remove the ${found.name} at character ` +
    `${found.index + 1}`
  );
}
