/** Limits and element tables for turning HTML into paragraphs. */

/** HTML longer than this (in UTF-16 code units) is cut before parsing, so one hostile page cannot exhaust memory. */
export const MAX_HTML_CHARS = 5_000_000;

/**
 * Element budget. extractArticle gives up (null) on pages with more start tags than this; htmlToParagraphs
 * reads only the HTML before the tag past it. Real article pages have a few thousand.
 */
export const MAX_ELEMENTS_TO_PARSE = 50_000;

/**
 * extractArticle gives up on pages nested deeper than this: Readability's scoring is quadratic in depth
 * (50,000 nested divs take minutes). Real pages stay around 10-30 levels.
 */
export const MAX_NESTING_DEPTH = 200;

/** Extracted text shorter than this is not an article (an error page, a cookie wall, a login form). */
export const MIN_ARTICLE_CHARS = 200;

/** Elements dropped with everything inside them: code, media, forms, page chrome. */
export const REMOVED_TAGS: ReadonlySet<string> = new Set([
  "applet",
  "area",
  "aside",
  "audio",
  "base",
  "button",
  "canvas",
  "datalist",
  "dialog",
  "embed",
  "fieldset",
  "footer",
  "form",
  "frame",
  "frameset",
  "head",
  "iframe",
  "img",
  "input",
  "link",
  "map",
  "meta",
  "nav",
  "noscript",
  "object",
  "option",
  "picture",
  "script",
  "select",
  "source",
  "style",
  "svg",
  "template",
  "textarea",
  "title",
  "track",
  "video",
]);

/** Elements that start and end a paragraph. Everything else is inline (its text joins the current paragraph). */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  "address",
  "article",
  "blockquote",
  "body",
  "caption",
  "center",
  "dd",
  "details",
  "dir",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "html",
  "legend",
  "li",
  "main",
  "menu",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "tfoot",
  "thead",
  "tr",
  "ul",
]);

/** Table cells stay on their row's line, separated by a space. */
export const CELL_TAGS: ReadonlySet<string> = new Set(["td", "th"]);

/** ARIA roles of page chrome (site header, menus, sidebars, site footer, search boxes). */
export const REMOVED_ROLES: ReadonlySet<string> = new Set([
  "banner",
  "complementary",
  "contentinfo",
  "dialog",
  "navigation",
  "search",
]);

/**
 * Words that mark a widget when they appear as one dash/underscore-separated part of a class or id
 * ("post-share-buttons", "sharedaddy", "ad_slot"). Matching whole parts keeps "head" or "shadow" safe.
 */
export const WIDGET_CLASS_PARTS: ReadonlySet<string> = new Set([
  "a2a",
  "ad",
  "ads",
  "adsbygoogle",
  "addtoany",
  "advert",
  "advertisement",
  "breadcrumb",
  "breadcrumbs",
  "comments",
  "cookie",
  "cookies",
  "feedflare",
  "newsletter",
  "promo",
  "share",
  "sharedaddy",
  "sharing",
  "social",
  "subscribe",
  "subscription",
]);

/** "related" marks a widget only together with one of these parts ("related-posts", "jp-relatedposts"). */
export const RELATED_CLASS_PARTS: ReadonlySet<string> = new Set(["articles", "content", "links", "posts", "stories"]);
