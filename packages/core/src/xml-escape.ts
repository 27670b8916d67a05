/**
 * The one XML escaping rule of every XML output (Atom feeds, OPML): characters XML 1.0 cannot carry are dropped,
 * and the five markup characters become entities, so the text is safe in element content and in double- or
 * single-quoted attribute values.
 */

// Everything outside XML 1.0's Char production: C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the allowed control characters are the point.
const NOT_XML_CHAR = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, "").replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
