/**
 * Property-based tests (fast-check) of URL canonicalization: idempotent; every equivalent spelling of a URL
 * (case of scheme and host, default port, percent-encoded unreserved characters, case of percent-encodings,
 * tracking parameters, fragment) has one canonical form; and canonicalization never changes the resource
 * (host, port, path segments including empty ones from duplicate slashes, and the other query parameters in
 * their order stay; only empty and nameless pieces and tracking parameters go).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalizeUrl } from "./url.ts";

const segmentChar = fc.constantFrom(..."abcXYZ019-._~!$&'()*+,;=:@".split(""), "%20", "%2F", "%C3%A9", "é");
const segment = fc.array(segmentChar, { minLength: 0, maxLength: 6 }).map((chars) => chars.join(""));
const path = fc.array(segment, { minLength: 0, maxLength: 5 }).map((segments) => `/${segments.join("/")}`);
const paramName = fc.constantFrom("q", "id", "page", "Sort", "a.b", "x~y");
const param = fc.tuple(paramName, fc.array(segmentChar, { maxLength: 5 })).map(([n, v]) => `${n}=${v.join("")}`);
const host = fc.constantFrom("news.example", "sub.news.example", "127.0.0.1", "xn--bcher-kva.example", "[::1]");
const port = fc.constantFrom("", ":8080");
const base = fc
  .record({ scheme: fc.constantFrom("http", "https"), host, port, path, params: fc.array(param, { maxLength: 4 }) })
  .map(({ scheme, host, port, path, params }) => ({
    scheme,
    host,
    port,
    path,
    params,
    url: `${scheme}://${host}${port}${path}${params.length ? `?${params.join("&")}` : ""}`,
  }));

/** Percent-encode some unreserved characters and flip the case of existing percent-encodings. */
function respell(part: string, mask: number): string {
  let i = 0;
  return part.replace(/%[0-9A-Fa-f]{2}|[A-Za-z0-9\-._~]/g, (token) => {
    i += 1;
    if (!((mask >> (i % 16)) & 1)) return token;
    if (token.startsWith("%")) return token === token.toUpperCase() ? token.toLowerCase() : token.toUpperCase();
    return `%${token.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
}

/**
 * RFC 3986 5.2.4 remove_dot_segments, written as the RFC's input-buffer loop (the oracle: an independent
 * formulation of what the implementation does with a segment stack).
 */
function rfcRemoveDotSegments(path: string): string {
  let input = path;
  let output = "";
  while (input.length > 0) {
    if (input.startsWith("../")) input = input.slice(3);
    else if (input.startsWith("./")) input = input.slice(2);
    else if (input.startsWith("/./")) input = input.slice(2);
    else if (input === "/.") input = "/";
    else if (input.startsWith("/../")) {
      input = input.slice(3);
      output = output.slice(0, Math.max(0, output.lastIndexOf("/")));
    } else if (input === "/..") {
      input = "/";
      output = output.slice(0, Math.max(0, output.lastIndexOf("/")));
    } else if (input === "." || input === "..") input = "";
    else {
      const next = input.indexOf("/", input.startsWith("/") ? 1 : 0);
      const end = next === -1 ? input.length : next;
      output += input.slice(0, end);
      input = input.slice(end);
    }
  }
  return output;
}

/** The resource a URL names as a server sees it, spelling aside. */
function resource(href: string): { host: string; port: string; segments: string[]; params: string[] } {
  const url = new URL(href);
  const decode = (part: string) =>
    part
      .replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => `%${hex.toUpperCase()}`)
      .replace(/%(4[1-9A-F]|5[0-9A]|6[1-9A-F]|7[0-9A]|3[0-9]|2D|2E|5F|7E)/g, (_m, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      );
  return {
    host: url.hostname,
    port: url.port,
    segments: rfcRemoveDotSegments(url.pathname.split("/").map(decode).join("/")).split("/"),
    params: url.search
      .slice(1)
      .split("&")
      // Empty pieces and pieces without a name ("?&=x") are dropped by design; tracking parameters too.
      .filter((p) => p !== "" && !p.startsWith("=") && !/^(utm_|fbclid|gclid)/i.test(p))
      .map(decode),
  };
}

describe("canonicalizeUrl (fast-check)", () => {
  it("is idempotent", () => {
    fc.assert(
      fc.property(base, ({ url }) => {
        const once = canonicalizeUrl(url);
        expect(once).not.toBeNull();
        expect(canonicalizeUrl(once as string)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it("gives every equivalent spelling the same canonical form", () => {
    fc.assert(
      fc.property(
        base,
        fc.integer({ min: 0, max: 0xffff }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom("", "#top", "#section-2"),
        ({ scheme, host, port, path, params }, mask, upper, tracking, fragment) => {
          const defaultPort = port === "" && upper ? (scheme === "http" ? ":80" : ":443") : port;
          const query = [...params.map((p) => respell(p, mask)), ...(tracking ? ["utm_source=rss", "fbclid=x1"] : [])];
          const spelled = `${upper ? scheme.toUpperCase() : scheme}://${upper ? host.toUpperCase() : host}${defaultPort}${respell(path, mask)}${query.length ? `?${query.join("&")}` : ""}${fragment}`;
          const original = `${scheme}://${host}${port}${path}${params.length ? `?${params.join("&")}` : ""}`;
          expect(canonicalizeUrl(spelled)).toBe(canonicalizeUrl(original));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never changes the resource: host, port, every path segment (empty ones too) and the other parameters stay", () => {
    fc.assert(
      fc.property(base, fc.boolean(), ({ url }, tracking) => {
        const input = tracking ? `${url}${url.includes("?") ? "&" : "?"}utm_medium=feed` : url;
        const canonical = canonicalizeUrl(input) as string;
        expect(resource(canonical)).toEqual(resource(url));
      }),
      { numRuns: 500 },
    );
  });

  it("removes dot segments once, also where Node's parser leaves one (a counterexample fast-check found)", () => {
    expect(canonicalizeUrl("http://news.example//.a/.")).toBe("http://news.example//.a/");
    expect(canonicalizeUrl("http://news.example//%2Ea/%2E")).toBe("http://news.example//.a/");
    expect(canonicalizeUrl("http://news.example/a/b/%2E%2E/c")).toBe("http://news.example/a/c");
  });

  it("decodes %65tag (RFC 3986 6.2.2.2) and keeps duplicate slashes", () => {
    expect(canonicalizeUrl("https://news.example/%65tag/feed.xml")).toBe("https://news.example/etag/feed.xml");
    expect(canonicalizeUrl("https://news.example/a%2fb/%7euser/%c3%a9")).toBe(
      "https://news.example/a%2Fb/~user/%C3%A9",
    );
    expect(canonicalizeUrl("https://news.example//feeds//world.xml")).toBe("https://news.example//feeds//world.xml");
  });
});
