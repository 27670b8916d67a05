/**
 * The dashboard end to end: the local stack in-process, hostile and normal records put straight into its store,
 * the page read over HTTP (escaping, CSP) and in Debian's Chromium through playwright-core (nothing runs, the
 * hostile title is plain text, feed health shows). Leaves a screenshot at /tmp/dashboard.png.
 */
import { existsSync } from "node:fs";
import { newFeed, silentLogger } from "@storywire/pipeline";
import { chromium } from "playwright-core";
import { type LocalStack, loadConfig, startLocalStack } from "storywire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  HOSTILE,
  headerProblems,
  makeFraming,
  makeStory,
  markupProblems,
  score,
} from "../packages/api/src/dashboard/test-support.ts";

const CHROMIUM = "/usr/bin/chromium";
const HAS_CHROMIUM = existsSync(CHROMIUM);
const SCREENSHOT = "/tmp/dashboard.png";
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

const HOSTILE_ID = "d0d0d0d0d0d0d0d1";
const NORMAL_ID = "d0d0d0d0d0d0d0d2";
const UPDATE_ID = "d0d0d0d0d0d0d0d3";
const EVENT_ID = "e0e0e0e0e0e0e0e1";

if (!HAS_CHROMIUM) {
  console.warn(
    `dashboard browser test skipped: ${CHROMIUM} is missing; install it with "apt-get install -y chromium".`,
  );
}

let stack: LocalStack;
let failingFeedId: string;
let activeFeedId: string;

async function seed(store: LocalStack["store"]): Promise<void> {
  const now = Date.now();
  const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

  const active = (await store.addFeed(newFeed("https://wire.example/world.xml", new Date(ago(120))))).feed;
  await store.updateFeedFetchState(active.id, {
    title: "Example Wire: World",
    lastCheckedAt: ago(4),
    nextCheckAt: new Date(now + 11 * 60_000).toISOString(),
    lastStatus: 200,
  });
  const failing = (await store.addFeed(newFeed("https://flaky.example/rss", new Date(ago(120))))).feed;
  await store.updateFeedFetchState(failing.id, {
    status: "failing",
    errorCount: 3,
    lastStatus: 503,
    lastError: "HTTP 503 from flaky.example; retrying with back-off.",
    lastCheckedAt: ago(2),
    nextCheckAt: new Date(now + 30 * 60_000).toISOString(),
  });
  activeFeedId = active.id;
  failingFeedId = failing.id;

  await store.putStory(
    makeStory({
      id: HOSTILE_ID,
      key: "test:hostile",
      title: HOSTILE.title,
      url: "javascript:alert(1)",
      source: "flaky.example",
      publishedAt: ago(3),
      fetchedAt: ago(2),
    }),
  );
  const normal = {
    source: "Example Wire: World",
    storylines: [score("ceasefire", 0.86), score("sco", 0.12, false)],
    framing: makeFraming("diplomatic", "Officials on both sides quoted; little loaded language."),
    eventId: EVENT_ID,
  };
  await store.putStory(
    makeStory({
      ...normal,
      id: NORMAL_ID,
      key: "test:normal",
      title: "Ceasefire talks resume in Istanbul",
      url: "https://wire.example/talks",
      publishedAt: ago(50),
      fetchedAt: ago(45),
      relation: "first",
    }),
  );
  await store.putStory(
    makeStory({
      ...normal,
      id: UPDATE_ID,
      key: "test:update",
      title: "Negotiators agree on prisoner exchange",
      url: "https://wire.example/exchange",
      publishedAt: ago(20),
      fetchedAt: ago(18),
      relation: "update",
    }),
  );
  await store.putEvent({
    id: EVENT_ID,
    storylineId: "ceasefire",
    title: "Ceasefire talks resume in Istanbul",
    startedAt: ago(50),
  });
  await store.addStoryToEvent("ceasefire", EVENT_ID, NORMAL_ID, "first", ago(50));
  await store.addStoryToEvent("ceasefire", EVENT_ID, UPDATE_ID, "update", ago(20));
}

beforeAll(async () => {
  const config = loadConfig({
    env: {},
    overrides: { port: 0, feeds: [], allowPrivateNetworks: true, adminKey: "dashboard-test-key-0123456" },
  });
  stack = await startLocalStack(config, { inMemory: true, scheduler: false, logger: silentLogger });
  await seed(stack.store);
});
afterAll(async () => {
  await stack?.close();
});

describe("dashboard over HTTP", () => {
  it.each(["/", "/dashboard"])("%s is escaped HTML with a strict CSP", async (path) => {
    const res = await fetch(`${stack.url}${path}`);
    expect(res.status).toBe(200);
    expect(headerProblems(res.headers)).toEqual([]);
    const page = await res.text();
    expect(markupProblems(page)).toEqual([]);
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page).not.toContain(HOSTILE.title);
    expect(page).not.toContain("javascript:");
    expect(page).toContain(`href="/stories/${NORMAL_ID}.txt"`);
    expect(page).toContain('href="/storylines/ceasefire/alerts.atom"');
  });
});

describe.skipIf(!HAS_CHROMIUM)(`dashboard in Chromium (${CHROMIUM})`, () => {
  it("renders the hostile title as text, runs nothing, and shows feed health", async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const dialogs: string[] = [];
      const consoleErrors: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      page.on("console", (message) => {
        if (message.type() === "error") consoleErrors.push(message.text());
      });
      page.on("pageerror", (error) => consoleErrors.push(error.message));

      const response = await page.goto(`${stack.url}/`, { waitUntil: "load" });
      expect(response?.status()).toBe(200);
      expect(await page.title()).toBe("Storywire dashboard");

      await expect.poll(() => page.getByText(HOSTILE.title, { exact: true }).isVisible()).toBe(true);
      expect(await page.locator("img").count()).toBe(0);
      expect(await page.locator("[onerror], [onload], script, iframe, svg").count()).toBe(0);
      const hrefs = await page
        .locator("a[href]")
        .evaluateAll((links) => links.map((a) => (a as unknown as { href: string }).href));
      expect(hrefs.length).toBeGreaterThan(0);
      expect(hrefs.filter((href) => !/^https?:\/\//.test(href))).toEqual([]);
      expect(await page.locator(`tr[data-story-id="${HOSTILE_ID}"] a`).allTextContents()).toEqual([HOSTILE.title]);

      const failing = page.locator(`tr[data-feed-id="${failingFeedId}"]`);
      await expect.poll(() => failing.locator(".badge").textContent()).toBe("failing");
      expect(await failing.textContent()).toContain("HTTP 503 from flaky.example");
      expect(await page.locator(`tr[data-feed-id="${activeFeedId}"] .badge`).textContent()).toBe("active");

      const event = page.locator("#storyline-ceasefire ol.events li").first();
      expect(await event.textContent()).toMatch(/1 first[\s\S]*1 update[\s\S]*0 duplicates/);
      expect(await page.locator(`tr[data-story-id="${UPDATE_ID}"]`).textContent()).toMatch(
        /0\.86[\s\S]*diplomatic[\s\S]*update/,
      );

      // The inline stylesheet is allowed by the CSP and applied.
      const headerBackground = await page.evaluate(
        "getComputedStyle(document.querySelector('header.top')).backgroundColor",
      );
      expect(headerBackground).toBe("rgb(20, 33, 61)"); // --head in the light scheme

      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(dialogs).toEqual([]);
      expect(consoleErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
