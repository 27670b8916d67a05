/**
 * Test helpers (not exported from the package): record builders with hostile feed text, and ApiDeps whose
 * store answers the dashboard's queries from memory, and checkers of the markup and headers the pages answer with.
 */
import type { Feed, Framing, Relation, Story, StorylineScore } from "@storywire/core";
import {
  type EventStory,
  type ListStoriesOptions,
  type Page,
  type Store,
  type StorylineEvent,
  type StorySummary,
  toStorySummary,
} from "@storywire/store";
import type { ApiDeps } from "../src/deps.ts";

/** Text a feed could send that must only ever appear as text. */
export const HOSTILE = {
  title: "<img src=x onerror=alert(1)>",
  source: '"><script>alert("source")</script>',
  attribute: "' onmouseover='alert(2)' x='",
  error: "<b>boom</b> & <iframe src=javascript:alert(3)>",
  storyline: "<svg onload=alert(4)>",
} as const;

export const UNSAFE_URLS = [
  "javascript:alert(1)",
  " JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "//evil.example/x",
] as const;

export function makeFraming(label: string, summary: string): Framing {
  const dim = { value: 0, evidence: [] };
  return {
    sourcing: {
      anonymous: 0,
      kremlin: 0,
      russianStateMedia: 0,
      ukrainian: 0,
      western: 0,
      analysts: 0,
      otherNamed: 0,
      evidence: {},
    },
    stance: dim,
    naming: { ...dim, russian: 0, ukrainian: 0, lean: "neutral" },
    loaded: dim,
    hedging: dim,
    contrast: dim,
    frame: { dominant: "Political", scores: {} },
    label,
    labelRule: "test",
    summary,
  };
}

export function score(id: string, value: number, matched = true): StorylineScore {
  return { id, score: value, matched, evidence: [] };
}

export function makeStory(overrides: Partial<Story> = {}): Story {
  return {
    id: "a000000000000001",
    key: "test:1",
    feedId: null,
    title: "Talks resume in Istanbul",
    text: "Delegations met again on Tuesday.",
    url: "https://news.example/a/1",
    source: "Example News",
    author: null,
    language: "en",
    publishedAt: "2026-11-25T09:30:00.000Z",
    fetchedAt: "2026-11-25T09:35:00.000Z",
    ...overrides,
  };
}

export function makeFeed(overrides: Partial<Feed> = {}): Feed {
  return {
    id: "f000000000000001",
    url: "https://news.example/feed.xml",
    title: "Example News",
    createdAt: "2026-11-01T00:00:00.000Z",
    status: "active",
    etag: null,
    lastModified: null,
    lastCheckedAt: "2026-11-25T09:55:00.000Z",
    nextCheckAt: "2026-11-25T10:10:00.000Z",
    errorCount: 0,
    lastError: null,
    lastStatus: 200,
    ...overrides,
  };
}

export function makeEvent(overrides: Partial<StorylineEvent> = {}): StorylineEvent {
  return {
    id: "e000000000000001",
    storylineId: "ceasefire",
    title: "Talks resume in Istanbul",
    startedAt: "2026-11-25T08:00:00.000Z",
    lastStoryAt: "2026-11-25T09:30:00.000Z",
    storyCount: 3,
    createdAt: "2026-11-25T08:00:00.000Z",
    ...overrides,
  };
}

export interface FakeMember {
  eventId: string;
  relation: Relation;
  /** The member story (looked up in `stories`; a plain sample story when absent). */
  storyId?: string;
  at?: string;
}

export interface FakeData {
  storylines?: { id: string; title: string; description: string }[];
  feeds?: Feed[];
  stories?: Story[];
  events?: StorylineEvent[];
  members?: FakeMember[];
  /** listStories answers summaries (the store's list contract) instead of whole stories. */
  summaries?: boolean;
  /** The cursor listStories answers with. */
  nextCursor?: string | null;
  /** Every options object listStories was called with, for tests to inspect. */
  listed?: ListStoriesOptions[];
  /** Makes these store methods reject, to see a section fail alone. */
  failing?: ("listFeeds" | "listStories" | "listEvents" | "storylines" | "recentStorylineStories" | "getFeed")[];
}

const page = <T>(items: T[], cursor: string | null = null): Page<T> => ({ items, cursor });

