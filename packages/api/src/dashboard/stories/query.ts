/**
 * The story list's filters live in the URL, so a filtered view can be bookmarked and shared:
 * /dashboard/stories?storyline=ceasefire&relation=update&since=2026-11-23&q=Witkoff
 *
 * The parameters are those of GET /stories: storyline (repeat it, or separate with commas), minScore (0..1),
 * relation (first, update, duplicate), framing (labels), feed (id), source, language, since and until (a date
 * such as 2026-11-23, or an ISO 8601 time; an `until` date includes that whole day), q (words of the title, names
 * or lead) and cursor. parseStoryQuery reads them into a StoryFilter and says what is wrong with each bad one;
 * storyQueryString writes the canonical form (no empty values, a fixed order) the page redirects to.
 */
import type { Relation } from "@storywire/core";
import type { StoryFilter } from "@storywire/store";

export interface StoryQuery {
  storyline: string[];
  minScore?: string;
  relation: Relation[];
  framing: string[];
  feed?: string;
  source?: string;
  language?: string;
  since?: string;
  until?: string;
  q?: string;
  cursor?: string;
}

export interface FilterProblem {
  field: keyof StoryQuery;
  message: string;
}

export interface ParsedStoryQuery {
  /** The parameters as given (trimmed, empty ones dropped): what the form shows and links keep. */
  query: StoryQuery;
  filter: StoryFilter;
  problems: FilterProblem[];
}

const STORYLINE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const LABEL = /^[a-z0-9][a-z0-9/_-]{0,63}$/;
const FEED_ID = /^[0-9a-f]{16}$/;
const LANGUAGE = /^[a-z]{2,3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const MAX_TEXT = 200;
const MAX_CURSOR = 2048;
const MAX_VALUES = 20;
const DAY_MS = 24 * 60 * 60 * 1000;
export const RELATION_VALUES: readonly Relation[] = ["first", "update", "duplicate"];

/** The values of a list parameter: repeated, comma-separated, or both; trimmed, without empties and repeats. */
function listValues(params: URLSearchParams, name: string): string[] {
  const values = params.getAll(name).flatMap((v) => v.split(","));
  return [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0))];
}

function textValue(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name)?.trim();
  return value ? value : undefined;
}

/** A date or date-time as an instant; an `until` date means the end of that day (the filter's bound is exclusive). */
function instant(value: string, end: boolean): string | null {
  if (DATE.test(value)) {
    const ms = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) return null;
    return new Date(end ? ms + DAY_MS : ms).toISOString();
  }
  if (!DATE_TIME.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export function parseStoryQuery(params: URLSearchParams): ParsedStoryQuery {
  const problems: FilterProblem[] = [];
  const filter: StoryFilter = {};
  const query: StoryQuery = { storyline: [], relation: [], framing: [] };
  const problem = (field: keyof StoryQuery, message: string) => problems.push({ field, message });

  /** The values as given; `valid` is false when one of them is not usable (a problem then says which). */
  const list = (name: "storyline" | "framing", pattern: RegExp, what: string) => {
    const values = listValues(params, name);
    const bad = values.find((v) => !pattern.test(v));
    if (bad !== undefined) problem(name, `${name} "${bad}" is not ${what}.`);
    else if (values.length > MAX_VALUES)
      problem(name, `${name} takes at most ${MAX_VALUES} values; ${values.length} were given.`);
    return { values, valid: bad === undefined && values.length > 0 && values.length <= MAX_VALUES };
  };

  const storylines = list("storyline", STORYLINE_ID, "a storyline id (lowercase letters, digits and hyphens)");
  query.storyline = storylines.values;
  if (storylines.valid) filter.storylines = storylines.values;

  query.minScore = textValue(params, "minScore");
  if (query.minScore !== undefined) {
    const score = Number(query.minScore);
    if (!/^\d*\.?\d+$/.test(query.minScore) || score > 1) {
      problem("minScore", `minScore "${query.minScore}" is not a number from 0 to 1 (such as 0.5).`);
    } else {
      filter.minScore = score;
    }
  }

  query.relation = listValues(params, "relation") as Relation[];
  const badRelation = query.relation.find((r) => !RELATION_VALUES.includes(r));
  if (badRelation !== undefined) {
    problem("relation", `relation "${badRelation}" is not one of ${RELATION_VALUES.join(", ")}.`);
  } else if (query.relation.length > 0) {
    filter.relation = query.relation;
  }

  const framing = list("framing", LABEL, "a framing label (such as neutral-report)");
  query.framing = framing.values;
  if (framing.valid) filter.framing = framing.values;

  query.feed = textValue(params, "feed");
  if (query.feed !== undefined) {
    if (FEED_ID.test(query.feed)) filter.feedId = query.feed;
    else problem("feed", `feed "${query.feed}" is not a feed id (16 hex characters, as GET /feeds lists them).`);
  }

  query.source = textValue(params, "source");
  if (query.source !== undefined) {
    if (query.source.length <= MAX_TEXT) filter.source = query.source;
    else problem("source", `source is longer than ${MAX_TEXT} characters; shorten it.`);
  }

  query.language = textValue(params, "language")?.toLowerCase();
  if (query.language !== undefined) {
    if (LANGUAGE.test(query.language)) filter.language = query.language;
    else problem("language", `language "${query.language}" is not a language code such as en, ru or uk.`);
  }

  for (const [name, end] of [
    ["since", false],
    ["until", true],
  ] as const) {
    const value = textValue(params, name);
    query[name] = value;
    if (value === undefined) continue;
    const at = instant(value, end);
    if (at) filter[name] = at;
    else problem(name, `${name} "${value}" is not a date such as 2026-11-23 or a time such as 2026-11-23T08:00:00Z.`);
  }
  if (filter.since && filter.until && filter.since >= filter.until) {
    problem("until", `until (${query.until}) is not after since (${query.since}); swap them or widen the range.`);
    delete filter.until;
  }

  query.q = textValue(params, "q")?.replace(/\s+/g, " ");
  if (query.q !== undefined) {
    if (query.q.length <= MAX_TEXT) filter.q = query.q;
    else problem("q", `The search words are longer than ${MAX_TEXT} characters; use fewer words.`);
  }

  query.cursor = textValue(params, "cursor");
  if (query.cursor !== undefined && query.cursor.length > MAX_CURSOR) {
    problem("cursor", "The page link is damaged (its cursor is too long); go back to the first page.");
  }
  return { query, filter, problems };
}

const ORDER: (keyof StoryQuery)[] = [
  "storyline",
  "minScore",
  "relation",
  "framing",
  "feed",
  "source",
  "language",
  "since",
  "until",
  "q",
  "cursor",
];

/** The canonical query string ("" or "?…"): no empty values, list values repeated, a fixed order. */
export function storyQueryString(query: StoryQuery, changes: Partial<StoryQuery> = {}): string {
  const merged: StoryQuery = { ...query, ...changes };
  const params = new URLSearchParams();
  for (const name of ORDER) {
    const value = merged[name];
    if (Array.isArray(value)) for (const v of value) params.append(name, v);
    else if (value !== undefined && value !== "") params.append(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
