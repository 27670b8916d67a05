import { fakeResolver, startServer, type TestServer } from "@storywire/fetch/test-support/servers";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  BlockedAddressError,
  CredentialsInUrlError,
  DnsError,
  InvalidUrlError,
  UnsupportedSchemeError,
} from "./errors.ts";
import { fetchResource } from "./fetch-resource.ts";
import { postJson } from "./post-json.ts";
import { checkUrlSyntax, validatePublicUrl } from "./ssrf.ts";

const GUARD_ON = { allowPrivateNetworks: false } as const;

describe("checkUrlSyntax (no network)", () => {
  // BAD-INPUTS 1-4: IP literals, classified by their canonical form.
  const blocked: Array<[string, string]> = [
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254"],
    ["http://2130706433/", "127.0.0.1"],
    ["http://0177.0.0.1/", "127.0.0.1"],
    ["http://0x7f.1/", "127.0.0.1"],
    ["http://127.1/", "127.0.0.1"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
    ["http://[::1]/", "::1"],
    ["http://[fd00::1]/", "fd00::1"],
    ["http://[fe80::1]/", "fe80::1"],
    ["http://[64:ff9b::a9fe:a9fe]/", "64:ff9b::a9fe:a9fe"],
    ["http://0.0.0.0/", "0.0.0.0"],
    ["http://10.0.0.1/feed", "10.0.0.1"],
    ["http://100.64.1.1/", "100.64.1.1"],
    ["http://127.0.0.1:8080/", "127.0.0.1"],
    ["http://172.16.5.4/", "172.16.5.4"],
    ["http://192.0.0.170/", "192.0.0.170"],
    ["http://192.168.0.1/", "192.168.0.1"],
    ["http://198.18.0.1/", "198.18.0.1"],
    ["http://224.0.0.1/", "224.0.0.1"],
    ["http://240.0.0.1/", "240.0.0.1"],
    ["http://255.255.255.255/", "255.255.255.255"],
    ["http://[::]/", "::"],
    ["http://[fc00::1]/", "fc00::1"],
    ["http://[ff02::1]/", "ff02::1"],
    ["https://[::ffff:a9fe:a9fe]/", "::ffff:a9fe:a9fe"],
    ["http://[2002:a9fe:a9fe::]/", "2002:a9fe:a9fe::"],
    ["http://localhost/", "localhost"],
    ["http://LOCALHOST./", "localhost"],
    ["http://api.localhost:3000/", "api.localhost"],
  ];

  it.each(blocked)("%s is refused as %s", (url, address) => {
    let error: unknown;
    try {
      checkUrlSyntax(url, GUARD_ON);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BlockedAddressError);
    const blockedError = error as BlockedAddressError;
    expect(blockedError.address).toBe(address);
    expect(blockedError.code).toBe("blocked_address");
    expect(blockedError.retryable).toBe(false);
    expect(blockedError.message).toContain("Storywire only fetches public addresses");
    expect(blockedError.message).toContain("STORYWIRE_ALLOW_PRIVATE_NETWORKS=1");
  });

  it("writes the message the user sees", () => {
    expect(() => checkUrlSyntax("http://10.0.0.1/feed", GUARD_ON)).toThrow(
      "http://10.0.0.1/feed points to a private network address (10.0.0.1); Storywire only fetches public addresses. " +
        "Set STORYWIRE_ALLOW_PRIVATE_NETWORKS=1 for local testing.",
    );
  });

  // BAD-INPUTS 6: schemes and userinfo, refused with the guard on AND off.
  const badSchemes = [
    "file:///etc/passwd",
    "ftp://example.com/feed",
    "gopher://example.com/",
    "data:text/xml,<rss/>",
    "javascript:alert(1)",
    "ws://example.com/",
  ];
  for (const allowPrivateNetworks of [false, true]) {
    it.each(badSchemes)(`%s is refused (allowPrivateNetworks=${allowPrivateNetworks})`, (url) => {
      expect(() => checkUrlSyntax(url, { allowPrivateNetworks })).toThrow(UnsupportedSchemeError);
    });
    it(`userinfo is refused (allowPrivateNetworks=${allowPrivateNetworks})`, () => {
      for (const url of ["http://u:p@example.com/", "https://user@example.com/feed", "http://:secret@example.com/"]) {
        expect(() => checkUrlSyntax(url, { allowPrivateNetworks })).toThrow(CredentialsInUrlError);
      }
    });
  }

  it("never repeats credentials in the message", () => {
    expect(() => checkUrlSyntax("http://alice:hunter2@example.com/")).toThrow(/^http:\/\/\*\*\*@example\.com\//);
    try {
      checkUrlSyntax("http://alice:hunter2@example.com/");
    } catch (error) {
      expect(String((error as Error).message)).not.toContain("hunter2");
    }
  });

  it("refuses junk and overlong URLs as InvalidUrlError", () => {
    expect(() => checkUrlSyntax("not a url")).toThrow(InvalidUrlError);
    expect(() => checkUrlSyntax("/relative/feed.xml")).toThrow(InvalidUrlError);
    expect(() => checkUrlSyntax(`https://example.com/${"a".repeat(100_000)}`)).toThrow(/longer than 2048/);
  });

  it("accepts public addresses and names", () => {
    for (const url of [
      "http://93.184.216.34/",
      "https://[2606:4700::1]/feed",
      "https://example.com/feed.xml",
      "http://localhost.example.com/",
    ]) {
      expect(checkUrlSyntax(url, GUARD_ON).href).toBe(new URL(url).href);
    }
  });

  it("with the guard off, private IP literals pass but schemes and userinfo do not", () => {
    expect(checkUrlSyntax("http://127.0.0.1:8080/feed", { allowPrivateNetworks: true }).host).toBe("127.0.0.1:8080");
    expect(checkUrlSyntax("http://localhost/", { allowPrivateNetworks: true }).hostname).toBe("localhost");
  });

  it("allowAddresses lets exactly the listed addresses through", () => {
    expect(checkUrlSyntax("http://127.0.0.1/", { ...GUARD_ON, allowAddresses: ["127.0.0.1"] }).hostname).toBe(
      "127.0.0.1",
    );
    expect(() => checkUrlSyntax("http://127.0.0.2/", { ...GUARD_ON, allowAddresses: ["127.0.0.1"] })).toThrow(
      BlockedAddressError,
    );
  });
});

describe("the switch: allowPrivateNetworks", () => {
  const saved = process.env.STORYWIRE_ALLOW_PRIVATE_NETWORKS;
  afterEach(() => {
    if (saved === undefined) delete process.env.STORYWIRE_ALLOW_PRIVATE_NETWORKS;
    else process.env.STORYWIRE_ALLOW_PRIVATE_NETWORKS = saved;
  });

  it("is on unless the caller switches it off; the environment is read once by the configuration, never here", () => {
    process.env.STORYWIRE_ALLOW_PRIVATE_NETWORKS = "1";
    expect(() => checkUrlSyntax("http://127.0.0.1/")).toThrow(BlockedAddressError);
    expect(() => checkUrlSyntax("http://127.0.0.1/", { allowPrivateNetworks: false })).toThrow(BlockedAddressError);
    expect(checkUrlSyntax("http://127.0.0.1/", { allowPrivateNetworks: true }).hostname).toBe("127.0.0.1");
  });
});

describe("validatePublicUrl (syntax + DNS, for the API)", () => {
  const lookup = fakeResolver({
    "feeds.example": ["93.184.216.34", "2606:4700::1"],
    "evil.example": ["127.0.0.1"],
    "mixed.example": ["93.184.216.34", "10.0.0.7"],
    "metadata.example": ["169.254.169.254"],
    "v6evil.example": ["::ffff:127.0.0.1"],
  });

  it("returns the normalized URL for a public name", async () => {
    await expect(validatePublicUrl("HTTPS://Feeds.Example/rss#top", { ...GUARD_ON, lookup })).resolves.toBe(
      "https://feeds.example/rss",
    );
  });

  it("refuses names that resolve to private addresses, and mixed record sets", async () => {
    for (const [host, address] of [
      ["evil.example", "127.0.0.1"],
      ["mixed.example", "10.0.0.7"],
      ["metadata.example", "169.254.169.254"],
      ["v6evil.example", "::ffff:7f00:1"],
    ] as const) {
      const error = await validatePublicUrl(`http://${host}/feed`, { ...GUARD_ON, lookup }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BlockedAddressError);
      expect((error as BlockedAddressError).address).toBe(address);
      expect((error as BlockedAddressError).message).toContain(`http://${host}/feed resolves to`);
    }
  });

  it("refuses names that do not resolve (DnsError) and syntax errors (before DNS)", async () => {
    await expect(validatePublicUrl("http://nowhere.example/", { ...GUARD_ON, lookup })).rejects.toBeInstanceOf(
      DnsError,
    );
    await expect(validatePublicUrl("http://169.254.169.254/latest/meta-data/", GUARD_ON)).rejects.toBeInstanceOf(
      BlockedAddressError,
    );
    await expect(validatePublicUrl("file:///etc/passwd", GUARD_ON)).rejects.toBeInstanceOf(UnsupportedSchemeError);
  });

  it("times out a resolver that never answers", async () => {
    const hanging = () => new Promise<never>(() => undefined);
    const error = await validatePublicUrl("http://slow.example/", {
      ...GUARD_ON,
      lookup: hanging,
      timeoutMs: 50,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DnsError);
  });

  it("with the guard off, does not resolve at all", async () => {
    await expect(validatePublicUrl("http://127.0.0.1:9/x", { allowPrivateNetworks: true })).resolves.toBe(
      "http://127.0.0.1:9/x",
    );
  });
});

describe("connect-time guard (BAD-INPUTS 5) against a real loopback server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer((_req, res) => res.end("secret internal data"));
  });
  afterAll(() => server.close());

  it("blocks a name resolving to loopback; the server never sees a connection", async () => {
    const before = server.connections;
    const lookup = fakeResolver({ "evil.example": ["127.0.0.1"] });
    const error = await fetchResource(`http://evil.example:${server.port}/feed`, { ...GUARD_ON, lookup }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect((error as BlockedAddressError).resolved).toBe(true);
    expect((error as BlockedAddressError).message).toBe(
      `http://evil.example:${server.port}/feed resolves to a loopback address (127.0.0.1); Storywire only fetches public addresses. ` +
        "Set STORYWIRE_ALLOW_PRIVATE_NETWORKS=1 for local testing.",
    );
    expect(server.connections).toBe(before);
  });

  it("blocks a mixed public/private record set as a whole", async () => {
    const before = server.connections;
    const lookup = fakeResolver({ "mixed.example": ["93.184.216.34", "127.0.0.1"] });
    const error = await fetchResource(`http://mixed.example:${server.port}/`, { ...GUARD_ON, lookup }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect((error as BlockedAddressError).address).toBe("127.0.0.1");
    expect(server.connections).toBe(before);
  });

  it("refuses localhost and 127.0.0.1 with the guard on, although a server is listening", async () => {
    const before = server.connections;
    for (const url of [
      `http://localhost:${server.port}/`,
      `http://127.0.0.1:${server.port}/`,
      `http://[::ffff:127.0.0.1]:${server.port}/`,
    ]) {
      await expect(fetchResource(url, GUARD_ON)).rejects.toBeInstanceOf(BlockedAddressError);
      await expect(postJson(url, { hello: 1 }, GUARD_ON)).rejects.toBeInstanceOf(BlockedAddressError);
    }
    expect(server.connections).toBe(before);
    expect(server.requests).toHaveLength(0);
  });

  it("connects to exactly the checked address when the guard allows it", async () => {
    const lookup = fakeResolver({ "feeds.example": ["127.0.0.1"] });
    const result = await fetchResource(`http://feeds.example:${server.port}/ok`, {
      ...GUARD_ON,
      allowAddresses: ["127.0.0.1"],
      lookup,
    });
    expect(result.status).toBe(200);
    expect(server.requests.at(-1)?.headers.host).toBe(`feeds.example:${server.port}`);
  });

  it("with the guard off (the test switch) the loopback server is reachable", async () => {
    const result = await fetchResource(`${server.origin}/`, { allowPrivateNetworks: true });
    expect(result.notModified).toBe(false);
    if (!result.notModified) expect(result.body.toString()).toBe("secret internal data");
  });
});