/** ApiDeps whose store holds `data`; only the queries the dashboard makes are implemented. */
export function fakeDeps(data: FakeData, now = new Date("2026-11-25T10:00:00.000Z")): ApiDeps {
  const fail = (name: NonNullable<FakeData["failing"]>[number]) => {
    if (data.failing?.includes(name)) throw new Error(`the table is unreachable (${name})`);
  };
  const stories = () => data.stories ?? [];
  const members = (eventId: string): EventStory[] => {
    const event = (data.events ?? []).find((e) => e.id === eventId);
    return (data.members ?? [])
      .filter((m) => m.eventId === eventId)
      .map((m) => {
        const story = stories().find((s) => s.id === m.storyId) ?? makeStory({ id: m.storyId ?? "a000000000000001" });
        return {
          eventId,
          storylineId: event?.storylineId ?? "ceasefire",
          storyId: story.id,
          relation: m.relation,
          at: m.at ?? story.publishedAt ?? story.fetchedAt,
          story,
        };
      });
  };
  const store: Partial<Store> = {
    listFeeds: async () => {
      fail("listFeeds");
      return data.feeds ?? [];
    },
    getFeed: async (id) => {
      fail("getFeed");
      return (data.feeds ?? []).find((f) => f.id === id) ?? null;
    },
    listStories: async (options = {}) => {
      fail("listStories");
      data.listed?.push(options);
      const items = stories().slice(0, options.limit ?? 20);
      // Before the store returned summaries it returned whole stories; the dashboard takes either.
      return (data.summaries
        ? page(items.map(toStorySummary), data.nextCursor)
        : page(items, data.nextCursor)) as unknown as Page<StorySummary>;
    },
    getStory: async (id) => stories().find((s) => s.id === id) ?? null,
    getStories: async (ids) => stories().filter((s) => ids.includes(s.id)),
    listEvents: async (storylineId, options) => {
      fail("listEvents");
      return page((data.events ?? []).filter((e) => e.storylineId === storylineId).slice(0, options?.limit ?? 20));
    },
    getEvent: async (id) => (data.events ?? []).find((e) => e.id === id) ?? null,
    listEventStories: async (eventId) => members(eventId),
    recentStorylineStories: async (storylineId, since) => {
      fail("recentStorylineStories");
      const from = new Date(since).toISOString();
      return (data.events ?? [])
        .filter((e) => e.storylineId === storylineId)
        .flatMap((e) => members(e.id))
        .filter((m) => m.at >= from);
    },
  };
  return {
    store: store as Store,
    queue: { send: async () => {} } as unknown as ApiDeps["queue"],
    adminKey: "unused-admin-key-0123456789",
    publicUrl: "http://127.0.0.1",
    validateUrl: async (url) => url,
    storylines: async () => {
      fail("storylines");
      return (data.storylines ?? []) as unknown as Awaited<ReturnType<ApiDeps["storylines"]>>;
    },
    sendTest: async () => ({ ok: true, status: 200 }),
    now: () => now,
  };
}

const ALLOWED_TAGS = new Set(
  `html head meta title link body header div h1 h2 h3 span nav a main section article p ol ul li time table thead
  tbody tr th td strong footer br code mark dl dt dd details summary figure form fieldset legend label input select
  option button noscript svg g rect line text script`.split(/\s+/),
);

/** The one script element a page may have: the app's own, by URL, with nothing inline. */
const OWN_SCRIPT = /^<script src="\/assets\/dashboard\.js\?v=[0-9a-f]+" defer><\/script>$/;

/**
 * What is wrong with a rendered page, security-wise: unexpected elements, inline scripts or styles, event-handler
 * attributes, links that are not same-site or http(s). Feed text may contain "onerror=" as escaped text; only real
 * tags are checked.
 */
