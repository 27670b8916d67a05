/** The frame every dashboard page shares: head (stylesheet and script from /assets), header with navigation, footer. */
import { html } from "hono/html";
import { assetHref } from "./assets/index.ts";
import { DASHBOARD_PATH, DASHBOARD_VERSION, FEEDS_PATH, STORIES_PATH } from "./constants.ts";
import { formatUtc } from "./format.ts";
import type { Fragment } from "./fragments.ts";

export type NavItem = "overview" | "stories" | "feeds";

export interface PageFrame {
  /** The page's name: the <title> (with " · Storywire") and, unless `heading` is given, its <h1>. */
  title: string;
  heading?: Fragment;
  /** A line under the heading. */
  lede?: Fragment;
  /** The navigation entry this page belongs to. */
  nav: NavItem | null;
  now: Date;
  /** Seconds between automatic reloads; 0 or absent renders none. */
  refreshSeconds?: number;
  /** Loads /assets/dashboard.js (the feeds page's forms). */
  script?: boolean;
}

const NAV: [NavItem, string, string][] = [
  ["overview", DASHBOARD_PATH, "Overview"],
  ["stories", STORIES_PATH, "Stories"],
  ["feeds", FEEDS_PATH, "Feeds"],
];

export function layout(frame: PageFrame, body: Fragment): Fragment {
  const refresh = (frame.refreshSeconds ?? 0) > 0;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${refresh ? html`<meta http-equiv="refresh" content="${frame.refreshSeconds}">` : ""}
<title>${frame.title} · Storywire</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetHref("dashboard.css")}">
${frame.script ? html`<script src="${assetHref("dashboard.js")}" defer></script>` : ""}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <div class="bar">
    <a class="brand" href="${DASHBOARD_PATH}">Storywire</a><span class="version">v${DASHBOARD_VERSION}</span>
    <nav aria-label="Dashboard"><ul>
      ${NAV.map(
        ([item, href, label]) =>
          html`<li><a href="${href}"${item === frame.nav ? html` aria-current="page"` : ""}>${label}</a></li>`,
      )}
      <li><a href="/docs">API reference</a></li>
    </ul></nav>
  </div>
  <div class="meta">Generated ${formatUtc(frame.now.toISOString())}${
    refresh ? html` · reloads every ${frame.refreshSeconds} s (<a href="?refresh=0">stop</a>)` : ""
  }</div>
</header>
<main id="main">
<h1>${frame.heading ?? frame.title}</h1>
${frame.lede ? html`<p class="lede">${frame.lede}</p>` : ""}
${body}
</main>
<footer>Storywire ${DASHBOARD_VERSION}. The API is described in <a href="/docs">its reference</a> and
<a href="/openapi.json">/openapi.json</a>.</footer>
</body>
</html>`;
}

/** A page for a missing story or storyline, or a bad request: the message and a way back. */
export function messagePage(title: string, message: string, now: Date, nav: NavItem | null = null): Fragment {
  return layout(
    { title, nav, now },
    html`<section class="card"><p>${message}</p><p><a href="${DASHBOARD_PATH}">Back to the overview</a></p></section>`,
  );
}
