/**
 * GET /stories and the dashboard's lists: a page of StorySummary, newest first, read from the story lists
 * (story-lists.ts) instead of the stories themselves.
 *
 * Plan: the filters with lists of their own pick one (storylines > feed > source > framing > relation > minScore
 * > language, else the list of all stories); each word of `q` has its list too. The first page of each of these
 * lists estimates how many entries it has in the time bounds, and the sparsest drives the walk: its entries are the
 * candidates, the word lists it is not are checked for them by key (BatchGetItem, or the first page already read),
 * and every other filter is checked on the candidates' summaries (from the driver's entries, or, when a word drives,
 * read by key from the list of all stories). A rare word therefore never reads a common word's list, and a rare
 * filter never reads a word's list. Time bounds (`since`, `until`) and the cursor are key conditions on every list.
 *
 * A page makes at most MAX_QUERIES_PER_PAGE Queries and BatchGetItems. When a very selective combination of filters needs more,
 * the page ends early (possibly empty) with a cursor that resumes exactly where it stopped: keep following
 * `cursor` until it is null.
 */

import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Relation } from "@storywire/core";
import { assertOneOf } from "./checks.ts";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./constants.ts";
import { decodeListPosition, encodeListPosition, type ListPosition } from "./cursor.ts";
import { batchGet, type Item, run, type StoreContext } from "./db.ts";
import { InvalidInput } from "./errors.ts";
import { Expr } from "./expression.ts";
import { assertId, STORY_LISTS, sourceKey } from "./keys.ts";
import { pageSize } from "./query.ts";
import { MAX_QUERY_TERMS, queryTerms } from "./search-terms.ts";
import { languageKey, summaryOf } from "./story-lists.ts";
import { toIso } from "./time.ts";
import type { ListStoriesOptions, Page, StoryFilter, StorySummary } from "./types.ts";

export const RELATIONS: readonly Relation[] = ["first", "update", "duplicate"];

/** Queries and BatchGetItems one page may send before it returns what it has with a cursor to resume from. */
export const MAX_QUERIES_PER_PAGE = 40;
/** Largest Query page of summary entries (~1 KB each; DynamoDB answers at most 1 MB per Query). */
const MAX_SUMMARY_READ = 400;
/** Largest Query page of word entries (key only). */
const MAX_WORD_READ = 1000;
/** Values one list filter may have (storylines, framing, relation). */
export const MAX_FILTER_VALUES = 20;

/** A checked filter: folded, validated, with the words of `q`. */
export interface CheckedFilter {
  storylines: string[];
  minScore: number | null;
  relation: Relation[];
  framing: string[];
  feedId: string | null;
  source: string | null;
  language: string | null;
  since: string | null;
  until: string | null;
  terms: string[];
}

function list<T>(values: T[] | undefined, what: string, check: (value: T) => string): string[] {
  if (values === undefined) return [];
  if (!Array.isArray(values)) throw new InvalidInput(`${what} must be a list.`);
  if (values.length > MAX_FILTER_VALUES) {
    throw new InvalidInput(`${what} has ${values.length} values; give at most ${MAX_FILTER_VALUES}.`);
  }
  return [...new Set(values.map(check))];
}

