import { describe, expect, it } from "vitest";
import { canonicalAddress, classifyAddress, isPublicAddress } from "./ip-address.ts";

describe("classifyAddress: non-public ranges (BAD-INPUTS 3, 4)", () => {
  const refused: Array<[string, string]> = [
    // IPv4, every block of item 4, at both ends where it matters
    ["0.0.0.0", "this-network"],
    ["0.255.255.255", "this-network"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["100.64.0.1", "shared"],
    ["100.127.255.254", "shared"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["169.254.169.254", "link-local"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.0.0.8", "ietf-protocol"],
    ["192.168.1.1", "private"],
    ["198.18.0.1", "benchmarking"],
    ["198.19.255.255", "benchmarking"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "broadcast"],
    ["192.0.2.1", "documentation"],
    ["203.0.113.9", "documentation"],
    // IPv6, item 3 and item 4
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["fd00::1", "unique-local"],
    ["fc00::1", "unique-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf:ffff::1", "link-local"],
    ["ff02::1", "multicast"],
    ["ff00::", "multicast"],
    ["fec0::1", "site-local"],
    ["2001:db8::1", "documentation"],
    ["100::1", "discard"],
    // embedded IPv4: mapped, translated, NAT64, 6to4, Teredo
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["[::ffff:7f00:1]", "loopback"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["::ffff:10.1.2.3", "private"],
    ["::ffff:0:c0a8:101", "private"], // IPv4-translated 192.168.1.1
    ["64:ff9b::a9fe:a9fe", "link-local"],
    ["64:ff9b::127.0.0.1", "loopback"],
    ["64:ff9b:1::1", "nat64-local"],
    ["2002:7f00:1::", "loopback"], // 6to4 of 127.0.0.1
    ["2002:c0a8:101::1", "private"], // 6to4 of 192.168.1.1
    ["2001:0:4136:e378:8000:63bf:f5ff:fffe", "private"], // Teredo, client ~f5ff:fffe = 10.0.0.1
    ["2001:0:a00:1:8000:63bf:a2d8:d7cb", "private"], // Teredo, server 10.0.0.1
    ["2001:2::1", "ietf-protocol"],
    // outside 2000::/3, and the deprecated IPv4-compatible form
    ["::127.0.0.1", "reserved"],
    ["::7f00:1", "reserved"],
    ["4000::1", "reserved"],
    ["3fff::1", "documentation"],
  ];

  it.each(refused)("%s is refused (%s)", (address, kind) => {
    const verdict = classifyAddress(address);
    expect(verdict).not.toBeNull();
    expect(verdict?.public).toBe(false);
    expect(verdict?.kind).toBe(kind);
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe("classifyAddress: public addresses", () => {
  const allowed = [
    "93.184.216.34",
    "1.1.1.1",
    "8.8.8.8",
    "100.63.255.255", // just below 100.64/10
    "100.128.0.1", // just above
    "172.15.255.255",
    "172.32.0.1",
    "192.167.255.255",
    "198.17.255.255",
    "198.20.0.1",
    "223.255.255.255",
    "2606:4700::1",
    "2a00:1450:4001:80e::200e",
    "[2606:4700:4700::1111]",
    "::ffff:93.184.216.34", // mapped public
    "64:ff9b::5db8:d822", // NAT64 of 93.184.216.34
    "2002:5db8:d822::1", // 6to4 of 93.184.216.34
    "2001:0:5db8:d822:8000:63bf:fefe:fefe", // Teredo server 93.184.216.34, client 1.1.1.1
  ];
  it.each(allowed)("%s is public", (address) => {
    expect(classifyAddress(address)?.public).toBe(true);
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe("classifyAddress: input handling", () => {
  it("returns null for things that are not IP addresses (and isPublicAddress says no)", () => {
    for (const text of [
      "",
      "localhost",
      "example.com",
      "0177.0.0.1",
      "0x7f.1",
      "2130706433",
      "1.2.3",
      "::g",
      "1.2.3.4.5",
    ]) {
      expect(classifyAddress(text)).toBeNull();
      expect(isPublicAddress(text)).toBe(false);
    }
  });

  it("canonicalises like WHATWG URL does", () => {
    expect(canonicalAddress("::FFFF:127.0.0.1")).toBe("::ffff:7f00:1");
    expect(canonicalAddress("0:0:0:0:0:0:0:1")).toBe("::1");
    expect(canonicalAddress("2001:db8:0:0:1:0:0:1")).toBe("2001:db8::1:0:0:1");
    expect(canonicalAddress("[fe80::1%25eth0]")).toBe("fe80::1");
    expect(new URL("http://[::ffff:127.0.0.1]/").hostname).toBe("[::ffff:7f00:1]");
  });

  it("describes embedded addresses in words", () => {
    expect(classifyAddress("64:ff9b::a9fe:a9fe")?.description).toBe(
      "a NAT64 address embedding a link-local address (where cloud metadata services live) (169.254.169.254)",
    );
  });
});
