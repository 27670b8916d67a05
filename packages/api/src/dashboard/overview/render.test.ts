import {
  type FakeData,
  fakeDeps,
  HOSTILE,
  makeEvent,
  makeFeed,
  makeFraming,
  makeStory,
  markupProblems,
  score,
  UNSAFE_URLS,
} from "@storywire/api/test-support/dashboard";
import { describe, expect, it } from "vitest";
import { loadDashboard } from "./load.ts";
import { renderDashboard } from "./render.ts";

const STORYLINES = [
  { id: "ceasefire", title: "Russia-Ukraine ceasefire", description: "Talks, truces and their breakdowns." },
  { id: "sco", title: HOSTILE.storyline, description: "" },
];

async function render(data: FakeData, refreshSeconds = 30): Promise<string> {
  return (await renderDashboard(await loadDashboard(fakeDeps(data)), { refreshSeconds })).toString();
}

describe("renderDashboard (the overview)", () => {
  it("shows storylines with their latest events, relation counts and links to their pages and feeds", async () => {
    const page = await render({
      storylines: STORYLINES,
      events: [makeEvent({ id: "e1", title: "Talks resume in Istanbul", storyCount: 4 })],
      members: [
        { eventId: "e1", relation: "first" },
        { eventId: "e1", relation: "update" },
        { eventId: "e1", relation: "update" },
        { eventId: "e1", relation: "duplicate" },
      ],
    });
    expect(page).toContain("<title>Overview · Storywire</title>");
    expect(page).toContain('<a href="/dashboard/storylines/ceasefire">Russia-Ukraine ceasefire</a>');
    expect(page).toContain('<a href="/dashboard/storylines/ceasefire#event-e1">Talks resume in Istanbul</a>');
    expect(page).toMatch(/class="badge first">1 first</);
    expect(page).toMatch(/class="badge update">2 updates</);
    expect(page).toMatch(/class="badge duplicate">1 duplicate</);
    expect(page).toContain("4 stories");
    expect(page).toContain('href="/dashboard/stories?storyline=ceasefire"');
    for (const suffix of ["alerts.atom", "alerts.json"]) {
      expect(page).toContain(`href="/storylines/ceasefire/${suffix}"`);
    }
    expect(page).toContain("No developments yet."); // the second storyline has none
  });

  it("titles an event stored without a title after its first story", async () => {
    const page = await render({
      storylines: STORYLINES,
      events: [makeEvent({ id: "e1", title: "" })],
      stories: [
        makeStory({ id: "a000000000000009", title: "", text: "Drones struck Odesa overnight. Two were hurt." }),
      ],
      members: [{ eventId: "e1", storyId: "a000000000000009", relation: "first" }],
    });
    expect(page).toContain('<a href="/dashboard/storylines/ceasefire#event-e1">Drones struck Odesa overnight</a>');
  });

  it("counts the feeds by status and lists the ones that need attention with their error", async () => {
    const page = await render({
      feeds: [
        makeFeed({ id: "f1", title: "Wire One" }),
        makeFeed({
          id: "f2",
          title: null,
          url: "https://two.example/rss",
          status: "failing",
          errorCount: 3,
          lastStatus: 503,
          lastError: "HTTP 503 from two.example",
        }),
        makeFeed({ id: "f3", status: "disabled", lastError: "HTTP 410: the feed is gone", lastStatus: 410 }),
      ],
    });
    const row = (id: string) =>
      page.slice(page.indexOf(`data-feed-id="${id}"`), page.indexOf("</tr>", page.indexOf(`data-feed-id="${id}"`)));
    expect(page).toContain("3 feeds: 1 active, 1 failing, 1 disabled");
    expect(page).not.toContain('data-feed-id="f1"'); // healthy: only counted
    expect(row("f2")).toContain('class="badge failing">failing<');
    expect(row("f2")).toContain("two.example"); // the host stands in for a missing title
    expect(row("f2")).toContain("3 errors · HTTP 503");
    expect(row("f2")).toContain("HTTP 503 from two.example");
    expect(row("f2")).toContain("in 10 min");
    expect(row("f3")).toContain('class="badge disabled">disabled<');
    expect(row("f3")).toContain("HTTP 410: the feed is gone");
    expect(row("f3")).toContain("not scheduled");
    expect(page).toContain('href="/dashboard/feeds"');
    expect(page).not.toContain("data-feed-toggle"); // no buttons on the overview
  });

  it("says every feed is fine when none needs attention", async () => {
    expect(await render({ feeds: [makeFeed()] })).toContain("Every feed is fetched without errors.");
  });

  it("shows the latest stories with a link to their page, matched storylines, framing and relation", async () => {
    const page = await render({
      storylines: STORYLINES,
      stories: [
        makeStory({
          id: "00000000000000ab",
          storylines: [score("sco", 0.41), score("ceasefire", 0.87), score("new-start", 0.9, false)],
          framing: makeFraming("kremlin-sourced", "Mostly Kremlin sources"),
          relation: "update",
        }),
      ],
    });
    expect(page).toContain('<span class="count">1 story</span>');
    expect(page).toContain('<a href="/dashboard/stories/00000000000000ab">Talks resume in Istanbul</a>');
    expect(page).toContain('href="https://news.example/a/1" rel="noopener noreferrer nofollow">original ↗');
    expect(page).toMatch(/25 Nov 2026 09:30 UTC<\/time><div class="sub">30 min ago</);
    expect(page.indexOf('Russia-Ukraine ceasefire</a> <span class="score">0.87')).toBeLessThan(page.indexOf("0.41"));
    expect(page).not.toContain("0.90"); // not matched
    expect(page).toContain('title="Mostly Kremlin sources">kremlin-sourced<');
    expect(page).toContain('class="badge update">update<');
  });

  it("gives an untitled story the first words of its text and shows framing only for stories in a storyline", async () => {
    const page = await render({
      summaries: true,
      stories: [
        makeStory({
          id: "00000000000000a1",
          title: "",
          text: "Negotiators met again in Abu Dhabi on Monday. They agreed on little.",
          framing: makeFraming("neutral-report", "no signal"),
          storylines: [score("ceasefire", 0.2, false)],
        }),
        makeStory({
          id: "00000000000000a2",
          framing: makeFraming("contested/balanced", "both sides"),
          storylines: [score("ceasefire", 0.7)],
        }),
      ],
    });
    expect(page).not.toContain("(untitled)");
    expect(page).toContain(
      '<a href="/dashboard/stories/00000000000000a1">Negotiators met again in Abu Dhabi on Monday</a>',
    );
    expect(page).not.toContain("neutral-report");
    expect(page).toContain(">contested/balanced<");
  });

  it("escapes everything that came from feeds and links only to http(s)", async () => {
    const page = await render({
      storylines: STORYLINES,
      feeds: [makeFeed({ title: HOSTILE.source, url: UNSAFE_URLS[0], status: "failing", lastError: HOSTILE.error })],
      events: [makeEvent({ storylineId: "sco", title: HOSTILE.title })],
      stories: UNSAFE_URLS.map((url, i) =>
        makeStory({
          id: `${i}`.padStart(16, "0"),
          title: HOSTILE.title,
          url,
          source: HOSTILE.source,
          framing: makeFraming(HOSTILE.storyline, HOSTILE.attribute),
          storylines: [score("sco", 0.5), score(HOSTILE.attribute, 0.6)],
        }),
      ),
    });
    expect(markupProblems(page)).toEqual([]);
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page).toContain("&lt;svg onload=alert(4)&gt;");
    expect(page).toContain("&lt;b&gt;boom&lt;/b&gt; &amp; &lt;iframe");
    expect(page).toContain("&quot;&gt;&lt;script&gt;");
    expect(page).not.toMatch(/href="[^"]*(?:javascript|vbscript|data:text|evil\.example)/i);
    expect(page).not.toMatch(/original ↗/); // no story got a link to its unsafe URL
    expect(page).toContain('<td class="url">javascript:alert(1)</td>'); // the feed's bad URL is shown as text
  });

  it("a failing query shows a note in its own section and the rest of the page still renders", async () => {
    const page = await render({ failing: ["listFeeds", "listEvents"], storylines: STORYLINES, stories: [makeStory()] });
    expect(page).toContain("Could not load the feeds (the table is unreachable (listFeeds)). Reload the page");
    expect(page).toContain("Could not load the events of &quot;Russia-Ukraine ceasefire&quot;");
    expect(page).toContain("Talks resume in Istanbul");
  });

  it.each([
    [30, '<meta http-equiv="refresh" content="30">'],
    [120, '<meta http-equiv="refresh" content="120">'],
  ])("reloads every %i s", async (seconds, meta) => {
    expect(await render({}, seconds)).toContain(meta);
  });

  it("renders no refresh when reloading is off, and empty states when there is nothing yet", async () => {
    const page = await render({}, 0);
    expect(page).not.toContain("http-equiv");
    expect(page).toContain("No storylines are configured.");
    expect(page).toContain("No feeds are watched yet.");
    expect(page).toContain("No stories yet");
  });
});

