/**
 * OPML 2.0 subscription lists as feed readers export them (Feedly, Miniflux, FreshRSS, Inoreader, NetNewsWire...):
 * outlines nested in folders, each feed an outline with `xmlUrl`. Real exports are messy, so the parser is
 * lenient (sax in non-strict mode: an unescaped "&" or a stray tag does not lose the rest) and reports every entry
 * it cannot use with its line, instead of failing the whole file. It never resolves entities or DTDs.
 */
import sax from "sax";
import { canonicalizeUrl } from "../feed/url.ts";

/** More feeds than this in one file is not a subscription list anyone reads; the rest is reported. */
export const MAX_OPML_ENTRIES = 5000;
/** Folders nested deeper than this are not followed. */
export const MAX_OPML_DEPTH = 32;

export interface OpmlEntry {
  /** The feed URL as written (feed:// turned into http://). */
  url: string;
  /** The outline's title (or text); null when it has neither. */
  title: string | null;
  /** The site's address, when the outline gives one. */
  htmlUrl: string | null;
  /** The folders it sits in, outermost first. */
  folders: string[];
  /** 1-based line of the outline in the file. */
  line: number;
}

export interface OpmlProblem {
  line: number;
  title: string | null;
  url: string | null;
  /** A sentence saying what is wrong with the entry. */
  detail: string;
}

export interface ParsedOpml {
  title: string | null;
  entries: OpmlEntry[];
  problems: OpmlProblem[];
}

/** The document is not OPML at all (not XML, another root element, no body). */
export class OpmlError extends Error {
  override name = "OpmlError";
}

function attribute(attributes: Record<string, string>, name: string): string | null {
  const value = attributes[name]?.trim();
  return value ? value : null;
}

/** feed://host/path and feed:https://host/path are the old "subscribe" links; they mean http(s). */
function feedUrl(raw: string): string {
  if (/^feed:https?:/i.test(raw)) return raw.slice(5);
  if (/^feed:\/\//i.test(raw)) return `http://${raw.slice(7)}`;
  return raw;
}

export function parseOpml(text: string): ParsedOpml {
  const parser = sax.parser(false, { lowercase: true, trim: true, normalize: true, position: true });
  const result: ParsedOpml = { title: null, entries: [], problems: [] };
  const folders: string[] = [];
  /** Per open outline: whether it is a folder (its title was pushed on `folders`). */
  const open: boolean[] = [];
  let root: string | null = null;
  let inHeadTitle = false;
  let sawBody = false;
  let skipped = 0;

  parser.onopentag = (node) => {
    const name = node.name;
    const attrs = node.attributes as Record<string, string>;
    if (root === null) {
      root = name;
      if (name !== "opml") throw new OpmlError(`its root element is <${name}>, not <opml>`);
      return;
    }
    if (name === "title" && open.length === 0 && !sawBody) inHeadTitle = true;
    if (name === "body") sawBody = true;
    if (name !== "outline") return;
    const line = parser.line + 1;
    const title = attribute(attrs, "title") ?? attribute(attrs, "text");
    const rawUrl = attribute(attrs, "xmlurl");
    const type = attribute(attrs, "type")?.toLowerCase() ?? null;
    if (rawUrl === null) {
      if (type === "rss" || type === "atom") {
        result.problems.push({ line, title, url: null, detail: "The outline is a feed (type rss) without an xmlUrl." });
      }
      const isFolder = open.length < MAX_OPML_DEPTH;
      if (isFolder) folders.push(title ?? "(untitled folder)");
      open.push(isFolder);
      return;
    }
    open.push(false);
    const url = feedUrl(rawUrl);
    if (canonicalizeUrl(url) === null) {
      result.problems.push({
        line,
        title,
        url: rawUrl,
        detail: `"${rawUrl.slice(0, 200)}" is not an http(s) feed URL; give the full address, starting with https://.`,
      });
      return;
    }
    if (result.entries.length >= MAX_OPML_ENTRIES) {
      skipped += 1;
      return;
    }
    result.entries.push({ url, title, htmlUrl: attribute(attrs, "htmlurl"), folders: [...folders], line });
  };
  parser.onclosetag = (name) => {
    if (name === "title") inHeadTitle = false;
    if (name === "outline" && open.pop()) folders.pop();
  };
  parser.ontext = (value) => {
    if (inHeadTitle && value.trim()) result.title = value.trim();
  };
  parser.onerror = (error) => {
    // Lenient: note where the XML was broken and go on reading.
    if (root === null) throw new OpmlError(`it is not XML (${error.message.split("\n")[0]})`);
    parser.error = null as unknown as Error;
  };
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof OpmlError) throw error;
    throw new OpmlError(`it could not be read (${(error as Error).message.split("\n")[0]})`);
  }
  if (root === null) throw new OpmlError("it is empty");
  if (!sawBody) throw new OpmlError("it has no <body> with outlines");
  if (skipped > 0) {
    result.problems.push({
      line: 0,
      title: null,
      url: null,
      detail: `${skipped} more feeds were left out: one import takes at most ${MAX_OPML_ENTRIES}. Import them in another file.`,
    });
  }
  return result;
}
