/**
 * Test helpers (not exported from the package): record builders with hostile feed text, and ApiDeps whose
 * store answers the dashboard's four queries from memory.
 */
import type { Feed, Framing, Story, StorylineScore } from "@storywire/core";
import type { EventStory, Page, Store, StorylineEvent } from "@storywire/store";
import { toStorySummary } from "@storywire/store";
import type { ApiDeps } from "../deps.ts";

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

export interface FakeData {
  storylines?: { id: string; title: string; description: string }[];
  feeds?: Feed[];
  stories?: Story[];
  events?: StorylineEvent[];
  members?: Pick<EventStory, "eventId" | "relation">[];
  /** Makes these store methods reject, to see a section fail alone. */
  failing?: ("listFeeds" | "listStories" | "listEvents" | "storylines")[];
}

const page = <T>(items: T[]): Page<T> => ({ items, cursor: null });

/** ApiDeps whose store holds `data`; only the queries the dashboard makes are implemented. */
export function fakeDeps(data: FakeData, now = new Date("2026-11-25T10:00:00.000Z")): ApiDeps {
  const fail = (name: NonNullable<FakeData["failing"]>[number]) => {
    if (data.failing?.includes(name)) throw new Error(`the table is unreachable (${name})`);
  };
  const store: Partial<Store> = {
    listFeeds: async () => {
      fail("listFeeds");
      return data.feeds ?? [];
    },
    listStories: async (options) => {
      fail("listStories");
      return page((data.stories ?? []).slice(0, options?.limit ?? 20).map(toStorySummary));
    },
    listEvents: async (storylineId, options) => {
      fail("listEvents");
      return page((data.events ?? []).filter((e) => e.storylineId === storylineId).slice(0, options?.limit ?? 20));
    },
    getStory: async (id) => (data.stories ?? []).find((s) => s.id === id) ?? null,
    listEventStories: async (eventId) =>
      (data.members ?? []).filter((m) => m.eventId === eventId).map((m) => m as EventStory),
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
  "html head meta title link style body header div h1 h2 h3 span nav a main section article p ol ul li time table thead tbody tr th td strong footer".split(
    " ",
  ),
);

/**
 * What is wrong with a rendered page, security-wise: unexpected elements, event-handler attributes, links that
 * are not same-site or http(s). Feed text may contain "onerror=" as escaped text; only real tags are checked.
 */
export function markupProblems(page: string): string[] {
  const problems: string[] = [];
  for (const [tag, name] of page.matchAll(/<([a-zA-Z][\w-]*)[^>]*>/g)) {
    if (!ALLOWED_TAGS.has((name ?? "").toLowerCase())) problems.push(`unexpected element <${name}>`);
    const attributes = tag.replace(/"[^"]*"/g, '""');
    if (/[\s'"]on[a-z]+\s*=/i.test(attributes)) problems.push(`event handler in ${tag}`);
    for (const [, href] of tag.matchAll(/\s(?:href|src|action)="([^"]*)"/g)) {
      if (!/^(?:\/(?!\/)|#|\?|https?:\/\/|data:,$)/.test(href ?? "")) problems.push(`unsafe link ${href}`);
    }
  }
  return problems;
}

const REQUIRED_CSP = ["default-src 'none'", "style-src 'unsafe-inline'", "img-src 'self' data:"];

/** What the dashboard's response headers lack: an HTML content type, the CSP directives, nosniff. */
export function headerProblems(headers: Headers): string[] {
  const problems: string[] = [];
  const type = headers.get("content-type") ?? "";
  if (!/^text\/html; charset=utf-8/i.test(type)) problems.push(`content-type is "${type}"`);
  const csp = headers.get("content-security-policy") ?? "";
  for (const directive of REQUIRED_CSP) if (!csp.includes(directive)) problems.push(`CSP lacks ${directive}`);
  if (headers.get("x-content-type-options") !== "nosniff") problems.push("x-content-type-options is not nosniff");
  return problems;
}
