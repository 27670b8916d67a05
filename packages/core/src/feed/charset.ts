/**
 * Charset labels -> the decoder to use, following the WHATWG Encoding Standard: ISO-8859-1 / US-ASCII labels
 * mean windows-1252, GB2312 / GBK mean GB18030 (a superset), and a bare "UTF-16" means little-endian. Decoding
 * is Node's TextDecoder (ICU: every encoding of the standard, the CJK ones included), so no code tables ship in
 * the bundles.
 */

const ALIASES = new Map<string, string>(
  Object.entries({
    utf8: "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    "x-unicode20utf8": "utf-8",
    "iso-8859-1": "windows-1252",
    iso8859_1: "windows-1252",
    "iso8859-1": "windows-1252",
    "iso_8859-1": "windows-1252",
    "iso-ir-100": "windows-1252",
    l1: "windows-1252",
    latin1: "windows-1252",
    "latin-1": "windows-1252",
    cp819: "windows-1252",
    ibm819: "windows-1252",
    "us-ascii": "windows-1252",
    ascii: "windows-1252",
    "ansi_x3.4-1968": "windows-1252",
    cp1252: "windows-1252",
    "x-cp1252": "windows-1252",
    "iso-8859-9": "windows-1254",
    latin5: "windows-1254",
    "iso-8859-11": "windows-874",
    "tis-620": "windows-874",
    cp1251: "windows-1251",
    "x-cp1251": "windows-1251",
    gb2312: "gb18030",
    gbk: "gb18030",
    "x-gbk": "gb18030",
    cp936: "gb18030",
    csgb2312: "gb18030",
    chinese: "gb18030",
    "iso-ir-58": "gb18030",
    "utf-16": "utf-16le",
    unicode: "utf-16le",
    "ucs-2": "utf-16le",
    unicodefffe: "utf-16be",
    "x-sjis": "shift_jis",
    sjis: "shift_jis",
    ms_kanji: "shift_jis",
    "windows-31j": "shift_jis",
    "big5-hkscs": "big5",
    "x-euc-jp": "euc-jp",
    "ks_c_5601-1987": "euc-kr",
    "windows-949": "euc-kr",
    koi8: "koi8-r",
    koi: "koi8-r",
    cskoi8r: "koi8-r",
    "x-mac-roman": "macintosh",
    mac: "macintosh",
  }),
);

/** The canonical decoder name for a charset label, or null when the label is unknown or unusable. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const cleaned = label
    .trim()
    .replace(/^["']|["']$/g, "")
    .trim()
    .toLowerCase();
  if (!cleaned || !/^[a-z0-9._:()-]+$/.test(cleaned)) return null;
  const name = ALIASES.get(cleaned) ?? cleaned;
  if (name === "utf-7" || name === "utf7" || name.startsWith("utf-32") || name.startsWith("utf32")) return null;
  return decoderName(name);
}

/** The standard's name for the decoder of `name` ("latin2" -> "iso-8859-2"), or null when there is none. */
function decoderName(name: string): string | null {
  try {
    return new TextDecoder(name).encoding;
  } catch {
    return null; // RangeError: not an encoding of the standard (or the "replacement" one)
  }
}

/** True for the 16-bit encodings, whose bytes cannot be read as ASCII to find a label. */
export function isUtf16(name: string): boolean {
  return name === "utf-16le" || name === "utf-16be";
}

/** The charset parameter of a Content-Type header value ("text/xml; charset=windows-1251"). */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return match?.[2] ?? null;
}
