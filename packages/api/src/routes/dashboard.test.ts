import { OpenAPIHono } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { fakeDeps, HOSTILE, headerProblems, makeFeed, makeStory, markupProblems } from "../dashboard/test-support.ts";
import { refreshSeconds, registerDashboardRoutes } from "./dashboard.ts";

function app() {
  const hono = new OpenAPIHono();
  registerDashboardRoutes(
    hono,
    fakeDeps({
      feeds: [makeFeed({ status: "failing", lastError: HOSTILE.error })],
      stories: [makeStory({ title: HOSTILE.title, url: "javascript:alert(1)" })],
    }),
  );
  return hono;
}

describe("GET / and GET /dashboard", () => {
  it.each(["/", "/dashboard"])("%s answers an escaped HTML page with a strict CSP", async (path) => {
    const res = await app().request(path);
    expect(res.status).toBe(200);
    expect(headerProblems(res.headers)).toEqual([]);
    const page = await res.text();
    expect(markupProblems(page)).toEqual([]);
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page).not.toContain("javascript:alert(1)");
  });

  it.each([
    ["", '<meta http-equiv="refresh" content="30">'],
    ["?refresh=90", '<meta http-equiv="refresh" content="90">'],
  ])("reloads as ?refresh%s says", async (query, meta) => {
    expect(await (await app().request(`/${query}`)).text()).toContain(meta);
  });

  it("does not reload with ?refresh=0", async () => {
    expect(await (await app().request("/?refresh=0")).text()).not.toContain("http-equiv");
  });

  it("is listed in the OpenAPI document as text/html", () => {
    const hono = app();
    const doc = hono.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } });
    for (const path of ["/", "/dashboard"]) expect(doc.paths?.[path]?.get?.responses?.["200"]).toBeDefined();
  });
});

describe("headerProblems (the header checker the tests rely on)", () => {
  it("flags a JSON response without security headers", () => {
    expect(headerProblems(new Headers({ "content-type": "application/json" }))).toEqual([
      'content-type is "application/json"',
      "CSP lacks default-src 'none'",
      "CSP lacks style-src 'unsafe-inline'",
      "CSP lacks img-src 'self' data:",
      "x-content-type-options is not nosniff",
    ]);
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
