/**
 * OPML 2.0 export of the watched feeds, in the shape feed readers import (Miniflux, FreshRSS, Feedly, NetNewsWire):
 * one folder outline named after the exporting app, holding one `type="rss"` outline per feed with text, title and
 * xmlUrl (and htmlUrl when known). Attribute values are escaped, and characters XML 1.0 cannot carry are dropped.
 */

export interface OpmlFeed {
  url: string;
  title: string | null;
  htmlUrl?: string | null;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML 1.0 forbids
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(value: string): string {
  return value
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\r?\n|\r|\t/g, " ");
}

export function renderOpml(feeds: OpmlFeed[], options: { title: string; folder: string; createdAt: Date }): string {
  const outlines = feeds.map((feed) => {
    const name = escapeXml(feed.title?.trim() || new URL(feed.url).hostname);
    const html = feed.htmlUrl ? ` htmlUrl="${escapeXml(feed.htmlUrl)}"` : "";
    return `      <outline type="rss" text="${name}" title="${name}" xmlUrl="${escapeXml(feed.url)}"${html}/>`;
  });
  const folder = escapeXml(options.folder);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<opml version="2.0">`,
    `  <head>`,
    `    <title>${escapeXml(options.title)}</title>`,
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
