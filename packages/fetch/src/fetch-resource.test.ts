import net from "node:net";
import zlib from "node:zlib";
import {
  fakeResolver,
  serversClosedAfterEach,
  startServer,
  type TestServer,
  TLS_CERT,
} from "@storywire/fetch/test-support/servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AbortedError,
  BlockedAddressError,
  DecodeError,
  HttpStatusError,
  NetworkError,
  RedirectDowngradeError,
  TimeoutError,
  TlsError,
  TooLargeError,
  TooManyRedirectsError,
  UnsupportedEncodingError,
  UnsupportedSchemeError,
} from "./errors.ts";
import { type FetchResult, type FetchSuccess, fetchResource } from "./fetch-resource.ts";

/** Tests talk to loopback servers: the guard is switched off unless a test is about the guard. */
const LOCAL = { allowPrivateNetworks: true } as const;
const MiB = 1024 * 1024;

function ok(result: FetchResult): FetchSuccess {
  if (result.notModified) throw new Error("expected a 2xx result");
  return result;
}

const serve = serversClosedAfterEach();

describe("fetchResource: basics and conditional GET", () => {
  it("returns body, final URL, lowercased headers and parsed metadata; sends a Storywire User-Agent", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, {
        "Content-Type": 'application/rss+xml; charset="Windows-1251"',
        ETag: '"v1"',
        "Last-Modified": "Tue, 15 Nov 1994 12:45:26 GMT",
        "Cache-Control": "public, max-age=600",
        "X-Custom": "yes",
      });
      res.end("<rss/>");
    });
    const result = ok(await fetchResource(`${server.origin}/feed.xml`, LOCAL));
    expect(result.status).toBe(200);
    expect(result.url).toBe(`${server.origin}/feed.xml`);
    expect(result.body.toString()).toBe("<rss/>");
    expect(result.contentType).toBe("application/rss+xml");
    expect(result.charset).toBe("windows-1251");
    expect(result.etag).toBe('"v1"');
    expect(result.lastModified).toBe("Tue, 15 Nov 1994 12:45:26 GMT");
    expect(result.maxAgeMs).toBe(600_000);
    expect(result.retryAfterMs).toBeNull();
    expect(result.permanentRedirect).toBeNull();
    expect(result.headers["x-custom"]).toBe("yes");
    const sent = server.requests[0]?.headers;
    expect(sent?.["user-agent"]).toBe("Storywire/0.1.0 (+https://github.com/storywire/storywire)");
    expect(sent?.["accept-encoding"]).toBe("gzip, deflate, br");
  });

  it("lets the caller set the User-Agent and Accept", async () => {
    const server = await serve((_req, res) => res.end("x"));
    await fetchResource(server.origin, { ...LOCAL, userAgent: "Storywire/9 (test)", accept: "application/atom+xml" });
    expect(server.requests[0]?.headers["user-agent"]).toBe("Storywire/9 (test)");
    expect(server.requests[0]?.headers.accept).toBe("application/atom+xml");
  });

  it("304 with the stored ETag is a success with nothing to parse (BAD-INPUTS 14)", async () => {
    const server = await serve((req, res) => {
      if (
        req.headers["if-none-match"] === '"abc"' &&
        req.headers["if-modified-since"] === "Wed, 21 Oct 2015 07:28:00 GMT"
      ) {
        res.writeHead(304, { ETag: '"abc"', "Cache-Control": "max-age=60" });
        res.end();
        return;
      }
      res.writeHead(200, { ETag: '"abc"' });
      res.end("full body");
    });
    const result = await fetchResource(`${server.origin}/feed`, {
      ...LOCAL,
      etag: '"abc"',
      lastModified: "Wed, 21 Oct 2015 07:28:00 GMT",
    });
    expect(result.status).toBe(304);
    expect(result.notModified).toBe(true);
    expect("body" in result).toBe(false);
    expect(result.etag).toBe('"abc"');
    expect(result.maxAgeMs).toBe(60_000);

    const fresh = ok(await fetchResource(`${server.origin}/feed`, LOCAL));
    expect(fresh.body.toString()).toBe("full body");
  });
});

