import { OpenAPIHono } from "@hono/zod-openapi";
import {
  eventData,
  type FakeData,
  fakeDeps,
  HOSTILE,
  headerProblems,
  makeFeed,
  makeStory,
  markupProblems,
} from "@storywire/api/test-support/dashboard";
import { describe, expect, it } from "vitest";
import { createApp } from "../app.ts";
import { ASSETS } from "../dashboard/assets/index.ts";
import { refreshSeconds, registerDashboardRoutes } from "./dashboard.ts";

function app(data: FakeData = {}) {
  const hono = new OpenAPIHono();
  registerDashboardRoutes(hono, fakeDeps(data));
  return hono;
}

const hostile = (): FakeData => {
  const data = eventData();
  data.feeds.push(
    makeFeed({ id: "f000000000000002", title: HOSTILE.source, status: "failing", lastError: HOSTILE.error }),
  );
  data.stories.push(
    makeStory({ id: "b000000000000001", title: HOSTILE.title, url: "javascript:alert(1)", source: HOSTILE.source }),
  );
  return data;
};

const PAGES = [
  "/",
  "/dashboard",
  "/dashboard/stories",
  "/dashboard/stories?storyline=ceasefire",
  "/dashboard/stories/a000000000000002",
  "/dashboard/stories/b000000000000001",
  "/dashboard/storylines/ceasefire",
  "/dashboard/feeds",
];

