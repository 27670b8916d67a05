import {
  eventData,
  type FakeData,
  fakeDeps,
  HOSTILE,
  makeStory,
  markupProblems,
} from "@storywire/api/test-support/dashboard";
import { describe, expect, it } from "vitest";
import { loadStoryPage } from "./load.ts";
import { renderStoryPage } from "./render.ts";

async function render(data: FakeData, id: string): Promise<string> {
  const loaded = await loadStoryPage(fakeDeps(data), id);
  if (!loaded) throw new Error(`no story ${id}`);
  return (await renderStoryPage(loaded)).toString();
}

const section = (page: string, id: string) =>
  page.slice(page.indexOf(`id="${id}"`), page.indexOf("</section>", page.indexOf(`id="${id}"`)));

describe("the story page", () => {
  it("is null for an unknown story", async () => {
    expect(await loadStoryPage(fakeDeps(eventData()), "ffffffffffffffff")).toBeNull();
  });

  it("shows the seed-shaped text with evidence marked, including evidence of a storyline below its threshold", async () => {
    const text = section(await render(eventData(), "a000000000000001"), "text");
    expect(text).toContain('<p class="headline">Ceasefire talks resume in Istanbul</p>');
    expect(text).toContain(
      '<mark class="evidence" title="Russia-Ukraine ceasefire: “ceasefire”">The Kremlin said a ceasefire depended on territory.</mark>',
    );
    expect(text).toContain(
      'title="Shanghai Cooperation Organization: “SCO” (below threshold)">Nothing was signed.</mark>',
    );
    expect(text).toContain("<p>Delegations met again on Tuesday. <mark");
    expect(text).not.toContain('class="novel"'); // a first report adds no new sentences
    expect(text).toContain('href="/stories/a000000000000001.txt"');
  });

  it("marks an update's new sentences in its text and in its event", async () => {
    const page = await render(eventData(), "a000000000000002");
    expect(section(page, "text")).toContain(
      '<mark class="novel" title="new in this update">Both sides agreed to exchange 300 prisoners on Friday.</mark>',
    );
    const event = section(page, "event");
    expect(event).toContain(
      '<a href="/dashboard/storylines/ceasefire#event-e000000000000001">Ceasefire talks resume in Istanbul</a>',
    );
    expect(event.match(/<li(?: class="current")? data-story-id="(\w+)">\s*<span class="badge (\w+)">/g)?.length).toBe(
      3,
    );
    expect(event).toMatch(
      /data-story-id="a000000000000001">\s*<span class="badge first">first<\/span> <a href="\/dashboard\/stories\/a000000000000001">/,
    );
    expect(event).toMatch(
      /class="current" data-story-id="a000000000000002">\s*<span class="badge update">update<\/span> <span class="badge this">this story<\/span>/,
    );
    expect(event).toMatch(/data-story-id="a000000000000003">\s*<span class="badge duplicate">/);
    expect(event).toContain(
      '<li><mark class="novel">Both sides agreed to exchange 300 prisoners on Friday.</mark></li>',
    );
  });

  it("lists storyline scores with their evidence grouped by sentence, matched first", async () => {
    const scores = section(await render(eventData(), "a000000000000001"), "storylines");
    expect(scores.indexOf("Russia-Ukraine ceasefire")).toBeLessThan(scores.indexOf("Shanghai Cooperation"));
    expect(scores).toContain('<span class="badge active">in this storyline</span>');
    expect(scores).toContain('<span class="badge none">below threshold</span>');
    expect(scores).toContain('<span class="score">0.82</span>');
    expect(scores).toContain('<span class="cue">ceasefire</span> (lead, weight 2)');
  });

  it("shows the framing label, rule and each dimension with its evidence", async () => {
    const framing = section(await render(eventData(), "a000000000000001"), "framing");
    expect(framing).toContain('title="Mostly Kremlin sources.">kremlin-sourced</span>');
    expect(framing).toContain("Label rule: test");
    expect(framing).toMatch(/Sourcing: Kremlin and Russian state media<\/th><td class="nowrap">.*67%/s);
    expect(framing).toContain("Sourcing: Ukrainian officials");
    expect(framing).not.toContain("Sourcing: Anonymous sources"); // none
    expect(framing).toContain("+0.40 (peacemaker / defensive)");
    expect(framing).toContain("<li>The Kremlin said a ceasefire depended on territory.</li>");
    expect(framing).not.toContain("in no storyline");
  });

  it("says where the story came from", async () => {
    const origin = section(await render(eventData(), "a000000000000001"), "origin");
    expect(origin).toContain('<a href="/dashboard/stories?feed=f000000000000001">Example Wire</a>');
    expect(origin).toContain(
      '<a href="https://news.example/a/1" rel="noopener noreferrer nofollow">https://news.example/a/1</a>',
    );
    expect(origin).toContain("<code>test:1</code>");
  });

  it("for a story in no storyline: a title from its text, no event, framing for reference only, everything escaped", async () => {
    const data: FakeData = {
      stories: [
        makeStory({
          id: "b000000000000001",
          title: "",
          text: `${HOSTILE.error} Then more.\n\n${HOSTILE.attribute}`,
          url: "javascript:alert(1)",
          source: HOSTILE.source,
          storylines: [],
          framing: { ...eventData().stories[0]?.framing, label: HOSTILE.storyline } as never,
        }),
      ],
    };
    const page = await render(data, "b000000000000001");
    expect(markupProblems(page)).toEqual([]);
    expect(page).toContain("<h1>&lt;b&gt;boom&lt;/b&gt; &amp; &lt;iframe src=javascript:alert(3)&gt; Then more</h1>");
    expect(page).toContain("No storyline&#39;s cues occur in this story.");
    expect(page).toContain("This story was not placed in an event: it entered no storyline.");
    expect(page).toContain("This story is in no storyline, so its framing label says little on its own");
    expect(page).toContain("<dd>javascript:alert(1)</dd>");
    expect(page).not.toMatch(/href="javascript/);
  });

  it("a failing feed lookup shows a note and the rest of the page", async () => {
    const page = await render({ ...eventData(), failing: ["getFeed"] }, "a000000000000001");
    expect(page).toContain("Could not load the feed (the table is unreachable (getFeed))");
    expect(page).toContain('<p class="headline">');
  });
});
