import { describe, expect, it } from "vitest";
import { DnsError, HttpStatusError, TimeoutError, TooLargeError, withoutRetryPromise } from "./errors.ts";

describe("TooLargeError says what was too large, in a whole sentence", () => {
  it.each([
    ["content-length", /announces 20000 bytes, more than the limit of 10000 bytes; Storywire stopped reading it\./],
    ["raw", /sent more bytes than the limit of 10000 bytes/],
    ["decoded", /decompresses to more bytes than the limit of 10000 bytes/],
  ] as const)("%s", (kind, message) => {
    const error = new TooLargeError("https://feeds.example/big.xml", kind, 10_000, 20_000);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^https:\/\/feeds\.example\/big\.xml /);
  });
});

describe("DnsError", () => {
  it("names the host and points at both likely causes: a wrong address or no network", () => {
    const error = new DnsError("https://feeds.example/world.xml", "feeds.example", { code: "ENOTFOUND" });
    expect(error.message).toBe(
      "https://feeds.example/world.xml cannot be reached: the host name feeds.example does not resolve (ENOTFOUND); " +
        "check the address and this machine's network connection.",
    );
    expect(error.retryable).toBe(true);
  });
});

describe("withoutRetryPromise", () => {
  it("drops the service's promise to retry from every retryable error, and leaves other messages alone", () => {
    const url = "https://feeds.example/world.xml";
    expect(withoutRetryPromise(new HttpStatusError(url, 503, null).message)).toBe(
      `${url} answered HTTP 503 (server error)`,
    );
    expect(withoutRetryPromise(new HttpStatusError(url, 429, null).message)).toBe(
      `${url} answered HTTP 429 (too many requests)`,
    );
    expect(withoutRetryPromise(new TimeoutError(url, "connect", 5000).message)).toBe(
      `${url} did not accept a connection within 5000 ms`,
    );
    const notFound = new HttpStatusError(url, 404, null).message;
    expect(withoutRetryPromise(notFound)).toBe(notFound);
  });
});