describe("the dashboard pages", () => {
  it.each(PAGES)("%s answers escaped HTML with the strict CSP and only the app's own assets", async (path) => {
    const res = await app(hostile()).request(path);
    expect(res.status).toBe(200);
    expect(headerProblems(res.headers)).toEqual([]);
    const page = await res.text();
    expect(markupProblems(page)).toEqual([]);
    expect(page).not.toContain(HOSTILE.title);
    expect(page).not.toMatch(/(?:href|src|action)="\s*javascript:/i);
    expect(page).toMatch(/<link rel="stylesheet" href="\/assets\/dashboard\.css\?v=[0-9a-f]{12}">/);
  });

  it("loads the script only on the feeds page", async () => {
    expect(await (await app().request("/dashboard/feeds")).text()).toContain('<script src="/assets/dashboard.js?v=');
    expect(await (await app().request("/dashboard")).text()).not.toContain("<script");
  });

  it.each([
    ["", '<meta http-equiv="refresh" content="30">'],
    ["?refresh=90", '<meta http-equiv="refresh" content="90">'],
  ])("the overview reloads as ?refresh%s says", async (query, meta) => {
    expect(await (await app().request(`/${query}`)).text()).toContain(meta);
  });

  it("the overview does not reload with ?refresh=0, nor do the other pages", async () => {
    expect(await (await app().request("/?refresh=0")).text()).not.toContain("http-equiv");
    expect(await (await app().request("/dashboard/feeds")).text()).not.toContain("http-equiv");
  });
});

describe("GET /dashboard/stories", () => {
  it("passes the URL's filters to store.listStories and keeps them in the form and the next-page link", async () => {
    const data: FakeData = { ...eventData(), listed: [], nextCursor: "c2" };
    const res = await app(data).request(
      "/dashboard/stories?storyline=ceasefire&minScore=0.5&relation=update&framing=neutral-report&feed=f000000000000001&source=Other+Outlet&language=en&since=2026-11-20&until=2026-11-25&q=prisoners",
    );
    expect(res.status).toBe(200);
    expect(data.listed).toEqual([
      {
        storylines: ["ceasefire"],
        minScore: 0.5,
        relation: ["update"],
        framing: ["neutral-report"],
        feedId: "f000000000000001",
        source: "Other Outlet",
        language: "en",
        since: "2026-11-20T00:00:00.000Z",
        until: "2026-11-26T00:00:00.000Z",
        q: "prisoners",
        limit: 50,
        cursor: null,
      },
    ]);
    const page = await res.text();
    expect(page).toContain('name="storyline" value="ceasefire" checked');
    expect(page).toContain('name="relation" value="update" checked');
    expect(page).toContain('name="q" value="prisoners"');
    expect(page).toContain('<option value="f000000000000001" selected>Example Wire</option>');
    expect(page).toContain("storyline: Russia-Ukraine ceasefire ✕");
    expect(page).toContain("feed: Example Wire ✕");
    expect(page).toContain(
      'href="/dashboard/stories?minScore=0.5&amp;relation=update&amp;framing=neutral-report&amp;feed=f000000000000001&amp;source=Other+Outlet&amp;language=en&amp;since=2026-11-20&amp;until=2026-11-25&amp;q=prisoners"',
    ); // the chip that removes the storyline
    expect(page).toMatch(
      /href="\/dashboard\/stories\?storyline=ceasefire&amp;[^"]*&amp;cursor=c2" rel="next">Older stories/,
    );
    expect(page).toContain('href="/stories?storyline=ceasefire&amp;minScore=0.5'); // the same list as JSON
  });

  it("asks the store for the next page with the cursor and offers a way back to the newest", async () => {
    const data: FakeData = { ...eventData(), listed: [] };
    const page = await (await app(data).request("/dashboard/stories?storyline=sco&cursor=c2")).text();
    expect(data.listed?.[0]).toMatchObject({ storylines: ["sco"], cursor: "c2" });
    expect(page).toContain('<a href="/dashboard/stories?storyline=sco">← Newest</a>');
  });

  it("redirects a submitted form (empty fields and all) to the short canonical address", async () => {
    const res = await app().request(
      "/dashboard/stories?q=&storyline=ceasefire&minScore=&relation=update&since=&until=",
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/dashboard/stories?storyline=ceasefire&relation=update");
    expect((await app().request("/dashboard/stories?storyline=ceasefire&relation=update")).status).toBe(200);
  });

  it("answers 400 with the form and what is wrong, and asks the store for nothing, when a filter is bad", async () => {
    const data: FakeData = { listed: [] };
    const res = await app(data).request("/dashboard/stories?minScore=high&relation=latest");
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain("These filters are not valid, so nothing is listed:");
    expect(page).toContain("minScore &quot;high&quot; is not a number from 0 to 1");
    expect(page).toContain("relation &quot;latest&quot; is not one of first, update, duplicate");
    expect(page).toContain('name="minScore" value="high"');
    expect(data.listed).toEqual([]);
  });

  it("says so when nothing matches", async () => {
    expect(await (await app().request("/dashboard/stories?q=nothing")).text()).toContain(
      "No story matches these filters.",
    );
  });
});

describe("GET /dashboard/stories/{id} and /dashboard/storylines/{id}", () => {
  it.each([
    ["/dashboard/stories/ffffffffffffffff", 'No story has the id "ffffffffffffffff"'],
    ["/dashboard/stories/not-an-id", 'No story has the id "not-an-id"'],
    ["/dashboard/storylines/unknown", 'No storyline has the id "unknown"'],
    ["/dashboard/storylines/Bad_Id", 'No storyline has the id "Bad_Id"'],
  ])("%s is a 404 page for a browser and a problem document for an API client", async (path, message) => {
    const page = await app(eventData()).request(path, { headers: { accept: "text/html,*/*" } });
    expect(page.status).toBe(404);
    expect(headerProblems(page.headers)).toEqual([]);
    expect(await page.text()).toContain(message.replaceAll('"', "&quot;"));
    const json = await createApp(fakeDeps(eventData())).request(path, { headers: { accept: "application/json" } });
    expect(json.status).toBe(404);
    expect(json.headers.get("content-type")).toBe("application/problem+json");
    expect(((await json.json()) as { detail: string }).detail).toContain(message);
  });
});

describe("GET /assets/{name}", () => {
  it.each(Object.entries(ASSETS))(
    "serves %s with its type, nosniff and a long cache for the linked version",
    async (name, asset) => {
      const current = await app().request(`/assets/${name}?v=${asset.version}`);
      expect(current.status).toBe(200);
      expect(current.headers.get("content-type")).toBe(asset.contentType);
      expect(current.headers.get("x-content-type-options")).toBe("nosniff");
      expect(current.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(await current.text()).toBe(asset.body);
      const unversioned = await app().request(`/assets/${name}`);
      expect(unversioned.headers.get("cache-control")).toBe("no-cache");
    },
  );

  it("answers 404 as a problem document for any other name", async () => {
    for (const name of ["other.js", "__proto__", "toString", "..%2Fpackage.json"]) {
      const res = await createApp(fakeDeps({})).request(`/assets/${name}`);
      expect(res.status, name).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("the script is valid JavaScript", () => {
    expect(() => new Function(ASSETS["dashboard.js"]?.body ?? "")).not.toThrow();
  });
});

describe("the OpenAPI document", () => {
  it("lists every dashboard page and the assets", () => {
    const doc = app().getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } });
    for (const path of [
      "/",
      "/dashboard",
      "/dashboard/stories",
      "/dashboard/stories/{id}",
      "/dashboard/storylines/{id}",
      "/dashboard/feeds",
    ]) {
      expect(doc.paths?.[path]?.get?.responses?.["200"], path).toBeDefined();
    }
    expect(doc.paths?.["/assets/{name}"]?.get).toBeDefined();
  });
});

describe("refreshSeconds", () => {
  it.each([
    [undefined, 30],
    ["", 30],
    ["abc", 30],
    ["-5", 30],
    ["1e3", 30],
    ["0", 0],
    ["1", 5],
    ["60", 60],
    ["999999", 3600],
  ])("%j -> %i", (query, expected) => {
    expect(refreshSeconds(query)).toBe(expected);
  });
});

describe("headerProblems (the header checker the tests rely on)", () => {
  it("flags a JSON response without security headers, and a CSP that allows inline code", () => {
    expect(headerProblems(new Headers({ "content-type": "application/json" }))).toContain(
      'content-type is "application/json"',
    );
    const loose = new Headers({
      "content-type": "text/html; charset=utf-8",
      "x-content-type-options": "nosniff",
      "content-security-policy":
        "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'",
    });
    expect(headerProblems(loose).join("\n")).toContain("CSP allows more than the app's own code");
  });
});
