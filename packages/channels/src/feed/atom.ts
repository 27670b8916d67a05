/** Atom 1.0 (RFC 4287) of a list of alerts: text-only titles and content, stable urn ids, updated times. */
import type { Alert } from "@storywire/core";
import { alertPlainText } from "../text/format.ts";
import { alertUrn, entrySummary, type FeedOptions, feedEntries, feedUpdated, feedUrl } from "./entries.ts";
import { element } from "./xml.ts";

export function renderAtom(options: FeedOptions): string {
  const selfUrl = feedUrl(options.selfUrl, "selfUrl");
  const homePageUrl = options.homePageUrl === undefined ? undefined : feedUrl(options.homePageUrl, "homePageUrl");
  const entries = feedEntries(options.alerts);
  const head = [
    element("id", {}, selfUrl),
    element("title", { type: "text" }, options.title),
    element("updated", {}, feedUpdated(entries, options.updated)),
    element("link", { rel: "self", type: "application/atom+xml", href: selfUrl }),
    homePageUrl === undefined ? "" : element("link", { rel: "alternate", type: "text/html", href: homePageUrl }),
    element("generator", {}, "Storywire"),
    "<author><name>Storywire</name></author>",
  ];
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    ...head.filter((line) => line !== "").map((line) => `  ${line}`),
    ...entries.map(atomEntry),
    "</feed>",
    "",
  ].join("\n");
}

function atomEntry(alert: Alert): string {
  const lines = [
    element("id", {}, alertUrn(alert)),
    element("title", { type: "text" }, alert.story.title),
    element("updated", {}, alert.createdAt),
    alert.story.publishedAt === null ? "" : element("published", {}, alert.story.publishedAt),
    alert.story.url === null ? "" : element("link", { rel: "alternate", type: "text/html", href: alert.story.url }),
    element("link", { rel: "related", type: "application/json", href: alert.links.story }),
    `<author>${element("name", {}, alert.story.source)}</author>`,
    element("category", { term: alert.storyline.id, label: alert.storyline.title }),
    element("category", { term: alert.relation, scheme: "urn:storywire:relation" }),
    element("summary", { type: "text" }, entrySummary(alert)),
    element("content", { type: "text" }, alertPlainText(alert)),
  ];
  const body = lines.filter((line) => line !== "").map((line) => `    ${line}`);
  return ["  <entry>", ...body, "  </entry>"].join("\n");
}
