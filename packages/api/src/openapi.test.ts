/**
 * The OpenAPI document validates against the OpenAPI 3.1 schema (an npm validator), lists every route the app
 * serves (walked from the app itself, so routes added later are checked too), and GET /docs shows all of it.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { startTestApp, type TestApp } from "@storywire/api/test-support/app";
import { headerProblems } from "@storywire/api/test-support/dashboard";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, OPENAPI_CONFIG } from "./app.ts";

let t: TestApp;
// biome-ignore lint/suspicious/noExplicitAny: the document is JSON
let doc: any;
beforeAll(async () => {
  t = await startTestApp();
  doc = await (await t.request("/openapi.json")).json();
});
afterAll(() => t.close());

/**
 * Sample strings a Hono path pattern's regex accepts: literals, escapes, classes, {n,m} / + / * / ? quantifiers,
 * and groups with alternatives (every alternative gives its own sample).
 */
export function samples(pattern: string): string[] {
  let i = 0;
  const sequence = (): string[] => {
    let outs = [""];
    const alternatives: string[][] = [];
    while (i < pattern.length && pattern[i] !== ")") {
      const ch = pattern[i] as string;
      if (ch === "|") {
        alternatives.push(outs);
        outs = [""];
        i++;
        continue;
      }
      let atom: string[];
      if (ch === "(") {
        i++;
        if (pattern.startsWith("?:", i)) i += 2;
        atom = sequence();
        i++; // ")"
      } else if (ch === "[") {
        const end = pattern.indexOf("]", i);
        const body = pattern.slice(i + 1, end).replace(/^\^/, "");
        atom = [body.startsWith("\\") ? (body[1] ?? "a") : (body[0] ?? "a")];
        i = end + 1;
      } else if (ch === "\\") {
        const next = pattern[i + 1] ?? "";
        atom = [next === "d" ? "0" : next === "w" ? "a" : next];
        i += 2;
      } else {
        atom = [ch === "." ? "a" : ch];
        i++;
      }
      let times = 1;
      const quant = /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(i));
      if (quant) {
        times = Math.max(1, Number(quant[1]));
        i += quant[0].length;
      } else if (pattern[i] === "+" || pattern[i] === "*" || pattern[i] === "?") {
        i++;
      }
      outs = outs.flatMap((prefix) => atom.map((a) => prefix + a.repeat(times)));
    }
    alternatives.push(outs);
    return alternatives.flat();
  };
  return sequence();
}

/** Concrete paths for a Hono route path: `:name{regex}` takes samples of the regex, `:name` a plain value. */
function concretePaths(path: string): string[] {
  let outs = [""];
  for (const segment of path.split("/").slice(1)) {
    const param = /^:[A-Za-z_]+(?:\{(.+)\})?$/.exec(segment);
    const values = param ? (param[1] ? samples(param[1]) : ["0123456789abcdef"]) : [segment];
    outs = outs.flatMap((prefix) => values.map((v) => `${prefix}/${v}`));
  }
  return outs.length > 0 ? outs : ["/"];
}

function documented(method: string, concrete: string): boolean {
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>).some(([path, item]) => {
    if (!item[method.toLowerCase()]) return false;
    const regex = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`);
    return regex.test(concrete);
  });
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe(OPENAPI_CONFIG.info.title);
  });

  it("lists every route the app serves", () => {
    const routes = t.app.routes.filter((r) => r.method !== "ALL");
    expect(routes.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const route of routes) {
      for (const concrete of concretePaths(route.path)) {
        if (!documented(route.method, concrete)) missing.push(`${route.method} ${route.path} (as ${concrete})`);
      }
    }
    expect(missing, "routes missing from the OpenAPI document: register them with app.openapi or registerPath").toEqual(
      [],
    );
  });

  it("notices a route that is not in the document", () => {
    const app = createApp(t.deps);
    app.get("/undocumented/:thing{[a-z]+\\.(?:csv|tsv)}", (c) => c.text("x"));
    const route = app.routes.find((r) => r.path.startsWith("/undocumented"));
    expect(route).toBeDefined();
    expect(concretePaths(route?.path ?? "")).toEqual(["/undocumented/a.csv", "/undocumented/a.tsv"]);
    expect(documented("GET", "/undocumented/a.csv")).toBe(false);
  });

  it.each([
    ["[0-9a-f]{16}\\.txt", ["0000000000000000.txt"]],
    ["alerts\\.(?:atom|json)", ["alerts.atom", "alerts.json"]],
    ["[A-Za-z0-9_-]{16,64}\\.(?:atom|json)", ["AAAAAAAAAAAAAAAA.atom", "AAAAAAAAAAAAAAAA.json"]],
    ["[a-z_]{1,40}", ["a"]],
  ])("samples the route pattern %s", (pattern, expected) => {
    expect(samples(pattern)).toEqual(expected);
  });
});

describe("GET /docs", () => {
  it("is one HTML page with every operation of the document, no script and nothing from outside", async () => {
    const res = await t.request("/docs");
    expect(res.status).toBe(200);
    expect(headerProblems(res.headers)).toEqual([]);
    const page = await res.text();
    // Nothing inline for the CSP to block: its one stylesheet is the app's own asset.
    expect(page).not.toMatch(/<script|<style|\sstyle=|<img|<iframe|@import|url\(/i);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//i);
    const links = [...page.matchAll(/<link [^>]*href="([^"]*)"/g)].map((m) => m[1]);
    expect(links).toEqual(["data:,", expect.stringMatching(/^\/assets\/docs\.css\?v=[0-9a-f]{12}$/)]);
    const css = await t.request(links[1] ?? "");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await css.text()).toContain(".layout");
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item)) {
        expect(page, `${method} ${path}`).toContain(
          `>${method.toUpperCase()}</span> <code>${path.replace(/&/g, "&amp;")}</code>`,
        );
      }
    }
    expect(page).toContain("minScore");
    expect(page).toContain("application/problem+json");
    expect(page.length).toBeLessThan(400_000);
  });
});
