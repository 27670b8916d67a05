/**
 * The dashboard end to end in Debian's Chromium (playwright-core): the local stack in-process, seeded by ingesting
 * loopback feeds of the demo's sample stories (so scores, framing, events, updates and duplicates are the
 * pipeline's own), plus hostile and untitled records put straight into the store. Each page is loaded, used as a
 * reader would (filter the list, open a story, read the storyline, add / pause / import feeds), checked for what
 * it shows, for running nothing from feeds, and with axe-core for serious or critical accessibility violations.
 * Screenshots go to test/artifacts/ (gitignored).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { HOSTILE, headerProblems, markupProblems } from "@storywire/api/test-support/dashboard";
import { newFeed } from "@storywire/pipeline";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import type { LocalStack } from "storywire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFeedServer, type TestItem } from "./support/feed-server.ts";
import { sampleItem } from "./support/samples.ts";
import { startTestStack, TEST_ADMIN_KEY, watchFeed } from "./support/stack.ts";

const CHROMIUM = "/usr/bin/chromium";
const HAS_CHROMIUM = existsSync(CHROMIUM);
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const ARTIFACTS = join(import.meta.dirname, "artifacts");
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const HOSTILE_ID = "d0d0d0d0d0d0d0d1";
const UNTITLED_ID = "d0d0d0d0d0d0d0d2";
const UPDATE_SENTENCE = "On Wednesday the ministries announced that 12 warships and 4,000 troops will take part";

if (!HAS_CHROMIUM) {
  console.warn(
    `dashboard browser test skipped: ${CHROMIUM} is missing; install it with "apt-get install -y chromium".`,
  );
}

type FeedServer = Awaited<ReturnType<typeof startFeedServer>>;
let stack: LocalStack;
const servers: FeedServer[] = [];
let articles: Server;
let articlesUrl = "";
let wireFeedId = "";
let failingFeedId = "";

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR);

/** A loopback site with each sample story's article page, for the items' links (never off the machine). */
async function startArticleSite(): Promise<void> {
  articles = createServer((req, res) => {
    const slug = (req.url ?? "").replace(/^\/articles\//, "");
    let story: ReturnType<typeof sampleItem>;
    try {
      story = sampleItem(slug);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const paragraphs = story.paragraphs.map((p) => `<p>${p}</p>`).join("");
    res
      .writeHead(200, { "content-type": "text/html; charset=utf-8" })
      .end(
        `<!doctype html><html><head><title>${story.title}</title></head><body><article><h1>${story.title}</h1>${paragraphs}</article></body></html>`,
      );
  });
  await new Promise<void>((ok) => articles.listen(0, "127.0.0.1", ok));
  articlesUrl = `http://127.0.0.1:${(articles.address() as AddressInfo).port}/articles`;
}

/** A sample story as a feed item dated `hoursAgo`, linking to its page on the loopback article site. */
function item(slug: string, hoursAgo: number): TestItem {
  return { ...sampleItem(slug), link: `${articlesUrl}/${slug}`, pubDate: ago(hoursAgo).toUTCString() };
}

async function feedServer(title: string): Promise<FeedServer> {
  const server = await startFeedServer([], title);
  servers.push(server);
  return server;
}

async function seed(): Promise<void> {
  const wire = await feedServer("Loopback Wire");
  wire.setItems([item("sco-defence-ministers", 50), item("abu-dhabi-talks", 30), item("new-start-extension", 20)]);
  wireFeedId = await watchFeed(stack, wire.url);
  const second = await feedServer("Second Wire");
  second.setItems([item("sco-defence-ministers-repost", 40), item("sco-defence-ministers-update", 5)]);
  await watchFeed(stack, second.url);

  const { store } = stack;
  const failing = (await store.addFeed(newFeed("https://flaky.example/rss", ago(100)))).feed;
  await store.updateFeedFetchState(failing.id, {
    title: HOSTILE.source,
    status: "failing",
    errorCount: 3,
    lastStatus: 503,
    lastError: HOSTILE.error,
    lastCheckedAt: ago(0.1).toISOString(),
    nextCheckAt: new Date(Date.now() + 0.5 * HOUR).toISOString(),
  });
  failingFeedId = failing.id;
  const base = { feedId: failing.id, author: null, language: "en", fetchedAt: ago(1).toISOString() };
  await store.putStory({
    ...base,
    id: HOSTILE_ID,
    key: "test:hostile",
    title: HOSTILE.title,
    text: `${HOSTILE.error}\n\n${HOSTILE.attribute}`,
    url: "javascript:alert(1)",
    source: HOSTILE.source,
    publishedAt: ago(2).toISOString(),
  });
  await store.putStory({
    ...base,
    id: UNTITLED_ID,
    key: "test:untitled",
    title: "",
    text: "Markets were calm on Thursday as traders waited for the central bank. Nothing else happened.",
    url: null,
    source: "flaky.example",
    publishedAt: null,
  });
}

let browser: Browser;
let context: BrowserContext;
const dialogs: string[] = [];
const consoleErrors: string[] = [];

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${path}: ${message.text()}`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`${path}: ${error.message}`));
  const response = await page.goto(`${stack.url}${path}`, { waitUntil: "load" });
  expect(response?.status(), path).toBe(200);
  expect(headerProblems(new Headers(await response?.allHeaders())), path).toEqual([]);
  return page;
}

/** axe-core on the page as it is now: the serious and critical violations, one line each (empty when none). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })",
  )) as { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] };
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** A full-page screenshot in the light scheme and the axe check in both schemes. */
async function checkAndShoot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  expect(await seriousViolations(page), `${name}, light scheme`).toEqual([]);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await seriousViolations(page), `${name}, dark scheme`).toEqual([]);
  await page.screenshot({ path: join(ARTIFACTS, `${name}-dark.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
}

beforeAll(async () => {
  await startArticleSite();
  stack = await startTestStack();
  await seed();
  if (HAS_CHROMIUM) {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await Promise.all(servers.map((s) => s.close()));
  await new Promise((done) => articles?.close(done));
});

describe("the dashboard over HTTP", () => {
  it.each([
    "/",
    "/dashboard/stories",
    `/dashboard/stories/${HOSTILE_ID}`,
    `/dashboard/stories/${UNTITLED_ID}`,
    "/dashboard/storylines/sco",
    "/dashboard/feeds",
  ])("%s is escaped HTML under the strict CSP", async (path) => {
    const res = await fetch(`${stack.url}${path}`);
    expect(res.status).toBe(200);
    expect(headerProblems(res.headers)).toEqual([]);
    const page = await res.text();
    expect(markupProblems(page)).toEqual([]);
    expect(page).not.toContain(HOSTILE.title);
    expect(page).not.toContain(TEST_ADMIN_KEY);
  });

  it("GET /storylines/{id}/timeline answers the event the pages show", async () => {
    const res = await fetch(`${stack.url}/storylines/sco/timeline`);
    const body = (await res.json()) as {
      events: { stories: { relation: string; novel: string[]; source: string }[] }[];
    };
    expect(res.status).toBe(200);
    expect(body.events).toHaveLength(1);
    expect(body.events[0]?.stories.map((s) => [s.relation, s.source])).toEqual([
      ["first", "Loopback Wire"],
      ["duplicate", "Second Wire"],
      ["update", "Second Wire"],
    ]);
    expect(body.events[0]?.stories[2]?.novel.join(" ")).toContain(UPDATE_SENTENCE);
  });
});

describe.skipIf(!HAS_CHROMIUM)(`the dashboard in Chromium (${CHROMIUM})`, () => {
  it("the overview shows storylines, feed health and the latest stories, and runs nothing from feeds", async () => {
    const page = await open("/dashboard?refresh=0");
    expect(await page.title()).toBe("Overview · Storywire");
    await expect.poll(() => page.getByText(HOSTILE.title, { exact: true }).isVisible()).toBe(true);
    expect(await page.locator("img, iframe, [onerror], [onload], script").count()).toBe(0);
    const hrefs = await page
      .locator("a[href]")
      .evaluateAll((links) => links.map((a) => (a as unknown as { href: string }).href));
    expect(hrefs.filter((href) => !/^https?:\/\//.test(href))).toEqual([]);
    expect(await page.locator(`tr[data-feed-id="${failingFeedId}"] .badge`).textContent()).toBe("failing");
    expect(await page.locator(`tr[data-feed-id="${failingFeedId}"]`).textContent()).toContain(HOSTILE.error);
    const sco = page.locator("#storyline-sco ol.events li").first();
    expect(await sco.textContent()).toMatch(/1 first[\s\S]*1 update[\s\S]*1 duplicate/);
    // The untitled story reads as the first words of its text; a story in no storyline shows no framing label.
    const untitled = page.locator(`tr[data-story-id="${UNTITLED_ID}"]`);
    expect(await untitled.locator("a").first().textContent()).toBe(
      "Markets were calm on Thursday as traders waited for the central bank",
    );
    expect(await untitled.locator("td").nth(4).textContent()).toBe("—");
    // The stylesheet comes from /assets and is applied under the CSP.
    expect(await page.evaluate("getComputedStyle(document.querySelector('header.top')).backgroundColor")).toBe(
      "rgb(20, 33, 61)",
    );
    await checkAndShoot(page, "overview");
  });

  it("the story list filters from the form into a shareable URL and opens a story", async () => {
    const page = await open("/dashboard/stories");
    expect(await page.locator("tbody tr").count()).toBe(7);
    await page.getByLabel("Feed", { exact: true }).selectOption(wireFeedId);
    await page.locator('input[name="storyline"][value="sco"]').check();
    await Promise.all([page.waitForURL(/feed=/), page.getByRole("button", { name: "Apply filters" }).click()]);
    const url = new URL(page.url());
    // The canonical address: only the chosen filters, no empty fields, in a fixed order.
    expect(url.search).toBe(`?storyline=sco&feed=${wireFeedId}`);
    expect(await page.getByRole("list", { name: "Active filters" }).textContent()).toContain("feed: Loopback Wire");
    // Every filter is applied by the store: the rows are what GET /stories answers for the same filters.
    const sources = await page.locator("tbody tr td:nth-child(2)").allTextContents();
    const api = (await (await fetch(`${stack.url}/stories?storyline=sco&feed=${wireFeedId}`)).json()) as {
      stories: unknown[];
    };
    expect(api.stories.length).toBeGreaterThan(0);
    expect(sources.length).toBe(api.stories.length);
    expect(new Set(sources)).toEqual(new Set(["Loopback Wire"]));
    await checkAndShoot(page, "stories-filtered");

    // The same address, opened fresh (a bookmark), shows the same filters ticked.
    const shared = await open(`/dashboard/stories${url.search}`);
    expect(await shared.getByLabel("Feed", { exact: true }).inputValue()).toBe(wireFeedId);
    await shared
      .getByRole("link", { name: /SCO defence ministers meet/ })
      .first()
      .click();
    await shared.waitForURL(/\/dashboard\/stories\/[0-9a-f]{16}$/);
    expect(await shared.locator("h1").textContent()).toContain("SCO defence ministers meet");
  });

  it("a story page shows the text with evidence and new sentences marked, scores, framing and its event", async () => {
    const timeline = (await (await fetch(`${stack.url}/storylines/sco/timeline`)).json()) as {
      events: { stories: { id: string; relation: string }[] }[];
    };
    const updateId = timeline.events[0]?.stories.find((s) => s.relation === "update")?.id;
    const page = await open(`/dashboard/stories/${updateId}`);
    expect(await page.locator("#text mark.evidence").count()).toBeGreaterThan(0);
    expect(await page.locator("#text .seed mark.novel").first().textContent()).toContain(UPDATE_SENTENCE);
    const sco = page.locator('#storylines [data-storyline="sco"]');
    expect(await sco.textContent()).toContain("in this storyline");
    expect(await sco.locator("ul.evidence li").count()).toBeGreaterThan(0);
    expect(await page.locator("#framing table tbody tr").count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator("#framing h2 .badge.label").textContent()).toMatch(/\S/);
    const members = page.locator("#event ol.members > li");
    expect(await members.count()).toBe(3);
    expect(await members.locator(".badge.first, .badge.update, .badge.duplicate").allTextContents()).toEqual([
      "first",
      "duplicate",
      "update",
    ]);
    expect(await page.locator("#event li.current").textContent()).toContain("this story");
    expect(await page.locator("#event li.current mark.novel").textContent()).toContain(UPDATE_SENTENCE);
    expect(await page.locator("#origin").textContent()).toContain("Second Wire");
    await checkAndShoot(page, "story-update");
  });

  it("a story from a hostile feed shows its text as text and links nowhere unsafe", async () => {
    const page = await open(`/dashboard/stories/${HOSTILE_ID}`);
    expect(await page.locator("h1").textContent()).toBe(HOSTILE.title);
    expect(await page.locator(".seed p:not(.headline)").first().textContent()).toBe(HOSTILE.error);
    expect(await page.locator("img, iframe, script, svg[onload]").count()).toBe(0);
    expect(await page.locator("#origin").textContent()).toContain("javascript:alert(1)"); // as text, not a link
    expect(await page.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await page.locator("#event").textContent()).toContain("entered no storyline");
    await checkAndShoot(page, "story-hostile");
  });

  it("a storyline page shows its charts and its timeline with the update's new sentences", async () => {
    const page = await open("/dashboard/storylines/sco");
    expect(await page.locator("h1").textContent()).toBe("SCO and Russia-China military cooperation");
    expect(await page.locator("svg.chart").count()).toBe(2);
    const perDay = page.locator("svg.chart").first();
    // Three stories over the last 30 days: one bar segment per story on its day.
    expect(await perDay.locator("rect.first, rect.update, rect.duplicate").count()).toBe(3);
    expect(await perDay.getAttribute("role")).toBe("img");
    const mix = page.locator("svg.chart").nth(1);
    expect(await mix.locator("text.outlet").allTextContents()).toEqual(["Second Wire", "Loopback Wire"]);
    expect(await mix.locator("rect.seg").count()).toBeGreaterThanOrEqual(2);
    const event = page.locator("#timeline ol.events > li").first();
    expect(await event.locator("h3").textContent()).toContain("SCO defence ministers meet");
    expect(await event.locator("ol.members > li").count()).toBe(3);
    expect(await event.locator("mark.novel").textContent()).toContain(UPDATE_SENTENCE);
    expect(await event.locator(".spread").textContent()).toContain("Second Wire");
    await page.getByRole("link", { name: "7 days" }).click();
    await page.waitForURL(/days=7/);
    expect(await page.locator("#coverage h2").textContent()).toContain("the last 7 days");
    await checkAndShoot(page, "storyline-sco");
  });

  it("the feeds page keeps the admin key in session storage and adds a feed through the API", async () => {
    const page = await open("/dashboard/feeds");
    await page.locator("#admin-key").fill(TEST_ADMIN_KEY);
    await page.getByRole("button", { name: "Use key" }).click();
    await expect.poll(() => page.locator("#key-state").textContent()).toContain("An admin key is set for this tab");
    expect(await page.evaluate("sessionStorage.getItem('storywire.adminKey')")).toBe(TEST_ADMIN_KEY);
    expect(page.url()).not.toContain(TEST_ADMIN_KEY);
    expect(await page.locator("#admin-key").inputValue()).toBe("");

    const added = await feedServer("Third Wire");
    added.setItems([item("abu-dhabi-talks", 3)]);
    await page.locator("#feed-url").fill(added.url);
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Add feed" }).click()]);
    await expect.poll(() => page.locator("#flash").textContent()).toContain("Now watching");
    expect(page.url()).toBe(`${stack.url}/dashboard/feeds`);
    expect(await page.locator("tbody tr").allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining(added.url)]),
    );
    await checkAndShoot(page, "feeds");
  });

  it("the feeds page shows the API's own error sentence, e.g. for a wrong key or a blocked URL", async () => {
    const page = await open("/dashboard/feeds");
    await page.locator("#admin-key").fill("not-the-key-0123456789");
    await page.getByRole("button", { name: "Use key" }).click();
    await page.locator("#feed-url").fill("https://news.example.org/feed.xml");
    await page.getByRole("button", { name: "Add feed" }).click();
    await expect.poll(() => page.locator("#flash").textContent()).toContain("needs the admin API key");
    expect(await page.locator("#flash").getAttribute("class")).toBe("flash bad");
    await page.getByRole("button", { name: "Forget key" }).click();
    expect(await page.evaluate("sessionStorage.getItem('storywire.adminKey')")).toBeNull();
    await page.getByRole("button", { name: "Add feed" }).click();
    await expect.poll(() => page.locator("#flash").textContent()).toContain("Enter the admin key above first");
    // Chromium logs the refused request itself; that one is expected here.
    const refused = consoleErrors.filter((e) => e.includes("status of 401 (Unauthorized)"));
    expect(refused).toHaveLength(1);
    consoleErrors.splice(consoleErrors.indexOf(refused[0] ?? ""), 1);
  });

  it("pause sends PATCH /feeds/{id} {paused: true} with the key and the feed is paused", async () => {
    const page = await open("/dashboard/feeds");
    await page.locator("#admin-key").fill(TEST_ADMIN_KEY);
    await page.getByRole("button", { name: "Use key" }).click();
    const sent = page.waitForRequest((r) => r.method() === "PATCH");
    const pause = page.locator(`button[data-feed-toggle][data-feed-id="${wireFeedId}"]`);
    expect(await pause.textContent()).toBe("Pause");
    await Promise.all([page.waitForEvent("load"), pause.click()]);
    await expect.poll(() => page.locator("#flash").textContent()).toBe("Paused Loopback Wire.");
    const request = await sent;
    expect(request.url()).toBe(`${stack.url}/feeds/${wireFeedId}`);
    expect(request.postData()).toBe(JSON.stringify({ paused: true }));
    expect(request.headers().authorization).toBe(`Bearer ${TEST_ADMIN_KEY}`);
    expect((await stack.store.getFeed(wireFeedId))?.status).toBe("paused");
    // And back, so that the feed is watched again.
    const resume = page.locator(`button[data-feed-toggle][data-feed-id="${wireFeedId}"]`);
    expect(await resume.textContent()).toBe("Resume");
    await Promise.all([page.waitForEvent("load"), resume.click()]);
    await expect.poll(() => page.locator("#flash").textContent()).toBe("Resumed Loopback Wire.");
    expect((await stack.store.getFeed(wireFeedId))?.status).not.toBe("paused");
    await page.close();
  });

  it("import posts the OPML file to the real route and shows what was added and which outlines were skipped and why", async () => {
    const imported = await feedServer("Imported Wire");
    imported.setItems([item("new-start-extension", 10)]);
    const wire = servers[0]?.url ?? "";
    const page = await open("/dashboard/feeds");
    await page.locator("#admin-key").fill(TEST_ADMIN_KEY);
    await page.getByRole("button", { name: "Use key" }).click();
    const opml = join(ARTIFACTS, "import.opml");
    mkdirSync(ARTIFACTS, { recursive: true });
    const text = [
      `<?xml version="1.0"?>`,
      `<opml version="2.0"><head><title>Export</title></head><body>`,
      `<outline text="News">`,
      `<outline type="rss" text="Imported Wire" xmlUrl="${imported.url}"/>`,
      `<outline type="rss" text="Same wire, other spelling" xmlUrl="${imported.url.replace("http://", "HTTP://")}"/>`,
      `<outline type="rss" text="Loopback Wire" xmlUrl="${wire}"/>`,
      `<outline type="rss" text="No address"/>`,
      `<outline type="rss" text="Old FTP mirror" xmlUrl="ftp://127.0.0.1/feed.xml"/>`,
      `</outline></body></opml>`,
    ].join("\n");
    writeFileSync(opml, text);
    await page.locator("#opml-file").setInputFiles(opml);
    const answered = page.waitForResponse((r) => r.url().endsWith("/feeds/import"));
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Import" }).click()]);
    const response = await answered;
    expect(response.status()).toBe(200);
    expect(response.request().headers()["content-type"]).toBe("text/x-opml");
    expect(response.request().headers().authorization).toBe(`Bearer ${TEST_ADMIN_KEY}`);
    const watched = (await stack.store.listFeeds()).filter((f) => f.url === imported.url);
    expect(watched.map((f) => f.title)).toEqual(["Imported Wire"]);
    await expect
      .poll(() => page.locator("#flash").textContent())
      .toContain(
        "OPML imported: 1 feed added, 1 already watched, 1 duplicate entry skipped, 2 entries skipped for problems.",
      );
    const items = await page.locator("#flash li").allTextContents();
    expect(items).toHaveLength(3);
    expect(items[0]).toBe("Line 7 (No address): The outline is a feed (type rss) without an xmlUrl.");
    expect(items[1]).toMatch(/^Line 8 \(Old FTP mirror\): .*ftp/i);
    expect(items[2]).toBe("Line 5 (Same wire, other spelling): the same feed as line 4, skipped.");
    // The added feed is listed on the page the import reloaded, under the name the file gave it.
    expect(await page.locator("main").textContent()).toContain("Imported Wire");
    await checkAndShoot(page, "feeds-after-import");
    await page.close();
  });

  it("the API reference is linked from every page, styled by its own stylesheet under the CSP, and accessible", async () => {
    const overview = await open("/");
    await Promise.all([overview.waitForEvent("load"), overview.getByRole("link", { name: "API reference" }).click()]);
    expect(new URL(overview.url()).pathname).toBe("/docs");
    await overview.close();

    const page = await open("/docs");
    // Computed styles from /assets/docs.css: a blocked stylesheet would leave the browser's defaults.
    type Look = { display: string; background: string; margin: string; borderBottom: string; position: string };
    // A string, as for axe: the tests are compiled without the DOM's types.
    const styles = (await page.evaluate(`(() => {
      const look = (selector) => {
        const element = document.querySelector(selector);
        if (!element) return null;
        const style = getComputedStyle(element);
        return { display: style.display, background: style.backgroundColor, margin: style.margin,
          borderBottom: style.borderBottomWidth, position: style.position };
      };
      return { body: look("body"), layout: look(".layout"), header: look("header"), aside: look("aside"),
        sheets: [...document.styleSheets].map((sheet) => new URL(sheet.href ?? "inline:").pathname) };
    })()`)) as Record<"body" | "layout" | "header" | "aside", Look | null> & { sheets: string[] };
    expect(styles.sheets).toEqual(["/assets/docs.css"]);
    expect(styles.body).toMatchObject({ background: "rgb(247, 248, 250)", margin: "0px" });
    expect(styles.layout?.display).toBe("grid");
    expect(styles.header).toMatchObject({ background: "rgb(255, 255, 255)", borderBottom: "1px" });
    expect(styles.aside?.position).toBe("sticky");
    expect(await page.locator("main section").count()).toBeGreaterThan(20);
    await checkAndShoot(page, "docs");
    await page.close();
  });

  it("nothing ran from feeds and nothing failed in any page", () => {
    expect(dialogs).toEqual([]);
    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
  });
});
