/** XML elements for the Atom feed, escaped by core's one XML rule (escapeXml). */
import { escapeXml } from "@storywire/core";

export { escapeXml };

/** `<name attr="...">text</name>` with escaped text and attributes; self-closing when text is undefined. */
export function element(name: string, attributes: Record<string, string | undefined>, text?: string): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join("");
  return text === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${escapeXml(text)}</${name}>`;
}
