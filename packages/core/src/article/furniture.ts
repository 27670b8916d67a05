/**
 * Site furniture: the lines a page or feed wraps around an article ("No time to read? Get a summary",
 * "Previous Article", share buttons, cookie notices). Data, not code: add a phrase here and every matcher
 * picks it up. Matching is always on a WHOLE short line, so a sentence that merely contains "read more"
 * is never touched.
 */

/**
 * Closed phrases. A line made only of one or more of them (separated by spaces or punctuation such as
 * "|", "·", "»") is furniture: "No time to read? Get a summary", "Share Tweet Email".
 */
export const FURNITURE_PHRASES: readonly string[] = [
  String.raw`no time to read\?`,
  "get (?:a|the) summary",
  "(?:previous|prev|next) (?:article|post|story|page)",
  "leave a (?:comment|reply)",
  String.raw`(?:\d+ )?comments?`,
  "(?:view|show|read|add|load) (?:all |more )?comments",
  "share(?: (?:this|the) (?:article|story|post|page))?(?: (?:on|via) (?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|e-?mail|bluesky|threads|pinterest|messenger))?",
  "(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|e-?mail|pinterest|print|tweet|bluesky|threads|messenger|flipboard|copy link|link copied|save|saved|bookmark|gift (?:this )?article)",
  "(?:print|e-?mail|save) (?:this )?(?:article|story|page)",
  "listen to (?:this )?(?:article|story)",
  "read more(?: about this)?",
  "continue reading",
  "read (?:the )?full (?:story|article)",
  "read the rest of (?:this|the) (?:story|article)",
  "(?:advertisement|advertising|ad|sponsored(?: content)?)",
  "scroll to continue(?: with content)?",
  "related(?: (?:articles|stories|posts|news|content|coverage|topics|reading))?",
  "(?:you may|you might) also like",
  "recommended(?: for you)?",
  "most (?:read|popular|viewed)",
  "editor[’']?s picks",
  "(?:sign up|subscribe)(?: (?:now|today|here))?",
  "(?:sign up for|subscribe to) (?:our|the|a) (?:free )?(?:daily |weekly )?newsletters?",
  "follow us",
  "back to top",
  "skip to (?:main )?content",
  "(?:accept|reject|allow|decline)(?: all)? cookies",
  "cookie (?:settings|policy|preferences)",
  "manage (?:cookie )?(?:preferences|consent|cookies|settings)",
  "your e-?mail(?: address)?",
  "more on this(?: story| topic)?",
];

/**
 * Open-ended lines, each furniture only when the whole line matches and is at most maxLength characters
 * (case-insensitive unless `caseSensitive`: a byline is "By" and capitalised names, not "by the end of ...").
 */
