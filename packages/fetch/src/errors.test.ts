import { describe, expect, it } from "vitest";
import { DnsError, TooLargeError } from "./errors.ts";

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
