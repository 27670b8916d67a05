/** XML text and attribute escaping, dropping characters XML 1.0 cannot carry at all. */

// Everything outside XML 1.0's Char production: C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the allowed control characters are the point.
const NOT_XML_CHAR = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text safe for element content and for double- or single-quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, "").replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** `<name attr="...">text</name>` with escaped text and attributes; self-closing when text is undefined. */
export function element(name: string, attributes: Record<string, string | undefined>, text?: string): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join("");
  return text === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${escapeXml(text)}</${name}>`;
}
