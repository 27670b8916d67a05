/**
 * Reading xml2js nodes as rss-parser hands them over: a node is a string, or an object with text under
 * "_", attributes under "$" and children as arrays. The objects may have a null prototype and any own
 * keys (an element may be called "__proto__"), so every read goes through Object.hasOwn with fixed keys.
 */

export type XmlNode = unknown;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** An own property of an object, never one inherited from a prototype. */
export function own(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** The nodes stored under `key` (rss-parser custom fields with keepArray), always as an array. */
export function nodes(holder: unknown, key: string): XmlNode[] {
  const value = own(holder, key);
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** An attribute of a node, or null. */
export function attr(node: XmlNode, name: string): string | null {
  const value = own(own(node, "$"), name);
  return typeof value === "string" ? value : null;
}

/** True when the node has child elements (not only text and attributes). */
export function hasChildElements(node: XmlNode): boolean {
  return isRecord(node) && Object.keys(node).some((key) => key !== "_" && key !== "$");
}

/** All text of a node, children included (document order across different child names is not kept by xml2js). */
export function nodeText(node: XmlNode, depth = 0): string {
  if (typeof node === "string") return node;
  if (typeof node === "number") return String(node);
  if (!isRecord(node) || depth > 64) return "";
  const direct = own(node, "_");
  let text = typeof direct === "string" ? direct : "";
  for (const key of Object.keys(node)) {
    if (key === "_" || key === "$") continue;
    for (const child of nodes(node, key)) text += ` ${nodeText(child, depth + 1)}`;
  }
  return text;
}

/** Trimmed text of the first node under `key` that has any, or null. */
export function firstText(holder: unknown, key: string): string | null {
  for (const node of nodes(holder, key)) {
    const text = nodeText(node).trim();
    if (text) return text;
  }
  return null;
}