export const FURNITURE_LINES: readonly { pattern: string; maxLength: number; caseSensitive?: boolean }[] = [
  { pattern: String.raw`click here to\b.*`, maxLength: 120 },
  { pattern: String.raw`follow us on\b.*`, maxLength: 120 },
  { pattern: String.raw`(?:sign up|subscribe)\b.*\bnewsletters?\b.*`, maxLength: 160 },
  { pattern: String.raw`subscribe to (?:our|the)\b.*`, maxLength: 120 },
  { pattern: String.raw`(?:we|this (?:web)?site|our (?:web)?site) uses? cookies\b.*`, maxLength: 400 },
  {
    pattern: String.raw`by (?:continuing|using)\b.{0,40}\b(?:web)?site,? you (?:agree|consent|accept)\b.*`,
    maxLength: 400,
  },
  {
    pattern: "(?:tags?|tagged|topics?|related topics|filed under|keywords?|categories|category)\\s*:.*",
    maxLength: 300,
  },
  { pattern: "(?:related|read more|see also|more on this|also read):.*", maxLength: 200 },
  { pattern: String.raw`\[(?:read|related|see also|more)\b[^\]]*\]`, maxLength: 200 },
  // Buttons left as bracketed labels: "[Share] [Tweet] [Email]".
  { pattern: String.raw`(?:\[[^\]\[]{1,30}\]\s*)+`, maxLength: 200 },
  // A photo, video or graphic placeholder with its caption: "[Photo: Vladimir Putin at the Kremlin ...]".
  { pattern: String.raw`[\[(](?:photo|image|picture|video|graphic|gallery|caption)\b[^\])]*[\])]`, maxLength: 400 },
  // A byline on its own line: "By Lina Haddad and Oleksiy Marchenko", "By Marina Kovaleva in Moscow", "By Staff,
  // Eastern Wire, with agencies".
  {
    pattern: String.raw`[Bb]y\s+\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*)\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}){0,4}(?:\s+in\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?)?(?:\s*(?:,|\||[-–—])\s*\p{Lu}[\p{L}\p{N}&.'’-]*(?:\s+\p{Lu}[\p{L}\p{N}&.'’-]*){0,4})?(?:,?\s+(?:with|and)\s+(?:agencies|agency reports|news agencies|wires|wire services))?\.?`,
    maxLength: 160,
    caseSensitive: true,
  },
  // A masthead: short segments between "|" (or "•", "·"), one of them a date or a byline: "The Capital Times |
  // Jeddah | 11 March 2025", "Delhi Chronicle | Astana | 9 June 2017 | By Sutirtho Banerjee", "Kyiv Dispatch |
  // January 24, 2026 | Author: Kateryna Lysenko". Prose never runs to "|" between short capitalised segments.
  {
    pattern: String.raw`(?=[^|•·]{1,46}[|•·])(?=.*(?:\d{1,2}\s+\p{L}{3,9}\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}|\p{L}{3,9}\.?\s+\d{1,2},?\s+\d{4}|(?:^|[|•·]\s*)(?:By|Author:)\s))[\p{Lu}\p{N}][^|•·.!?]{0,44}(?:\s*[|•·]\s*[\p{Lu}\p{N}][^|•·!?]{0,44}){1,6}`,
    maxLength: 200,
    caseSensitive: true,
  },
  // A time stamp in figures: "Published: 2025-03-11 14:02", "11.03.2025, 14:02", "Updated 2025-03-11T14:02Z".
  {
    pattern: String.raw`(?:[\p{L}&' ]{1,30}\s*[|•·]\s*)?(?:(?:updated|published|posted|last updated)\s*:?\s*)?(?:\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})(?:[ T,]+\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:z|gmt|utc|cet|cest|msk|et|bst)?)?`,
    maxLength: 80,
  },
  // A section and time stamp: "World | 3 December 2025, 08:05", "Updated: March 3, 2025 at 10:15 am ET".
  {
    pattern: String.raw`(?:[\p{L}&' ]{1,30}\s*[|•·]\s*)?(?:(?:updated|published|posted|last updated)\s*:?\s*)?(?:\p{L}{3,9},?\s+)?(?:\d{1,2}\s+\p{L}{3,9}\.?|\p{L}{3,9}\.?\s+\d{1,2}),?\s+\d{4}(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?:\s*(?:gmt|utc|cet|cest|msk|et|bst))?)?`,
    maxLength: 80,
  },
];

/**
 * Headings of a block of links to other articles ("Related stories", "READ MORE", "Most read", "You might also
 * like"): the line itself, and the headline-like lines after it, are furniture. Matched on the whole line,
 * optionally ending in ":" or an arrow.
 */
export const LINK_LIST_HEADINGS: readonly string[] = [
  "related(?: (?:articles|stories|posts|news|content|coverage|reading|links|topics))?",
  "read more",
  "read also",
  "also read",
  "see also",
  "more on this(?: story| topic)?",
  "more (?:stories|news|coverage|headlines)",
  "more from [\\p{L}\\p{N} .&'\u2019-]{1,40}",
  "(?:also|more) on [\\p{L}\\p{N} .&'\u2019-]{1,40}",
  "(?:read|watch|up) next",
  "next up",
  "don[\u2019']?t miss",
  "in case you missed it",
  "further reading",
  "see more",
  "other news",
  "top news",
  "latest",
  "tags?",
  "topics?",
  "(?:you may|you might) also (?:like|enjoy|be interested in)",
  "recommended(?: for you| stories| reading)?",
  "most (?:read|popular|viewed|shared)",
  "editor[\u2019']?s picks",
  "trending(?: now| stories)?",
  "top stories",
  "latest (?:news|stories|headlines)",
  "popular (?:now|stories)",
  "what to read next",
  "explore more",
];

/** A phrase that announces a link to another article; the title line after it is furniture too (seed 004). */
export const NAVIGATION_MARKER = "(?:previous|prev|next) (?:article|post|story)";

/** Lead-ins of an attribution or byline that may be glued to the last sentence ("sanctions.Source attribution: …"). */
export const ATTRIBUTION_LEAD_INS: readonly string[] = [
  "Source attribution:",
  "Sources:",
  "Source:",
  "Additional reporting by",
  "Reporting by",
  "Editing by",
  "Written by",
  "Compiled by",
  "Photo:",
  "Image:",
  "Credit:",
];

/** Longest line the phrase matcher looks at: furniture is short, prose is not. */
export const MAX_FURNITURE_PHRASE_LINE = 160;

/** Longest line that may be dropped as the related-article title after "Previous/Next Article". */
export const MAX_RELATED_TITLE = 200;