describe("markupProblems (the checker the escaping tests rely on)", () => {
  it.each([
    ["<p><img src=x onerror=alert(1)></p>", "unexpected element <img>"],
    ['<a href="/x" onclick="alert(1)">x</a>', "event handler"],
    ['<a href="javascript:alert(1)">x</a>', "unsafe link javascript:alert(1)"],
    ['<a href="//evil.example/">x</a>', "unsafe link //evil.example/"],
    ["<script>alert(1)</script>", "a script that is not the app's own"],
    ['<script src="/assets/dashboard.js?v=abc" defer>alert(1)</script>', "a script that is not the app's own"],
    ['<script src="https://cdn.example/x.js"></script>', "a script that is not the app's own"],
    ['<p style="color:red">x</p>', "inline style"],
    ["<style>p{}</style>", "unexpected element <style>"],
  ])("flags %s", (markup, problem) => {
    expect(markupProblems(markup).join("\n")).toContain(problem);
  });

  it("accepts escaped text, the app's own script and quoted attribute values that merely mention handlers", () => {
    expect(markupProblems('<p title="&#39; onmouseover=&#39;x">&lt;img onerror=alert(1)&gt;</p>')).toEqual([]);
    expect(markupProblems('<script src="/assets/dashboard.js?v=0a1b" defer></script>')).toEqual([]);
  });
});
