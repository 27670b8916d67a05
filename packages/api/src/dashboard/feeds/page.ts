/**
 * The feeds page (GET /dashboard/feeds): every feed with its health and a pause / resume button, and forms to add
 * a feed and import an OPML file. The forms call the API from /assets/dashboard.js with the admin key the user
 * types here (kept in this tab's sessionStorage, never in a URL); without the script the page is read-only.
 */
import type { Feed } from "@storywire/core";
import { html } from "hono/html";
import type { ApiDeps } from "../../deps.ts";
import { MAX_FEED_ROWS } from "../constants.ts";
import { type Fragment, sectionBody } from "../fragments.ts";
import { layout } from "../layout.ts";
import { type Section, section } from "../section.ts";
import { feedCounts, feedTable } from "./table.ts";

export interface FeedsPageData {
  now: Date;
  feeds: Section<Feed[]>;
}

export async function loadFeedsPage(deps: ApiDeps): Promise<FeedsPageData> {
  return { now: deps.now?.() ?? new Date(), feeds: await section("the feeds", () => deps.store.listFeeds()) };
}

const NO_SCRIPT = html`<noscript><p class="note">These forms need JavaScript (served by this app from
  /assets/dashboard.js). The API does the same: POST /feeds, POST /feeds/import, PATCH /feeds/{id}.</p></noscript>`;

function keyCard(): Fragment {
  return html`<section class="card" id="key" aria-labelledby="key-h">
    <h2 id="key-h">Admin key</h2>
    <form id="key-form" class="stack" autocomplete="off">
      <fieldset data-needs-script disabled><legend>Changes need the admin key</legend>
        <div class="actions">
          <label class="field" for="admin-key">Key (STORYWIRE_ADMIN_KEY, or the one storywire start printed)</label>
          <input id="admin-key" type="password" autocomplete="off" spellcheck="false" size="36">
          <button type="submit">Use key</button>
          <button type="button" class="secondary" id="forget-key">Forget key</button>
        </div>
      </fieldset>
      <p id="key-state" class="keystate" aria-live="polite">It is kept in this browser tab only (session storage) and sent only to this API.</p>
    </form>
    ${NO_SCRIPT}
  </section>`;
}

function addCard(): Fragment {
  return html`<section class="card" id="add" aria-labelledby="add-h">
    <h2 id="add-h">Add a feed</h2>
    <form id="add-feed">
      <fieldset data-needs-script disabled><legend>RSS, Atom or JSON Feed; it is fetched at once</legend>
        <div class="actions">
          <label class="field" for="feed-url">Feed address</label>
          <input id="feed-url" type="url" required size="48" placeholder="https://www.example.org/world/rss.xml">
          <button type="submit">Add feed</button>
        </div>
      </fieldset>
    </form>
  </section>`;
}

function importCard(): Fragment {
  return html`<section class="card" id="import" aria-labelledby="import-h">
    <h2 id="import-h">Import OPML</h2>
    <form id="import-opml">
      <fieldset data-needs-script disabled><legend>An OPML export of another feed reader (folders are flattened; feeds already watched are reported, not added twice)</legend>
        <div class="actions">
          <label class="field" for="opml-file">OPML file</label>
          <input id="opml-file" type="file" accept=".opml,.xml,text/x-opml,text/xml,application/xml">
          <button type="submit">Import</button>
        </div>
      </fieldset>
    </form>
  </section>`;
}

function listCard(data: FeedsPageData): Fragment {
  return html`<section class="card" id="feeds" aria-labelledby="feeds-h">
    <h2 id="feeds-h">Watched feeds ${data.feeds.ok ? html`<span class="count">${feedCounts(data.feeds.value)}</span>` : ""}</h2>
    ${sectionBody(data.feeds, (feeds) => {
      if (feeds.length === 0) return html`<p class="empty">No feeds are watched yet. Add one above.</p>`;
      const shown = feeds.slice(0, MAX_FEED_ROWS);
      return html`${feedTable(shown, data.now, { actions: true })}
        ${feeds.length > shown.length ? html`<p class="sub">…and ${feeds.length - shown.length} more; GET <a href="/feeds">/feeds</a> lists them all.</p>` : ""}`;
    })}
  </section>`;
}

export function renderFeedsPage(data: FeedsPageData): Fragment {
  return layout(
    {
      title: "Feeds",
      nav: "feeds",
      now: data.now,
      script: true,
      lede: html`The feeds Storywire watches, how each one is doing, and when it is checked next.`,
    },
    html`<div id="flash" class="flash" role="status" aria-live="polite" tabindex="-1"></div>
      <div data-feeds-page>${keyCard()}${addCard()}${importCard()}${listCard(data)}</div>`,
  );
}