export function markupProblems(page: string): string[] {
  const problems: string[] = [];
  for (const match of page.matchAll(/<([a-zA-Z][\w-]*)[^>]*>/g)) {
    const [tag, name = ""] = match;
    if (!ALLOWED_TAGS.has(name.toLowerCase())) problems.push(`unexpected element <${name}>`);
    if (name.toLowerCase() === "script" && !OWN_SCRIPT.test(page.slice(match.index, match.index + tag.length + 9))) {
      problems.push(`a script that is not the app's own: ${tag}`);
    }
    const attributes = tag.replace(/"[^"]*"/g, '""');
    if (/[\s'"]on[a-z]+\s*=/i.test(attributes)) problems.push(`event handler in ${tag}`);
    if (/\sstyle\s*=/i.test(attributes)) problems.push(`inline style in ${tag}`);
    for (const [, href] of tag.matchAll(/\s(?:href|src|action)="([^"]*)"/g)) {
      if (!/^(?:\/(?!\/)|#|\?|https?:\/\/|data:,$)/.test(href ?? "")) problems.push(`unsafe link ${href}`);
    }
  }
  return problems;
}

/** Stated here on its own, not imported from constants.ts, so that a loosened policy fails the tests. */
const REQUIRED_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
];

/** What the dashboard's response headers lack: an HTML content type, the strict CSP, nosniff. */
export function headerProblems(headers: Headers): string[] {
  const problems: string[] = [];
  const type = headers.get("content-type") ?? "";
  if (!/^text\/html; charset=utf-8/i.test(type)) problems.push(`content-type is "${type}"`);
  const csp = headers.get("content-security-policy") ?? "";
  for (const directive of REQUIRED_CSP) if (!csp.includes(directive)) problems.push(`CSP lacks ${directive}`);
  if (/unsafe-(?:inline|eval)|\*/.test(csp)) problems.push(`CSP allows more than the app's own code: ${csp}`);
  if (headers.get("x-content-type-options") !== "nosniff") problems.push("x-content-type-options is not nosniff");
  return problems;
}

/** One storyline's event with a first report, an update with a new sentence and a duplicate, from two outlets. */
export function eventData(): Required<Pick<FakeData, "storylines" | "feeds" | "stories" | "events" | "members">> {
  const feed = makeFeed({ id: "f000000000000001", title: "Example Wire" });
  const evidence = (cue: string, sentence: string) => ({ cue, sentence, where: "lead" as const, weight: 2 });
  const first = makeStory({
    id: "a000000000000001",
    feedId: feed.id,
    title: "Ceasefire talks resume in Istanbul",
    text: "Delegations met again on Tuesday. The Kremlin said a ceasefire depended on territory.\n\nNothing was signed.",
    source: "Example Wire",
    storylines: [
      {
        id: "ceasefire",
        score: 0.82,
        matched: true,
        evidence: [evidence("ceasefire", "The Kremlin said a ceasefire depended on territory.")],
      },
      { id: "sco", score: 0.1, matched: false, evidence: [evidence("SCO", "Nothing was signed.")] },
    ],
    framing: {
      ...makeFraming("kremlin-sourced", "Mostly Kremlin sources."),
      sourcing: {
        anonymous: 0,
        kremlin: 0.67,
        russianStateMedia: 0,
        ukrainian: 0.33,
        western: 0,
        analysts: 0,
        otherNamed: 0,
        evidence: { kremlin: ["The Kremlin said a ceasefire depended on territory."] },
      },
      stance: { value: 0.4, evidence: ["The Kremlin said a ceasefire depended on territory."] },
    },
    eventId: "e000000000000001",
    relation: "first",
    publishedAt: "2026-11-24T08:00:00.000Z",
  });
  const update = makeStory({
    ...first,
    id: "a000000000000002",
    key: "test:2",
    title: "Talks in Istanbul: prisoner exchange agreed",
    text: "Delegations met again on Tuesday. Both sides agreed to exchange 300 prisoners on Friday.",
    source: "Other Outlet",
    framing: makeFraming("neutral-report", "No strong signal."),
    relation: "update",
    novel: ["Both sides agreed to exchange 300 prisoners on Friday."],
    publishedAt: "2026-11-25T08:00:00.000Z",
  });
  const duplicate = makeStory({
    ...first,
    id: "a000000000000003",
    key: "test:3",
    relation: "duplicate",
    publishedAt: "2026-11-25T09:00:00.000Z",
  });
  return {
    storylines: [
      { id: "ceasefire", title: "Russia-Ukraine ceasefire", description: "Talks, truces and their breakdowns." },
      { id: "sco", title: "Shanghai Cooperation Organization", description: "" },
    ],
    feeds: [feed],
    stories: [duplicate, update, first],
    events: [
      makeEvent({
        id: "e000000000000001",
        storylineId: "ceasefire",
        title: "Ceasefire talks resume in Istanbul",
        storyCount: 3,
      }),
    ],
    members: [first, update, duplicate].map((s) => ({
      eventId: "e000000000000001",
      storyId: s.id,
      relation: s.relation ?? "first",
      at: s.publishedAt ?? s.fetchedAt,
    })),
  };
}