describe("fetchResource: HTTP status errors (BAD-INPUTS 15, 16)", () => {
  it("throws HttpStatusError with status, Retry-After and retryability", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/gone") res.writeHead(410);
      else if (req.url === "/busy") res.writeHead(503, { "Retry-After": "120" });
      else if (req.url === "/slow-down") res.writeHead(429, { "Retry-After": "Fri, 31 Dec 1999 23:59:59 GMT" });
      else if (req.url === "/junk") res.writeHead(503, { "Retry-After": "soon-ish" });
      else res.writeHead(404);
      res.end("error page that must not be kept");
    });
    const gone = (await fetchResource(`${server.origin}/gone`, LOCAL).catch((e: unknown) => e)) as HttpStatusError;
    expect(gone).toBeInstanceOf(HttpStatusError);
    expect(gone.status).toBe(410);
    expect(gone.gone).toBe(true);
    expect(gone.retryable).toBe(false);
    expect(gone.code).toBe("http_status");
    expect(gone.message).toContain("HTTP 410");

    const busy = (await fetchResource(`${server.origin}/busy`, LOCAL).catch((e: unknown) => e)) as HttpStatusError;
    expect(busy.status).toBe(503);
    expect(busy.retryAfterMs).toBe(120_000);
    expect(busy.retryable).toBe(true);

    const past = (await fetchResource(`${server.origin}/slow-down`, LOCAL).catch((e: unknown) => e)) as HttpStatusError;
    expect(past.status).toBe(429);
    expect(past.retryAfterMs).toBe(1_000); // a date in the past: clamped to the 1 s floor

    const junk = (await fetchResource(`${server.origin}/junk`, LOCAL).catch((e: unknown) => e)) as HttpStatusError;
    expect(junk.retryAfterMs).toBeNull();

    const missing = (await fetchResource(`${server.origin}/x`, LOCAL).catch((e: unknown) => e)) as HttpStatusError;
    expect(missing.status).toBe(404);
    expect(JSON.stringify(missing)).not.toContain("error page");
  });
});

describe("fetchResource: content decoding (BAD-INPUTS 9, 10)", () => {
  const text = "Ceasefire talks resumed on Tuesday. ".repeat(200);

  it.each([
    ["gzip", zlib.gzipSync(text)],
    ["x-gzip", zlib.gzipSync(text)],
    ["deflate", zlib.deflateSync(text)],
    ["deflate", zlib.deflateRawSync(text)], // raw deflate, as some servers send it
    ["br", zlib.brotliCompressSync(text)],
    ["identity", Buffer.from(text)],
  ])("decodes Content-Encoding: %s", async (encoding, payload) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "Content-Encoding": encoding, "Content-Type": "text/plain" });
      res.end(payload);
    });
    const result = ok(await fetchResource(server.origin, LOCAL));
    expect(result.body.toString()).toBe(text);
  });

  it("aborts a gzip bomb (50 KB -> 50 MB) at the decoded cap with bounded memory", async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(50 * MiB), { level: 9 });
    expect(bomb.length).toBeLessThan(100 * 1024);
    const server = await serve((_req, res) => {
      res.writeHead(200, { "Content-Encoding": "gzip", "Content-Length": String(bomb.length) });
      res.end(bomb);
    });
    const baseline = process.memoryUsage().arrayBuffers;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    }, 2);
    const started = Date.now();
    const error = (await fetchResource(server.origin, LOCAL).catch((e: unknown) => e)) as TooLargeError;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    expect(error).toBeInstanceOf(TooLargeError);
    expect(error.kind).toBe("decoded");
    expect(error.limitBytes).toBe(10 * MiB);
    // Stopped at the cap (plus at most one zlib output chunk), not after inflating 50 MB.
    expect(error.observedBytes).toBeLessThanOrEqual(10 * MiB + 64 * 1024);
    expect(peak - baseline).toBeLessThan(30 * MiB);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("honours a smaller decoded cap", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "Content-Encoding": "br" });
      res.end(zlib.brotliCompressSync(Buffer.alloc(5 * MiB, 0x61)));
    });
    const error = (await fetchResource(server.origin, { ...LOCAL, maxBytes: MiB }).catch(
      (e: unknown) => e,
    )) as TooLargeError;
    expect(error).toBeInstanceOf(TooLargeError);
    expect(error.kind).toBe("decoded");
    expect(error.message).toContain("decompresses to more bytes than the limit of 1048576 bytes");
  });

  it.each(["gzip, gzip", "gzip,gzip,gzip,gzip", "gzip, br", "compress", "zstd"])(
    "refuses Content-Encoding: %s",
    async (encoding) => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { "Content-Encoding": encoding });
        res.end(zlib.gzipSync(zlib.gzipSync("x")));
      });
      const error = await fetchResource(server.origin, LOCAL).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsupportedEncodingError);
      expect((error as UnsupportedEncodingError).code).toBe("unsupported_encoding");
    },
  );

  it("refuses repeated Content-Encoding header lines too", async () => {
    const server = await serve((_req, res) => {
      res.setHeader("Content-Encoding", ["gzip", "gzip"]);
      res.end(zlib.gzipSync(zlib.gzipSync("x")));
    });
    await expect(fetchResource(server.origin, LOCAL)).rejects.toBeInstanceOf(UnsupportedEncodingError);
  });

  it("reports a corrupt compressed body as DecodeError", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "Content-Encoding": "gzip" });
      res.end(Buffer.from("this is not gzip at all, not even close"));
    });
    const error = await fetchResource(server.origin, LOCAL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecodeError);
  });

  it("reports a corrupt brotli body as DecodeError", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "Content-Encoding": "br" });
      res.end(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x01, 0x02]));
    });
    await expect(fetchResource(server.origin, LOCAL)).rejects.toBeInstanceOf(DecodeError);
  });
});

