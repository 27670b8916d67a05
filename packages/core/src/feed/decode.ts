/**
 * Bytes -> text. The encoding is taken from, in order: a byte order mark, the HTTP charset, the document's
 * own label (XML prolog `encoding=`, or <meta charset> for HTML), else UTF-8 (windows-1252 when the bytes
 * are not valid UTF-8). The prolog of the returned text says UTF-8, so no later reader decodes it again.
 */
import { charsetFromContentType, isUtf16, normalizeCharset } from "./charset.ts";

export interface DecodedFeed {
  text: string;
  /** The encoding actually used, canonical lowercase name ("utf-8", "windows-1251", "utf-16le", ...). */
  encoding: string;
}

/** How many leading bytes are searched for an XML prolog or <meta charset>. */
const SNIFF_BYTES = 1024;

function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | null {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: "utf-8", length: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: "utf-16be", length: 2 };
  return null;
}

/** The label the document gives itself, read from its first bytes. */
function sniffDocumentLabel(bytes: Uint8Array): string | null {
  const [a, b, c, d] = bytes;
  // "<?" in UTF-16 without a BOM (XML 1.0 appendix F).
  if (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00) return "utf-16le";
  if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f) return "utf-16be";
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES)).toString("latin1");
  const prolog = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1/.exec(head);
  const meta = prolog ? null : /<meta\s[^>]*?charset\s*=\s*["']?([^"'\s/>;]+)/i.exec(head);
  const name = normalizeCharset(prolog?.[2] ?? meta?.[1]);
  // The label was just read as ASCII, so the document cannot really be UTF-16: treat it as UTF-8 (as WHATWG does).
  return name && isUtf16(name) ? "utf-8" : name;
}

function decodeUtf8(bytes: Uint8Array, fatal: boolean): string {
  return new TextDecoder("utf-8", { fatal, ignoreBOM: true }).decode(bytes);
}

/**
 * windows-1252 at 0x80-0x9F (elsewhere it is Latin-1). Node's TextDecoder reads the windows-1252 labels as plain
 * Latin-1 (control characters where the curly quotes, dashes and euro sign should be), so this one is done here.
 */
const WINDOWS_1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return latin1.replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/** Decodes with a name normalizeCharset returned; a byte order mark is kept (decodeFeedBytes removes it). */
function decodeAs(bytes: Uint8Array, encoding: string): string {
  if (encoding === "windows-1252") return decodeWindows1252(bytes);
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

/** Decode feed bytes to text; see the module comment for how the encoding is chosen. */
export function decodeFeedBytes(bytes: Uint8Array, httpCharset?: string | null): DecodedFeed {
  const bom = sniffBom(bytes);
  const body = bom ? bytes.subarray(bom.length) : bytes;
  const httpLabel = httpCharset?.includes(";") ? charsetFromContentType(httpCharset) : httpCharset;
  let encoding = bom?.encoding ?? normalizeCharset(httpLabel) ?? sniffDocumentLabel(body);
  let text: string;
  if (encoding === null) {
    try {
      text = decodeUtf8(body, true);
      encoding = "utf-8";
    } catch {
      encoding = "windows-1252";
      text = decodeAs(body, encoding);
    }
  } else if (encoding === "utf-8") {
    text = decodeUtf8(body, false);
  } else {
    text = decodeAs(body, encoding);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text: relabelProlog(text), encoding };
}

/** Rewrite `encoding="..."` in the XML prolog to UTF-8: the text is already decoded. */
export function relabelProlog(text: string): string {
  return text.replace(/^(\s*<\?xml\s[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2/, "$1$2UTF-8$2");
}
