import {
  eventData,
  type FakeData,
  fakeDeps,
  HOSTILE,
  makeEvent,
  markupProblems,
} from "@storywire/api/test-support/dashboard";
import { describe, expect, it } from "vitest";
import { chartDays, loadStorylinePage } from "./load.ts";
import { renderStorylinePage } from "./render.ts";

async function render(data: FakeData, options: { cursor?: string; days?: number } = {}): Promise<string> {
  const loaded = await loadStorylinePage(fakeDeps(data), "ceasefire", options);
  if (!loaded) throw new Error("no storyline");
  return (await renderStorylinePage(loaded)).toString();
}

describe("the storyline page", () => {
  it("is null for an unknown storyline", async () => {
    expect(await loadStorylinePage(fakeDeps(eventData()), "unknown", {})).toBeNull();
  });

  it("shows the timeline: each event with its stories, relation counts, new sentences and framing by outlet", async () => {
    const page = await render(eventData());
    expect(page).toContain("<h1>Russia-Ukraine ceasefire</h1>");
    expect(page).toContain('<li id="event-e000000000000001">');
    expect(page).toMatch(
      /class="badge first">1 first<[\s\S]*class="badge update">1 update<[\s\S]*class="badge duplicate">1 duplicate</,
    );
    expect(page).toContain(
      '<li><mark class="novel">Both sides agreed to exchange 300 prisoners on Friday.</mark></li>',
    );
    expect(page).toContain(
      "Framing by outlet: <strong>Example Wire</strong> kremlin-sourced ×2 · <strong>Other Outlet</strong> neutral-report",
    );
    expect(page).toContain('href="/dashboard/stories?storyline=ceasefire"');
    expect(page).toContain('href="/storylines/ceasefire/timeline"');
  });

  it("charts the stories per day and the framing mix per outlet over the chosen period", async () => {
    const page = await render(eventData(), { days: 7 });
    expect(page).toContain('<span class="count">the last 7 days (UTC)</span>');
    expect(page).toContain("<title>24 Nov: 1 story (1 first, 0 updates, 0 duplicates)</title>");
    expect(page).toContain("<title>25 Nov: 2 stories (0 first, 1 update, 1 duplicate)</title>");
    expect(page).toContain("<title>Example Wire: kremlin-sourced, 2 of 2 stories</title>");
    expect(page).toContain("<title>Other Outlet: neutral-report, 1 of 1 story</title>");
    expect(page).toContain('<a href="/dashboard/storylines/ceasefire?days=7#coverage" aria-current="true">7 days</a>');
    expect(page).toContain('<th scope="row">2026-11-25</th><td class="num">2</td>');
  });

  it("says so when nothing happened in the period", async () => {
    const page = await render({ ...eventData(), members: [] });
    expect(page).toContain("No story entered this storyline in the last 30 days.");
  });

  it("links older events with the cursor and keeps the period", async () => {
    const deps = fakeDeps(eventData());
    const listEvents = deps.store.listEvents;
    deps.store.listEvents = async (id, options) => ({ ...(await listEvents(id, options)), cursor: "older" });
    const loaded = await loadStorylinePage(deps, "ceasefire", { days: 90, cursor: "c1" });
    const page = (await renderStorylinePage(loaded as NonNullable<typeof loaded>)).toString();
    expect(page).toContain('href="/dashboard/storylines/ceasefire?days=90#timeline">← Newest events</a>');
    expect(page).toContain(
      'href="/dashboard/storylines/ceasefire?days=90&amp;cursor=older#timeline" rel="next">Older events →</a>',
    );
  });

  it("escapes event titles and outlet names, and a failing chart query leaves the timeline", async () => {
    const data = eventData();
    data.events.push(
      makeEvent({ id: "e000000000000002", title: HOSTILE.title, startedAt: "2026-11-25T09:59:00.000Z" }),
    );
    data.stories[0] = { ...(data.stories[0] as (typeof data.stories)[0]), source: HOSTILE.source };
    const page = await render({ ...data, failing: ["recentStorylineStories"] });
    expect(markupProblems(page)).toEqual([]);
    expect(page).toContain("<h3>&lt;img src=x onerror=alert(1)&gt;</h3>");
    expect(page).toContain("Could not load the coverage charts");
    expect(page).toContain("&quot;&gt;&lt;script&gt;");
  });
});

describe("chartDays", () => {
  it.each([
    [undefined, 30],
    ["7", 7],
    ["90", 90],
    ["31", 30],
    ["abc", 30],
  ])("%j -> %i", (value, days) => {
    expect(chartDays(value)).toBe(days);
  });
});
