/**
 * OPML 2.0 export of the watched feeds, in the shape feed readers import (Miniflux, FreshRSS, Feedly, NetNewsWire):
 * one folder outline named after the exporting app, holding one `type="rss"` outline per feed with text, title and
 * xmlUrl (and htmlUrl when known). Attribute values are escaped, and characters XML 1.0 cannot carry are dropped.
 */
import { escapeXml } from "../xml-escape.ts";

export interface OpmlFeed {
  url: string;
  title: string | null;
  htmlUrl?: string | null;
}

/** An attribute value on one line (OPML readers show `text` and `title` as they stand), escaped. */
function attribute(value: string): string {
  return escapeXml(value.replace(/\r?\n|\r|\t/g, " "));
}

export function renderOpml(feeds: OpmlFeed[], options: { title: string; folder: string; createdAt: Date }): string {
  const outlines = feeds.map((feed) => {
    const name = attribute(feed.title?.trim() || new URL(feed.url).hostname);
    const html = feed.htmlUrl ? ` htmlUrl="${attribute(feed.htmlUrl)}"` : "";
    return `      <outline type="rss" text="${name}" title="${name}" xmlUrl="${attribute(feed.url)}"${html}/>`;
  });
  const folder = attribute(options.folder);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<opml version="2.0">`,
    `  <head>`,
    `    <title>${attribute(options.title)}</title>`,
    `    <dateCreated>${options.createdAt.toUTCString()}</dateCreated>`,
    `  </head>`,
    `  <body>`,
    `    <outline text="${folder}" title="${folder}">`,
    ...outlines,
    `    </outline>`,
    `  </body>`,
    `</opml>`,
    ``,
  ].join("\n");
}
