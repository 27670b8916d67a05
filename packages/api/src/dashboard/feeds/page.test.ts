import { fakeDeps, HOSTILE, makeFeed, markupProblems } from "@storywire/api/test-support/dashboard";
import { describe, expect, it } from "vitest";
import { loadFeedsPage, renderFeedsPage } from "./page.ts";

async function render(feeds: Parameters<typeof makeFeed>[0][]): Promise<string> {
  return (await renderFeedsPage(await loadFeedsPage(fakeDeps({ feeds: feeds.map(makeFeed) })))).toString();
}

describe("the feeds page", () => {
  it("lists every feed with its health and a pause or resume button, disabled until the script runs", async () => {
    const page = await render([
      { id: "f000000000000001", title: "Wire One" },
      { id: "f000000000000002", title: "Gone", status: "disabled", lastError: "HTTP 410: the feed is gone" },
    ]);
    expect(page).toContain("2 feeds: 1 active, 1 disabled");
    expect(page).toMatch(
      /data-feed-id="f000000000000001"\s+data-feed-name="Wire One" data-paused="false" disabled\s+aria-label="Pause Wire One">Pause</,
    );
    expect(page).toMatch(
      /data-feed-id="f000000000000002"\s+data-feed-name="Gone" data-paused="true" disabled\s+aria-label="Resume Gone">Resume</,
    );
    expect(page).toContain("HTTP 410: the feed is gone");
    expect(page).toContain('<a href="/dashboard/stories?feed=f000000000000001">Wire One</a>');
    expect(page.match(/<fieldset data-needs-script disabled>/g)).toHaveLength(3);
    expect(page).toContain('<script src="/assets/dashboard.js?v=');
    expect(page).toContain("<noscript>");
  });

  it("takes the admin key in a password field that no form submits", async () => {
    const page = await render([]);
    expect(page).toContain('<input id="admin-key" type="password" autocomplete="off"');
    expect(page).not.toMatch(/<input[^>]*name="[^"]*key/i);
    expect(page).not.toMatch(/<form[^>]*(?:action|method)=/);
    expect(page).toContain("No feeds are watched yet. Add one above.");
  });

  it("shows a paused feed as paused, with a resume button and no next check", async () => {
    const page = await render([{ id: "f000000000000003", title: "Quiet", status: "paused" }]);
    expect(page).toContain('<span class="badge paused">paused</span>');
    expect(page).toContain(">Resume<");
    expect(page).toContain("not scheduled");
  });

  it("escapes feed titles, errors and URLs", async () => {
    const page = await render([
      { title: HOSTILE.source, url: "javascript:alert(1)", status: "failing", lastError: HOSTILE.error },
    ]);
    expect(markupProblems(page)).toEqual([]);
    expect(page).toContain('data-feed-name="&quot;&gt;&lt;script&gt;alert(&quot;source&quot;)&lt;/script&gt;"');
    expect(page).toContain('<td class="url">javascript:alert(1)</td>');
  });
});
