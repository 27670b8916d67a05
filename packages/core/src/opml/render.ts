/**
 * OPML 2.0 export of the watched feeds, in the shape feed readers import (Miniflux, FreshRSS, Feedly, NetNewsWire):
 * one folder outline per folder (category), in name order, holding one `type="rss"` outline per feed with text,
 * title and xmlUrl (and htmlUrl when known); feeds in no folder follow at the top level (readers file them under
 * their default category), or in `options.folder` when given. Attribute values are escaped, and characters XML 1.0
 * cannot carry are dropped.
 */
import { escapeXml } from "../xml-escape.ts";

export interface OpmlFeed {
  url: string;
  title: string | null;
  htmlUrl?: string | null;
  /** Its folder (category); null or absent: none. */
  folder?: string | null;
}

/** An attribute value on one line (OPML readers show `text` and `title` as they stand), escaped. */
function attribute(value: string): string {
  return escapeXml(value.replace(/\r?\n|\r|\t/g, " "));
}

export function renderOpml(feeds: OpmlFeed[], options: { title: string; createdAt: Date; folder?: string }): string {
  const outline = (feed: OpmlFeed, indent: string) => {
    const name = attribute(feed.title?.trim() || new URL(feed.url).hostname);
    const html = feed.htmlUrl ? ` htmlUrl="${attribute(feed.htmlUrl)}"` : "";
    return `${indent}<outline type="rss" text="${name}" title="${name}" xmlUrl="${attribute(feed.url)}"${html}/>`;
  };
  const folders = new Map<string, OpmlFeed[]>();
  const loose: OpmlFeed[] = [];
  for (const feed of feeds) {
    const folder = feed.folder?.trim() || options.folder?.trim() || "";
    if (folder === "") loose.push(feed);
    else folders.set(folder, [...(folders.get(folder) ?? []), feed]);
  }
  const body = [...folders.keys()]
    .sort((a, b) => a.localeCompare(b))
    .flatMap((folder) => {
      const name = attribute(folder);
      return [
        `    <outline text="${name}" title="${name}">`,
        ...(folders.get(folder) ?? []).map((feed) => outline(feed, "      ")),
        `    </outline>`,
      ];
    });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<opml version="2.0">`,
    `  <head>`,
    `    <title>${attribute(options.title)}</title>`,
    `    <dateCreated>${options.createdAt.toUTCString()}</dateCreated>`,
    `  </head>`,
    `  <body>`,
    ...body,
    ...loose.map((feed) => outline(feed, "    ")),
    `  </body>`,
    `</opml>`,
    ``,
  ].join("\n");
}