describe("fetchResource: size caps (BAD-INPUTS 11)", () => {
  it("rejects a 10 GB Content-Length up front", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "Content-Length": String(10 * 1024 * MiB) });
      res.write(Buffer.alloc(1024));
      // never finishes: the client must not wait for it
    });
    const started = Date.now();
    const error = (await fetchResource(server.origin, LOCAL).catch((e: unknown) => e)) as TooLargeError;
    expect(error).toBeInstanceOf(TooLargeError);
    expect(error.kind).toBe("content-length");
    expect(error.observedBytes).toBe(10 * 1024 * MiB);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("aborts an endless chunked body at the cap and closes the connection", async () => {
    let closed = false;
    let sent = 0;
    const server = await serve((_req, res) => {
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) sent += chunk.length;
      };
      res.on("drain", pump);
      res.on("close", () => {
        closed = true;
      });
      res.writeHead(200, { "Content-Type": "application/xml" });
      pump();
    });
    const error = (await fetchResource(server.origin, LOCAL).catch((e: unknown) => e)) as TooLargeError;
    expect(error).toBeInstanceOf(TooLargeError);
    expect(error.kind).toBe("raw");
    expect(error.limitBytes).toBe(10 * MiB);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(true);
    expect(sent).toBeLessThan(40 * MiB);
  });

  it("caps wire bytes separately (maxRawBytes)", async () => {
    const server = await serve((_req, res) => res.end(Buffer.alloc(300 * 1024)));
    const error = (await fetchResource(server.origin, { ...LOCAL, maxRawBytes: 100 * 1024 }).catch(
      (e: unknown) => e,
    )) as TooLargeError;
    expect(error).toBeInstanceOf(TooLargeError);
    expect(["content-length", "raw"]).toContain(error.kind);
  });
});

describe("fetchResource: timeouts (BAD-INPUTS 12, 13)", () => {
  it("kills a 1-byte-at-a-time body with the total deadline (the idle timer never fires)", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write("x"), 50);
      res.on("close", () => clearInterval(timer));
    });
    const started = Date.now();
    const error = (await fetchResource(server.origin, { ...LOCAL, timeoutMs: 300 }).catch(
      (e: unknown) => e,
    )) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.phase).toBe("total");
    expect(error.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("kills a 1 byte / 500 ms body with the total deadline", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200);
      res.write("x");
      const timer = setInterval(() => res.write("x"), 500);
      res.on("close", () => clearInterval(timer));
    });
    const started = Date.now();
    const error = (await fetchResource(server.origin, { ...LOCAL, timeoutMs: 300 }).catch(
      (e: unknown) => e,
    )) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("a server that accepts but never answers hits the headers timeout", async () => {
    const server = await serve(() => {
      /* never respond */
    });
    const started = Date.now();
    const error = (await fetchResource(server.origin, { ...LOCAL, headersTimeoutMs: 200 }).catch(
      (e: unknown) => e,
    )) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.phase).toBe("headers");
    expect(error.message).toContain("sent no response headers within 200 ms");
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("a handshake that never completes hits the connect timeout", async () => {
    // Accepts TCP, never speaks TLS: the TLS handshake never completes, so the connection never counts as made.
    const sockets: net.Socket[] = [];
    const tcp = net.createServer((socket) => {
      sockets.push(socket);
      socket.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", resolve));
    const port = (tcp.address() as net.AddressInfo).port;
    try {
      const started = Date.now();
      const error = (await fetchResource(`https://127.0.0.1:${port}/`, { ...LOCAL, connectTimeoutMs: 200 }).catch(
        (e: unknown) => e,
      )) as TimeoutError;
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.phase).toBe("connect");
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => tcp.close(resolve));
    }
  });

  it("the caller's AbortSignal cancels the request", async () => {
    const server = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await fetchResource(server.origin, { ...LOCAL, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
  });

  it("connection refused is a retryable NetworkError", async () => {
    const server = await startServer(() => undefined);
    const origin = server.origin;
    await server.close();
    const error = (await fetchResource(origin, LOCAL).catch((e: unknown) => e)) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.errno).toBe("ECONNREFUSED");
    expect(error.retryable).toBe(true);
  });
});

