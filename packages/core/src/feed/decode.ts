/**
 * Bytes -> text. The encoding is taken from, in order: a byte order mark, the HTTP charset, the document's
 * own label (XML prolog `encoding=`, or <meta charset> for HTML), else UTF-8 (windows-1252 when the bytes
 * are mostly not UTF-8). The prolog of the returned text says UTF-8, so no later reader decodes it again.
 *
 * Forgiving where it pays: a document that labels itself with a legacy charset but whose bytes are valid UTF-8
 * (sites that moved to UTF-8 and kept an old <meta charset> or prolog) is read as UTF-8 when no HTTP charset
 * says otherwise; bytes that are invalid under the chosen encoding become U+FFFD where they stand, and only
 * there (counted in `invalidBytes`).
 */
import { charsetFromContentType, isUtf16, normalizeCharset } from "./charset.ts";

export interface DecodedFeed {
  text: string;
  /** The encoding actually used, canonical lowercase name ("utf-8", "windows-1251", "utf-16le", ...). */
  encoding: string;
  /** Byte sequences that were invalid under that encoding, each now one U+FFFD in the text. */
  invalidBytes: number;
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

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** The body as UTF-8 when every byte sequence is valid, else null. */
function strictUtf8Text(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * windows-1252 at 0x80-0x9F (elsewhere it is Latin-1). Node's TextDecoder reads the windows-1252 labels as plain
 * Latin-1 (control characters where the curly quotes, dashes and euro sign should be), so this one is done here.
 * The five bytes the encoding leaves undefined (0x81, 0x8d, 0x8f, 0x90, 0x9d) stay the C1 controls WHATWG maps
 * them to.
 */
const WINDOWS_1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return latin1.replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/**
 * Decodes with a name normalizeCharset returned, with Node's TextDecoder (ICU: every encoding of the WHATWG
 * standard, so no code tables ship in the bundles); a byte order mark is kept (decodeFeedBytes removes it).
 */
function decodeAs(bytes: Uint8Array, encoding: string): string {
  if (encoding === "windows-1252") return decodeWindows1252(bytes);
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

function countReplacements(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\ufffd"); at >= 0; at = text.indexOf("\ufffd", at + 1)) count++;
  return count;
}

/** True when some byte is outside ASCII (only then can two encodings disagree). */
function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return true;
  return false;
}

/** Characters outside ASCII that decoded cleanly (not U+FFFD). */
function countNonAscii(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80 && code !== 0xfffd) count++;
  }
  return count;
}

function decodeWith(body: Uint8Array, encoding: string): { text: string; invalidBytes: number } {
  if (encoding === "utf-8") {
    const strict = strictUtf8Text(body);
    if (strict !== null) return { text: strict, invalidBytes: 0 };
    const text = lenientUtf8.decode(body);
    return { text, invalidBytes: countReplacements(text) };
  }
  const text = decodeAs(body, encoding);
  return { text, invalidBytes: countReplacements(text) };
}

/** Decode feed (or page) bytes to text; see the module comment for how the encoding is chosen. */
export function decodeFeedBytes(bytes: Uint8Array, httpCharset?: string | null): DecodedFeed {
  const bom = sniffBom(bytes);
  const body = bom ? bytes.subarray(bom.length) : bytes;
  const httpLabel = httpCharset?.includes(";") ? charsetFromContentType(httpCharset) : httpCharset;
  const declared = bom?.encoding ?? normalizeCharset(httpLabel);
  let encoding = declared ?? sniffDocumentLabel(body);
  let decoded: { text: string; invalidBytes: number } | null = null;
  if (encoding === null) {
    // No label: UTF-8, unless the bytes are mostly something else (then the web's default, windows-1252).
    const utf8 = decodeWith(body, "utf-8");
    encoding = utf8.invalidBytes === 0 || countNonAscii(utf8.text) >= utf8.invalidBytes ? "utf-8" : "windows-1252";
    decoded = encoding === "utf-8" ? utf8 : null;
  } else if (declared === null && encoding !== "utf-8" && !isUtf16(encoding) && hasHighBytes(body)) {
    // Only the document's own label: valid UTF-8 bytes (with some beyond ASCII) are UTF-8 whatever it says.
    const strict = strictUtf8Text(body);
    if (strict !== null) {
      encoding = "utf-8";
      decoded = { text: strict, invalidBytes: 0 };
    }
  }
  decoded ??= decodeWith(body, encoding);
  let text = decoded.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text: relabelProlog(text), encoding, invalidBytes: decoded.invalidBytes };
}

/** Rewrite `encoding="..."` in the XML prolog to UTF-8: the text is already decoded. */
export function relabelProlog(text: string): string {
  return text.replace(/^(\s*<\?xml\s[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2/, "$1$2UTF-8$2");
}
