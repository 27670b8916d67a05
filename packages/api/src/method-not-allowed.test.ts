/**
 * Routing: a path that names a fixed sub-resource (`/feeds/import`, `/feeds/export.opml`, `/storylines/compile`) is
 * never taken for the id of the parameter route beside it, whatever the method and whatever the key: it answers
 * 405 with the methods it serves in `Allow`. Checked over every fixed path the app routes, so a route added later is
 * held to the same rule. And no id may take a fixed path's name.
 */

import { fakeDeps } from "@storywire/api/test-support/dashboard";
import { RESERVED_STORYLINE_IDS } from "@storywire/core";
import { describe, expect, it } from "vitest";
import { createApp } from "./app.ts";

const deps = fakeDeps({});
const app = createApp(deps);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const KEYS = {
  "no key": {},
  "the admin key": { authorization: `Bearer ${deps.adminKey}` },
  "a wrong key": { authorization: "Bearer not-a-key-0123456789" },
};

/** Every path the app routes without a parameter, with the methods routed on it. */
function fixedPaths(): Map<string, string[]> {
  const fixed = new Map<string, string[]>();
  for (const route of app.routes) {
    if (route.method === "ALL" || /[:*]/.test(route.path)) continue;
    fixed.set(route.path, [...(fixed.get(route.path) ?? []), route.method]);
  }
  return fixed;
}

describe("fixed paths are never ids", () => {
  const cases = [...fixedPaths()].flatMap(([path, methods]) =>
    METHODS.filter((m) => !methods.includes(m)).flatMap((method) =>
      Object.entries(KEYS).map(([key, headers]) => ({ path, method, methods, key, headers })),
    ),
  );

  it("finds the fixed paths a parameter route could take for an id", () => {
    const paths = [...fixedPaths().keys()];
    expect(paths).toEqual(expect.arrayContaining(["/feeds/import", "/feeds/export.opml", "/storylines/compile"]));
  });

  it.each(cases)(
    "$method $path with $key: 405, Allow the path's own methods",
    async ({ path, method, methods, headers }) => {
      const res = await app.request(path, {
        method,
        headers: { ...headers, "content-type": "application/json" },
        ...(method === "GET" ? {} : { body: "{}" }),
      });
      expect(res.status).toBe(405);
      const allow = (res.headers.get("allow") ?? "").split(", ").sort();
      expect(allow).toEqual([...new Set([...methods, ...(methods.includes("GET") ? ["HEAD"] : [])])].sort());
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const listed = (res.headers.get("allow") ?? "").replace(/, /g, " or ");
      expect(((await res.json()) as { detail: string }).detail).toBe(
        `${method} is not allowed on ${path}; use ${listed}.`,
      );
    },
  );

  it("GET /feeds/import and GET /storylines/compile are 405s that allow POST", async () => {
    for (const path of ["/feeds/import", "/storylines/compile"]) {
      const res = await app.request(path, { headers: KEYS["the admin key"] });
      expect(res.status, path).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
    }
  });

  it("the parameter routes still answer their own ids", async () => {
    const feed = await app.request("/feeds/0123456789abcdef", { method: "PUT" });
    expect(feed.status).toBe(405);
    expect(feed.headers.get("allow")?.split(", ").sort()).toEqual(["DELETE", "GET", "HEAD", "PATCH"]);
    expect((await app.request("/feeds/0123456789abcdef")).status).toBe(404);
  });

  it("no storyline may take the name of a fixed path under /storylines/", () => {
    const names = [...fixedPaths().keys()]
      .filter((path) => /^\/storylines\/[^/]+$/.test(path))
      .map((path) => path.split("/")[2]);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(RESERVED_STORYLINE_IDS).toContain(name);
  });
});

describe("401 answers carry the Bearer challenge (RFC 9110 section 15.5.2, RFC 6750)", () => {
  it.each([
    ["POST", "/feeds"],
    ["GET", "/subscriptions"],
    ["GET", "/storylines/sco"],
    ["POST", "/feeds/import"],
    ["DELETE", "/feeds/0123456789abcdef"],
  ])("%s %s without a key", async (method, path) => {
    const res = await app.request(path, { method });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="Storywire"');
  });

  it("a key that is not valid: error=invalid_token", async () => {
    const res = await app.request("/feeds", { method: "POST", headers: KEYS["a wrong key"] });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="Storywire", error="invalid_token"');
  });

  it("no other status carries a challenge", async () => {
    expect((await app.request("/nowhere")).headers.get("www-authenticate")).toBeNull();
  });
});
