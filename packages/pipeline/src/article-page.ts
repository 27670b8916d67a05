/**
 * Is a fetched item link an article page? The full-text step extracts articles from HTML only: an item whose link
 * points at a feed (a comments feed, the feed itself), a JSON document, a PDF or an image must not have that document
 * read as its article. Decided by the Content-Type and by the first bytes (servers label feeds text/html, and pages
 * come without a type), in the spirit of the WHATWG MIME sniffing rules:
 *
 * - a declared type that is neither HTML nor XHTML nor generic (none, text/plain, application/octet-stream, and the
 *   XML types, which need a look at the root element) is not an article page;
 * - whatever the type, bytes that begin as a feed (`<rss`, `<feed`, `<rdf:RDF`), as XML whose root is not `<html>`,
 *   as JSON, as a PDF or with binary bytes are not an article page;
 * - a generic type needs the bytes to begin as HTML (`<!DOCTYPE html`, `<html`, `<head`, `<body`, a comment, or
 *   another tag).
 */

const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);
/** Types that say nothing about the document: the bytes decide. */
const GENERIC_TYPES = new Set(["text/plain", "application/octet-stream", "binary/octet-stream", "application/unknown"]);
const XML_TYPES = new Set(["application/xml", "text/xml"]);
/** The bytes looked at: a document's kind shows in its prolog and first element. */
const SNIFF_BYTES = 1024;

/** Bytes that never occur in text (WHATWG "binary data bytes"). */
function hasBinaryBytes(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, SNIFF_BYTES);
  for (let i = 0; i < end; i++) {
    const b = bytes[i] as number;
    if (b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f)) return true;
  }
  return false;
}

const isUtf16 = (bytes: Uint8Array) =>
  (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe);

/** The start of the document as lowercase text, without a byte order mark or leading white space. */
function head(bytes: Uint8Array): string {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (isUtf16(bytes)) {
    // UTF-16: keep the ASCII bytes, which is all the markers below need.
    return new TextDecoder(bytes[0] === 0xfe ? "utf-16be" : "utf-16le")
      .decode(bytes.subarray(2, 2 + 2 * SNIFF_BYTES))
      .trimStart()
      .toLowerCase();
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.min(bytes.length - start, SNIFF_BYTES))
    .toString("latin1")
    .trimStart()
    .toLowerCase();
}

/** The name of the first element, past the XML declaration, processing instructions, comments and the doctype. */
function rootElement(text: string): string | null {
  const match = /^(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!doctype[^>]*>\s*)*<([a-z][\w.:-]*)/.exec(text);
  return match?.[1] ?? null;
}

type Sniffed = "html" | "feed" | "xml" | "json" | "pdf" | "binary" | "text";

function sniff(bytes: Uint8Array): Sniffed {
  // UTF-16 text is full of zero bytes; its byte order mark says it is text.
  if (!isUtf16(bytes) && hasBinaryBytes(bytes)) return "binary";
  const text = head(bytes);
  if (text.startsWith("%pdf-")) return "pdf";
  if (text.startsWith("{") || text.startsWith("[")) return "json";
  const root = rootElement(text);
  if (root === "rss" || root === "feed" || root === "rdf:rdf" || /:(?:rss|feed)$/.test(root ?? "")) return "feed";
  if (root === "html") return "html";
  if (text.startsWith("<?xml")) return "xml";
  if (text.startsWith("<!doctype html") || text.startsWith("<!--") || root !== null) return "html";
  return "text";
}

const REASONS: Record<Exclude<Sniffed, "html">, string> = {
  feed: "a feed, not an article page",
  xml: "an XML document, not an HTML page",
  json: "a JSON document, not an HTML page",
  pdf: "a PDF, not an HTML page",
  binary: "binary data, not an HTML page",
  text: "plain text without HTML markup",
};

/**
 * Why a fetched page is not an article page, or null when it is HTML to extract from. `contentType` is the media
 * type without parameters (null when the server sent none).
 */
export function notArticlePage(contentType: string | null | undefined, body: Uint8Array): string | null {
  const type = contentType?.trim().toLowerCase() || null;
  const declared = type ?? "no type";
  if (type !== null && !HTML_TYPES.has(type) && !GENERIC_TYPES.has(type) && !XML_TYPES.has(type)) {
    return `the server says it is ${declared}, not an HTML page`;
  }
  const kind = sniff(body);
  if (kind === "html") return null;
  // Labelled HTML but plain text inside: Readability decides (it finds no article in text without markup).
  if (kind === "text" && type !== null && HTML_TYPES.has(type)) return null;
  return `${REASONS[kind]} (${declared})`;
}
