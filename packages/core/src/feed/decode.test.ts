import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeFeedBytes } from "./decode.ts";
import { parseFeed } from "./parse.ts";

const RUSSIAN = "Новости: перемирие и переговоры";
/** windows-1251 has the ellipsis at 0x85, which Latin-1 readers mistake for NEL. */
const RUSSIAN_1251 = "Новости: перемирие…";
const CHINESE = "上海合作组织国防部长会议";
const PORTUGUESE = "Mãe de utente é a nova presidente — “Raríssimas” €";

/** An RSS document with `title`, its prolog naming `label` (none when null), encoded as `encoding`. */
function feedBytes(title: string, encoding: string, label: string | null, bom = false): Buffer {
  const prolog = label === null ? "" : `<?xml version="1.0" encoding="${label}"?>`;
  const xml = `${prolog}<rss version="2.0"><channel><title>${title}</title><item><title>${title}</title><link>https://news.example/1</link></item></channel></rss>`;
  return iconv.encode(xml, encoding, { addBOM: bom });
}

function titleOf(text: string): string | undefined {
  return /<title>([^<]*)<\/title>/.exec(text)?.[1];
}

describe("decodeFeedBytes", () => {
  it.each([
    // [case, bytes, http charset, expected title, expected encoding]
    [
      "windows-1251 prolog",
      feedBytes(RUSSIAN_1251, "windows-1251", "windows-1251"),
      null,
      RUSSIAN_1251,
      "windows-1251",
    ],
    ["KOI8-R prolog", feedBytes(RUSSIAN, "koi8-r", "KOI8-R"), null, RUSSIAN, "koi8-r"],
    ["KOI8-R from HTTP only", feedBytes(RUSSIAN, "koi8-r", null), "koi8-r", RUSSIAN, "koi8-r"],
    ["HTTP charset beats the prolog", feedBytes(RUSSIAN, "koi8-r", "windows-1251"), "KOI8-R", RUSSIAN, "koi8-r"],
    ["HTTP Content-Type value", feedBytes(RUSSIAN, "koi8-r", null), "text/xml; charset=koi8-r", RUSSIAN, "koi8-r"],
    [
      "unknown HTTP charset falls back to the prolog",
      feedBytes(RUSSIAN, "windows-1251", "windows-1251"),
      "x-bogus",
      RUSSIAN,
      "windows-1251",
    ],
    [
      "label 'constructor' is no charset",
      feedBytes(RUSSIAN, "windows-1251", "windows-1251"),
      "constructor",
      RUSSIAN,
      "windows-1251",
    ],
    [
      "ISO-8859-1 label read as windows-1252",
      feedBytes(PORTUGUESE, "windows-1252", "ISO-8859-1"),
      null,
      PORTUGUESE,
      "windows-1252",
    ],
    ["windows-1252 prolog", feedBytes(PORTUGUESE, "windows-1252", "windows-1252"), null, PORTUGUESE, "windows-1252"],
    ["ISO-8859-15 prolog", feedBytes("Café €5", "iso-8859-15", "ISO-8859-15"), null, "Café €5", "iso-8859-15"],
    ["GBK prolog", feedBytes(CHINESE, "gbk", "GBK"), null, CHINESE, "gb18030"],
    ["GB2312 prolog", feedBytes(CHINESE, "gbk", "gb2312"), null, CHINESE, "gb18030"],
    ["GB18030 prolog", feedBytes(`${CHINESE}𠀀`, "gb18030", "GB18030"), null, `${CHINESE}𠀀`, "gb18030"],
    ["UTF-16LE with BOM", feedBytes(RUSSIAN, "utf-16le", "UTF-16", true), null, RUSSIAN, "utf-16le"],
    ["UTF-16BE with BOM", feedBytes(CHINESE, "utf-16be", "UTF-16", true), null, CHINESE, "utf-16be"],
    ["UTF-16LE without BOM, sniffed from '<?'", feedBytes(RUSSIAN, "utf-16le", "UTF-16"), null, RUSSIAN, "utf-16le"],
    [
      "UTF-8 BOM beats a windows-1251 prolog",
      feedBytes(RUSSIAN, "utf-8", "windows-1251", true),
      null,
      RUSSIAN,
      "utf-8",
    ],
    [
      "UTF-16LE BOM beats an ISO-8859-1 prolog",
      feedBytes(PORTUGUESE, "utf-16le", "ISO-8859-1", true),
      null,
      PORTUGUESE,
      "utf-16le",
    ],
    ["BOM beats the HTTP charset", feedBytes(CHINESE, "utf-8", null, true), "windows-1251", CHINESE, "utf-8"],
    [
      "a UTF-16 label in an ASCII-readable prolog means UTF-8",
      feedBytes(RUSSIAN, "utf-8", "utf-16"),
      null,
      RUSSIAN,
      "utf-8",
    ],
    ["no label, valid UTF-8", feedBytes(CHINESE, "utf-8", null), null, CHINESE, "utf-8"],
    [
      "no label, not UTF-8: windows-1252",
      feedBytes(PORTUGUESE, "windows-1252", null),
      null,
      PORTUGUESE,
      "windows-1252",
    ],
  ])("%s", (_case, bytes, httpCharset, expectedTitle, expectedEncoding) => {
    const { text, encoding } = decodeFeedBytes(bytes, httpCharset);
    expect(encoding).toBe(expectedEncoding);
    expect(titleOf(text)).toBe(expectedTitle);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it("reads <meta charset> in an HTML page", () => {
    const html = iconv.encode(
      `<!doctype html><html><head><meta charset="windows-1251"><title>${RUSSIAN}</title>`,
      "windows-1251",
    );
    expect(decodeFeedBytes(html)).toMatchObject({ encoding: "windows-1251" });
    expect(titleOf(decodeFeedBytes(html).text)).toBe(RUSSIAN);
    const httpEquiv = iconv.encode(
      `<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><title>${RUSSIAN}</title>`,
      "koi8-r",
    );
    expect(titleOf(decodeFeedBytes(httpEquiv).text)).toBe(RUSSIAN);
  });

  it("rewrites the prolog to say UTF-8 so no later reader decodes again", () => {
    const { text } = decodeFeedBytes(feedBytes(RUSSIAN, "windows-1251", "windows-1251"));
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const single = decodeFeedBytes(iconv.encode("<?xml version='1.0' encoding='koi8-r'?><rss/>", "koi8-r"));
    expect(single.text).toBe("<?xml version='1.0' encoding='UTF-8'?><rss/>");
  });

  it("decodes a subarray view correctly (offsets into a larger buffer)", () => {
    const inner = feedBytes(RUSSIAN, "windows-1251", "windows-1251");
    const outer = Buffer.concat([Buffer.from("garbage"), inner]);
    const view = new Uint8Array(outer.buffer, outer.byteOffset + 7, inner.length);
    expect(titleOf(decodeFeedBytes(view).text)).toBe(RUSSIAN);
  });

  it.each([
    ["KOI8-R", "koi8-r", RUSSIAN],
    ["GBK", "gbk", CHINESE],
    ["UTF-16", "utf-16le", PORTUGUESE],
  ])("end to end: a %s feed parses to correct Unicode", async (label, encoding, title) => {
    const { text } = decodeFeedBytes(feedBytes(title, encoding, label, encoding.startsWith("utf-16")));
    const feed = await parseFeed(text, "https://news.example/feed.xml");
    expect(feed.title).toBe(title);
    expect(feed.items[0]?.title).toBe(title);
  });
});