function foldSource(source: string): string {
  return source
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Validates a filter; every error names the filter and says what it accepts. */
export function checkFilter(filter: StoryFilter): CheckedFilter {
  const minScore = filter.minScore ?? null;
  if (
    minScore !== null &&
    (typeof minScore !== "number" || !Number.isFinite(minScore) || minScore < 0 || minScore > 1)
  ) {
    throw new InvalidInput(`The minScore filter must be a number from 0 to 1, got ${String(minScore)}.`);
  }
  const source = filter.source === undefined ? null : foldSource(String(filter.source));
  if (source !== null && (source.length === 0 || source.length > 200)) {
    throw new InvalidInput("The source filter must be a source name of 1 to 200 characters.");
  }
  const language = filter.language === undefined ? null : languageKey(filter.language);
  if (filter.language !== undefined && (language === null || !/^[a-z]{2,3}(-[a-z0-9]{1,8})?$/.test(language))) {
    throw new InvalidInput(
      `The language filter must be a language code such as "en", got ${JSON.stringify(filter.language)}.`,
    );
  }
  const terms = filter.q === undefined ? [] : queryTerms(String(filter.q));
  if (filter.q !== undefined && terms.length === 0) {
    throw new InvalidInput(
      `The search "${String(filter.q).slice(0, 60)}" has no word to look for: words of one letter and common words such as "the" are not indexed.`,
    );
  }
  if (terms.length > MAX_QUERY_TERMS) {
    throw new InvalidInput(`The search has ${terms.length} words; use at most ${MAX_QUERY_TERMS}.`);
  }
  return {
    storylines: list(filter.storylines, "The storyline filter", (id) => assertId(id, "A storyline id")),
    minScore,
    relation: list(filter.relation, "The relation filter", (r) =>
      assertOneOf(r, RELATIONS, "The relation filter"),
    ) as Relation[],
    framing: list(filter.framing, "The framing filter", (label) => assertId(label, "A framing label")),
    feedId: filter.feedId === undefined ? null : assertId(filter.feedId, "Feed id"),
    source,
    language,
    since: filter.since === undefined ? null : toIso(filter.since, "The `since` filter"),
    until: filter.until === undefined ? null : toIso(filter.until, "The `until` filter"),
    terms,
  };
}

/** True when a summary passes every filter but the words (those are decided by the word lists). */
export function matchesFilter(s: StorySummary, f: CheckedFilter): boolean {
  if (f.feedId !== null && s.feedId !== f.feedId) return false;
  if (f.source !== null && foldSource(s.source ?? "") !== f.source) return false;
  if (f.language !== null && languageKey(s.language) !== f.language) return false;
  if (f.framing.length > 0 && !f.framing.includes(s.framing?.label ?? "")) return false;
  if (f.relation.length > 0 && !f.relation.includes(s.relation as Relation)) return false;
  const matched = s.storylines.filter(
    (sl) => sl.matched && (f.storylines.length === 0 || f.storylines.includes(sl.id)),
  );
  if (f.storylines.length > 0 && matched.length === 0) return false;
  const minScore = f.minScore;
  if (minScore !== null && !matched.some((sl) => sl.score >= minScore)) return false;
  return true;
}

/** The lists whose union the walk is driven by, or null when only the word lists drive it. */
function drivingLists(f: CheckedFilter): string[] | null {
  if (f.storylines.length > 0) return f.storylines.map(STORY_LISTS.storyline);
  if (f.feedId !== null) return [STORY_LISTS.feed(f.feedId)];
  if (f.source !== null) return [STORY_LISTS.source(sourceKey(f.source))];
  if (f.framing.length > 0) return f.framing.map(STORY_LISTS.framing);
  if (f.relation.length > 0) return f.relation.map(STORY_LISTS.relation);
  if (f.minScore !== null) return [STORY_LISTS.inStoryline];
  if (f.language !== null) return [STORY_LISTS.language(f.language)];
  return f.terms.length > 0 ? null : [STORY_LISTS.all];
}

/**
 * True when every entry of the driving lists passes the filter: no words, and at most one list filter, which then is
 * the one that drives (a storyline's list holds only stories that entered it, a feed's only that feed's, ...).
 * minScore is checked on each entry's scores, so it never counts as passing by list.
 */
function everyEntryPasses(f: CheckedFilter): boolean {
  const listFilters = [f.storylines.length, f.relation.length, f.framing.length].filter((n) => n > 0).length;
  const keyFilters = [f.feedId, f.source, f.language].filter((v) => v !== null).length;
  return f.terms.length === 0 && f.minScore === null && listFilters + keyFilters <= 1;
}

// ---- walking lists ---------------------------------------------------------------------------------------------

/** Round trips (Queries, BatchGets) left for this page. */
class Budget {
  used = 0;
  constructor(private readonly max: number) {}
  get exhausted(): boolean {
    return this.used >= this.max;
  }
}

interface Walker {
  /** The current entry, or null at the end of the list. */
  head(): Promise<Item | null>;
  /** Moves past the entry with this sort key (the current one). */
  advancePast(sk: string): Promise<void>;
  /** True when the next head() needs another Query. */
  wouldFetch(): boolean;
}

/** Key bounds shared by every list of one request: lo inclusive (since), hi inclusive or exclusive (until, cursor). */
interface Bounds {
  lo: string | null;
  hi: string | null;
  hiExclusive: boolean;
}

/** One list (table partition), newest first, read a page at a time (each page twice the last, up to maxRead). */
class ListWalker implements Walker {
  private buffer: Item[] = [];
  private pos = 0;
  private next: Record<string, unknown> | undefined;
  private done = false;
  private started = false;
  /** The sort keys of the first page, for knownFromFirstPage (asked for every candidate of a search). */
  private firstPageKeys: Set<string> | undefined;

  constructor(
    private readonly ctx: StoreContext,
    readonly pk: string,
    private readonly bounds: Bounds,
    private readSize: number,
    private readonly maxRead: number,
    private readonly keysOnly: boolean,
    private readonly budget: Budget,
  ) {
    if (bounds.lo !== null && bounds.hi !== null && bounds.hi < bounds.lo) this.done = true;
  }

  private async fetch(): Promise<void> {
    const expr = new Expr();
    let condition = `${expr.name("pk")} = ${expr.value(this.pk)}`;
    const { lo, hi } = this.bounds;
    const sk = lo !== null || hi !== null || this.keysOnly ? expr.name("sk") : "";
    if (lo !== null && hi !== null) condition += ` AND ${sk} BETWEEN ${expr.value(lo)} AND ${expr.value(hi)}`;
    else if (hi !== null) condition += ` AND ${sk} <= ${expr.value(hi)}`;
    else if (lo !== null) condition += ` AND ${sk} >= ${expr.value(lo)}`;
    // Below an exclusive bound: start after it (DynamoDB accepts a start key that is no item, inside the range).
    const start = this.started
      ? this.next
      : this.bounds.hiExclusive && hi !== null
        ? { pk: this.pk, sk: hi }
        : undefined;
    this.budget.used += 1;
    const result = await run(this.ctx, "Listing stories", () =>
      this.ctx.doc.send(
        new QueryCommand({
          TableName: this.ctx.table,
          KeyConditionExpression: condition,
          ScanIndexForward: false,
          Limit: this.readSize,
          ...(this.keysOnly ? { ProjectionExpression: sk } : {}),
          ...(start ? { ExclusiveStartKey: start } : {}),
          ...expr.params(),
        }),
      ),
    );
    this.started = true;
    this.buffer = (result.Items ?? []) as Item[];
    this.firstPageKeys = undefined;
    this.pos = 0;
    this.next = result.LastEvaluatedKey;
    if (!this.next) this.done = true;
    this.readSize = Math.min(this.maxRead, this.readSize * 2);
  }

  async head(): Promise<Item | null> {
    while (this.pos >= this.buffer.length) {
      if (this.done) return null;
      await this.fetch();
    }
    return this.buffer[this.pos] ?? null;
  }

  async advancePast(sk: string): Promise<void> {
    if (this.pos < this.buffer.length && String(this.buffer[this.pos]?.sk) === sk) this.pos += 1;
  }

  wouldFetch(): boolean {
    return this.pos >= this.buffer.length && !this.done;
  }

  /** Reads the first page (if not yet read) and says how many entries the list has in the bounds, estimated. */
  async estimate(): Promise<number> {
    await this.head();
    if (this.done) return this.buffer.length;
    const newest = Date.parse(String(this.buffer[0]?.sk).slice(0, 24));
    const oldest = Date.parse(String(this.buffer[this.buffer.length - 1]?.sk).slice(0, 24));
    const floor = this.bounds.lo === null ? 0 : Date.parse(this.bounds.lo);
    // Entries per millisecond over the first page, times the time the bounds still span.
    return (this.buffer.length * Math.max(1, newest - floor)) / Math.max(1, newest - oldest);
  }

  /**
   * Whether the list holds each of these sort keys, as far as the first page read tells (undefined: unknown).
   * The first page covers every key from its last one up to the bounds' top.
   */
  knownFromFirstPage(sk: string): boolean | undefined {
    if (!this.started || this.pos > 0) return undefined;
    const last = this.buffer[this.buffer.length - 1];
    if (!this.done && (!last || sk < String(last.sk))) return undefined;
    this.firstPageKeys ??= new Set(this.buffer.map((item) => String(item.sk)));
    return this.firstPageKeys.has(sk);
  }
}

/** The union of several lists (a filter with several values), without repeats. */
class UnionWalker implements Walker {
  constructor(readonly members: ListWalker[]) {}

  async head(): Promise<Item | null> {
    let best: Item | null = null;
    for (const head of await Promise.all(this.members.map((m) => m.head()))) {
      if (head && (best === null || String(head.sk) > String(best.sk))) best = head;
    }
    return best;
  }

  /** Every member at this entry moves past it (they all hold the same story there). */
  async advancePast(sk: string): Promise<void> {
    await Promise.all(this.members.map((m) => m.advancePast(sk)));
  }

  async estimate(): Promise<number> {
    return (await Promise.all(this.members.map((m) => m.estimate()))).reduce((a, b) => a + b, 0);
  }

  wouldFetch(): boolean {
    return this.members.some((m) => m.wouldFetch());
  }
}

/** Which of `sks` a word list holds: from its first page where that covers them, else one BatchGet. */
async function present(ctx: StoreContext, list: ListWalker, sks: string[], budget: Budget): Promise<Set<string>> {
  const found = new Set<string>();
  const unknown: string[] = [];
  for (const sk of sks) {
    const known = list.knownFromFirstPage(sk);
    if (known === undefined) unknown.push(sk);
    else if (known) found.add(sk);
  }
  if (unknown.length > 0) {
    budget.used += Math.ceil(unknown.length / 100);
    const items = await batchGet(
      ctx,
      unknown.map((sk) => ({ pk: list.pk, sk })),
      "Checking the words of a search",
      ["sk"],
    );
    for (const item of items) found.add(String(item.sk));
  }
  return found;
}

// ---- a short-lived cache of pages -------------------------------------------------------------------------

/**
 * Pages answered in the last `ttlMs`, by request. Lists are read far more often than stories arrive, and the same
 * first pages are asked for again and again (dashboards, polling clients): a page served from here costs no Query.
 * The store clears it on every story write it makes (locally, ingest and API share one store, so a list never
 * lags a write there); in Lambda the API never writes stories, so a page is at most `ttlMs` old, the same order
 * as the eventually consistent Queries behind it.
 */
export class PageCache {
  private readonly pages = new Map<string, { at: number; page: Page<StorySummary> }>();
  /** Pages being read now: a second request for the same page waits for the first read instead of repeating it. */
  readonly reading = new Map<string, Promise<Page<StorySummary>>>();

  constructor(
    readonly ttlMs: number,
    private readonly maxPages = 1000,
  ) {}

  get(key: string, now: number): Page<StorySummary> | undefined {
    const hit = this.pages.get(key);
    if (!hit) return undefined;
    if (now - hit.at >= this.ttlMs) {
      this.pages.delete(key);
      return undefined;
    }
    return hit.page;
  }

  set(key: string, page: Page<StorySummary>, now: number): void {
    if (this.ttlMs <= 0) return;
    if (this.pages.size >= this.maxPages) this.pages.delete(this.pages.keys().next().value as string);
    this.pages.set(key, { at: now, page });
  }

  clear(): void {
    this.pages.clear();
    this.reading.clear();
  }
}

// ---- one page --------------------------------------------------------------------------------------------------

function boundsOf(f: CheckedFilter, position: ListPosition | null): Bounds {
  let hi: string | null = f.until;
  let hiExclusive = false;
  if (position && (hi === null || position.sk < hi)) {
    hi = position.sk;
    hiExclusive = !position.inclusive;
  }
  return { lo: f.since, hi, hiExclusive };
}

export async function listStorySummaries(
  ctx: StoreContext,
  options: ListStoriesOptions = {},
  /** Tests shrink the budget and the reads to see a page stop early; the store passes its page cache. */
  tuning: { maxQueries?: number; firstRead?: number; cache?: PageCache } = {},
): Promise<Page<StorySummary>> {
  const filter = checkFilter(options);
  const limit = pageSize(options.limit, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const cacheKey = JSON.stringify([filter, limit, options.cursor ?? null]);
  const now = Date.now();
  const cache = tuning.cache;
  if (!cache || cache.ttlMs <= 0) return readPage(ctx, filter, limit, options.cursor ?? null, tuning);
  const cached = cache.get(cacheKey, now);
  if (cached) return structuredClone(cached);
  let reading = cache.reading.get(cacheKey);
  if (!reading) {
    reading = readPage(ctx, filter, limit, options.cursor ?? null, tuning);
    cache.reading.set(cacheKey, reading);
    const settle = () => {
      if (cache.reading.get(cacheKey) === reading) cache.reading.delete(cacheKey);
    };
    reading.then((page) => {
      if (cache.reading.get(cacheKey) === reading) cache.set(cacheKey, structuredClone(page), Date.now());
      settle();
    }, settle);
    // The request that read the page has it as read; the cache keeps a copy, and every other request gets one.
    return await reading;
  }
  return structuredClone(await reading);
}

async function readPage(
  ctx: StoreContext,
  filter: CheckedFilter,
  limit: number,
  cursor: string | null,
  tuning: { maxQueries?: number; firstRead?: number },
): Promise<Page<StorySummary>> {
  const position = cursor === null ? null : decodeListPosition(cursor);
  const bounds = boundsOf(filter, position);
  const budget = new Budget(tuning.maxQueries ?? MAX_QUERIES_PER_PAGE);
  const driving = drivingLists(filter);
  // A list read only to be filtered reads more at once; a list whose every entry passes reads the page and one more.
  const firstRead = tuning.firstRead ?? (everyEntryPasses(filter) ? limit + 1 : Math.max(2 * (limit + 1), 50));
  let dimension: Walker | null = null;
  if (driving) {
    const members = driving.map((pk) => new ListWalker(ctx, pk, bounds, firstRead, MAX_SUMMARY_READ, false, budget));
    dimension = members.length === 1 ? (members[0] as ListWalker) : new UnionWalker(members);
  }
  // One word and nothing else: its list drives alone and every entry passes. Otherwise the first pages estimate
  // which list is sparsest, and a larger first page estimates better.
  const wordRead = tuning.firstRead ?? (driving === null && filter.terms.length === 1 ? limit + 1 : 100);
  const words = filter.terms.map(
    (term) => new ListWalker(ctx, STORY_LISTS.word(term), bounds, wordRead, MAX_WORD_READ, true, budget),
  );

  // The sparsest list drives the walk (its first page tells); the words it does not hold are checked by key.
  let driver: Walker | null = dimension;
  let probes = words;
  if (words.length > 0) {
    const estimates = await Promise.all(
      [...(dimension ? [dimension] : []), ...words].map((w) => (w as ListWalker | UnionWalker).estimate()),
    );
    const candidates: Walker[] = [...(dimension ? [dimension] : []), ...words];
    let best = 0;
    estimates.forEach((estimate, i) => {
      if (estimate < (estimates[best] ?? Number.POSITIVE_INFINITY)) best = i;
    });
    driver = candidates[best] ?? null;
    probes = words.filter((w) => w !== driver);
  }
  const withSummaries = driver === dimension;

  const found: { sk: string; summary: StorySummary | null }[] = [];
  let more = false;
  let frontier: string | null = null;
  let stopped = false;
  while (driver && !more) {
    if (budget.exhausted && frontier !== null) {
      stopped = true;
      break;
    }
    // The next candidates: what the driver has read (a page), or one more page.
    const batch: Item[] = [];
    while (batch.length < 100) {
      // Another page of the driver only while this batch cannot fill the page (or the budget is spent).
      const enough = batch.length >= limit + 1 - found.length;
      if (batch.length > 0 && (budget.exhausted || enough) && driver.wouldFetch()) break;
      const head = await driver.head();
      if (!head) break;
      batch.push(head);
      await driver.advancePast(String(head.sk));
      if (probes.length === 0 && withSummaries) break; // nothing to check by key: one at a time
    }
    if (batch.length === 0) break;
    let survivors = batch;
    for (const probe of probes) {
      const held = await present(
        ctx,
        probe,
        survivors.map((item) => String(item.sk)),
        budget,
      );
      survivors = survivors.filter((item) => held.has(String(item.sk)));
    }
    // Summaries: from the driver's entries, or (a word drove) from the list of all stories, a few at a time.
    let pending = survivors;
    while (pending.length > 0 && !more) {
      const chunk = withSummaries ? pending : pending.slice(0, Math.max(limit + 1 - found.length, 25));
      pending = pending.slice(chunk.length);
      let summaries: Map<string, StorySummary>;
      if (withSummaries) {
        summaries = new Map(chunk.map((item) => [String(item.sk), summaryOf(item)]));
      } else {
        budget.used += Math.ceil(chunk.length / 100);
        const entries = await batchGet(
          ctx,
          chunk.map((item) => ({ pk: STORY_LISTS.all, sk: String(item.sk) })),
          "Reading the stories that match the search",
        );
        summaries = new Map(entries.map((item) => [String(item.sk), summaryOf(item)]));
      }
      for (const item of chunk) {
        const sk = String(item.sk);
        const summary = summaries.get(sk);
        if (!summary || !matchesFilter(summary, filter)) continue;
        if (found.length === limit) {
          more = true;
          break;
        }
        found.push({ sk, summary });
      }
    }
    frontier = String(batch[batch.length - 1]?.sk);
  }
  const last = found[found.length - 1];
  let next: string | null = null;
  if (more && last) next = encodeListPosition({ sk: last.sk, inclusive: false });
  else if (stopped && frontier !== null) next = encodeListPosition({ sk: frontier, inclusive: false });
  return { items: found.flatMap((f) => (f.summary ? [f.summary] : [])), cursor: next };
}