describe("fetchResource: redirects (BAD-INPUTS 7)", () => {
  it("follows redirects, reports the final URL and a permanent redirect", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/old") res.writeHead(301, { Location: "/moved" });
      else if (req.url === "/moved") res.writeHead(308, { Location: "/final" });
      else if (req.url === "/temp") res.writeHead(302, { Location: "/old" });
      else if (req.url === "/perm-then-temp") res.writeHead(301, { Location: "/temp2" });
      else if (req.url === "/temp2") res.writeHead(307, { Location: "/final" });
      else res.writeHead(200);
      res.end(req.url === "/final" ? "final" : "");
    });
    const moved = ok(await fetchResource(`${server.origin}/old`, LOCAL));
    expect(moved.url).toBe(`${server.origin}/final`);
    expect(moved.body.toString()).toBe("final");
    expect(moved.permanentRedirect).toBe(`${server.origin}/final`);
    expect(moved.redirectChain).toEqual([`${server.origin}/old`, `${server.origin}/moved`, `${server.origin}/final`]);

    // A temporary hop first: the stored URL must not change.
    const temp = ok(await fetchResource(`${server.origin}/temp`, LOCAL));
    expect(temp.url).toBe(`${server.origin}/final`);
    expect(temp.permanentRedirect).toBeNull();

    // Permanent, then temporary: the feed moved to the first target.
    const mixed = ok(await fetchResource(`${server.origin}/perm-then-temp`, LOCAL));
    expect(mixed.permanentRedirect).toBe(`${server.origin}/temp2`);
  });

  it("stops a redirect loop after 5 hops", async () => {
    const server = await serve((req, res) => {
      res.writeHead(302, { Location: req.url === "/a" ? "/b" : "/a" });
      res.end();
    });
    const error = (await fetchResource(`${server.origin}/a`, LOCAL).catch((e: unknown) => e)) as TooManyRedirectsError;
    expect(error).toBeInstanceOf(TooManyRedirectsError);
    expect(error.chain).toHaveLength(6);
    expect(server.requests).toHaveLength(6); // the original request + 5 followed redirects
  });

  it("follows exactly 5 redirects", async () => {
    const server = await serve((req, res) => {
      const n = Number(req.url?.slice(1));
      if (n < 5) res.writeHead(302, { Location: `/${n + 1}` });
      res.end(String(n));
    });
    expect(ok(await fetchResource(`${server.origin}/0`, LOCAL)).body.toString()).toBe("5");
  });

  it("drops Authorization and Cookie when a redirect leaves the origin", async () => {
    const second = await serve((_req, res) => res.end("ok"));
    const first = await serve((_req, res) => {
      res.writeHead(302, { Location: `${second.origin}/` });
      res.end();
    });
    await fetchResource(first.origin, {
      ...LOCAL,
      headers: { Authorization: "Bearer t", Cookie: "a=b", "X-Trace": "1" },
    });
    expect(first.requests[0]?.headers.authorization).toBe("Bearer t");
    expect(second.requests[0]?.headers.authorization).toBeUndefined();
    expect(second.requests[0]?.headers.cookie).toBeUndefined();
    expect(second.requests[0]?.headers["x-trace"]).toBe("1");
  });

  describe("with the guard ON (a loopback server stands in for a public host)", () => {
    let internal: TestServer; // must never be reached
    let publicSite: TestServer;
    let guard: Parameters<typeof fetchResource>[1];

    beforeAll(async () => {
      internal = await startServer((_req, res) => res.end("internal secret"), { host: "127.0.0.2" });
      publicSite = await startServer((req, res) => {
        const targets: Record<string, string> = {
          "/to-literal": `http://127.0.0.2:${internal.port}/admin`,
          "/to-metadata": "http://169.254.169.254/latest/meta-data/",
          "/to-name": `http://internal.example:${internal.port}/admin`,
          "/to-mapped": `http://[::ffff:127.0.0.2]:${internal.port}/`,
          "/to-decimal": `http://2130706434:${internal.port}/`,
          "/perm-to-private": `http://127.0.0.2:${internal.port}/feed`,
          "/to-file": "file:///etc/passwd",
          "/to-userinfo": `http://u:p@feeds.example:${publicSite.port}/ok`,
        };
        const target = targets[req.url ?? ""];
        if (target) res.writeHead(req.url === "/perm-to-private" ? 301 : 302, { Location: target });
        res.end(target ? "" : "public content");
      });
      guard = {
        allowPrivateNetworks: false,
        allowAddresses: ["127.0.0.1"], // the "public" site only; 127.0.0.2 stays private
        lookup: fakeResolver({ "feeds.example": ["127.0.0.1"], "internal.example": ["127.0.0.2"] }),
      };
    });
    afterAll(async () => {
      await internal.close();
      await publicSite.close();
    });

    it("reaches the stand-in public host", async () => {
      const result = ok(await fetchResource(`http://feeds.example:${publicSite.port}/`, guard));
      expect(result.body.toString()).toBe("public content");
    });

    it.each(["/to-literal", "/to-metadata", "/to-name", "/to-mapped", "/to-decimal", "/perm-to-private"])(
      "blocks the private hop %s; the internal server is never contacted",
      async (path) => {
        const error = (await fetchResource(`http://feeds.example:${publicSite.port}${path}`, guard).catch(
          (e: unknown) => e,
        )) as BlockedAddressError;
        expect(error).toBeInstanceOf(BlockedAddressError);
        expect(error.message).toContain("Storywire only fetches public addresses");
        expect(internal.connections).toBe(0);
      },
    );

    it("names the hop that was blocked", async () => {
      const error = (await fetchResource(`http://feeds.example:${publicSite.port}/to-name`, guard).catch(
        (e: unknown) => e,
      )) as BlockedAddressError;
      expect(error.url).toBe(`http://internal.example:${internal.port}/admin`);
      expect(error.resolved).toBe(true);
      expect(error.address).toBe("127.0.0.2");
    });

    it("a refused redirect target is named in the error, not the page that redirected", async () => {
      const error = (await fetchResource(`http://feeds.example:${publicSite.port}/to-literal`, guard).catch(
        (e: unknown) => e,
      )) as BlockedAddressError;
      expect(error.url).toBe(`http://127.0.0.2:${internal.port}/admin`);
      expect(error.resolved).toBe(false);
      expect(error.message).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/admin points to a loopback address \(127\.0\.0\.2\)/);
    });

    it("refuses redirects to other schemes and to URLs with credentials", async () => {
      await expect(fetchResource(`http://feeds.example:${publicSite.port}/to-file`, guard)).rejects.toBeInstanceOf(
        UnsupportedSchemeError,
      );
      await expect(fetchResource(`http://feeds.example:${publicSite.port}/to-userinfo`, guard)).rejects.toThrow(
        /user name or password/,
      );
    });
  });

  describe("https", () => {
    const lookup = fakeResolver({ "secure.example": ["127.0.0.1"] });
    const tlsOptions = { ...LOCAL, lookup, ca: TLS_CERT };

    it("fetches over https with a trusted CA", async () => {
      const server = await serve((_req, res) => res.end("tls ok"), { tls: true });
      const result = ok(await fetchResource(`https://secure.example:${server.port}/`, tlsOptions));
      expect(result.body.toString()).toBe("tls ok");
    });

    it("rejects an https -> http redirect without following it", async () => {
      const plain = await serve((_req, res) => res.end("plain"));
      const server = await serve(
        (_req, res) => {
          res.writeHead(301, { Location: `http://secure.example:${plain.port}/feed` });
          res.end();
        },
        { tls: true },
      );
      const error = await fetchResource(`https://secure.example:${server.port}/feed`, tlsOptions).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RedirectDowngradeError);
      expect((error as RedirectDowngradeError).code).toBe("redirect_downgrade");
      expect(plain.connections).toBe(0);
    });

    it("an untrusted certificate is a TlsError", async () => {
      const server = await serve((_req, res) => res.end("x"), { tls: true });
      const error = await fetchResource(`https://secure.example:${server.port}/`, { ...LOCAL, lookup }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TlsError);
    });
  });
});
