/**
 * IP address classification for the SSRF guard: is this address on the public Internet?
 *
 * Own CIDR code on BigInt/uint32 (no `ip` / `private-ip` / old `ip-address`: they had classifier bypasses).
 * Input is an address as it appears after WHATWG URL canonicalisation (dotted-decimal IPv4, compressed IPv6)
 * or as returned by dns.lookup. Anything that does not parse as an IP address is "not public".
 *
 * IPv6 is public only inside 2000::/3 (global unicast) and outside its special-purpose blocks. Addresses
 * that embed an IPv4 address (IPv4-mapped ::ffff:0:0/96, IPv4-translated ::ffff:0:0:0/96, NAT64 64:ff9b::/96,
 * 6to4 2002::/16, Teredo 2001::/32) are judged by the embedded IPv4 address(es).
 */
import { isIP, isIPv4, isIPv6 } from "node:net";

export interface AddressVerdict {
  /** Canonical form of the address (IPv6 compressed, lowercase, no zone). */
  address: string;
  family: 4 | 6;
  public: boolean;
  /** Short machine-readable class, e.g. "loopback", "private", "link-local", "public". */
  kind: string;
  /** Human description used in error messages, e.g. "a loopback address". */
  description: string;
}

interface Range<T> {
  base: T;
  prefix: number;
  kind: string;
  description: string;
}

// ---------------------------------------------------------------------------------------------- IPv4

function parseIPv4(text: string): number | null {
  if (!isIPv4(text)) return null;
  const parts = text.split(".").map(Number);
  if (parts.length !== 4) return null;
  // isIPv4 accepts only 4 dotted decimals 0-255; assemble as uint32.
  return (((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16) | ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)) >>> 0;
}

function formatIPv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join(".");
}

function v4(cidr: string, kind: string, description: string): Range<number> {
  const [base, prefix] = cidr.split("/");
  const parsed = parseIPv4(base ?? "");
  if (parsed === null) throw new Error(`bad CIDR ${cidr}`);
  return { base: parsed, prefix: Number(prefix), kind, description };
}

/** Every IPv4 block that is not publicly routable (IANA special-purpose registry, plus multicast/reserved). */
const IPV4_NON_PUBLIC: readonly Range<number>[] = [
  v4("0.0.0.0/8", "this-network", "a 'this network' address"),
  v4("10.0.0.0/8", "private", "a private network address"),
  v4("100.64.0.0/10", "shared", "a carrier-grade NAT (shared) address"),
  v4("127.0.0.0/8", "loopback", "a loopback address"),
  v4("169.254.0.0/16", "link-local", "a link-local address (where cloud metadata services live)"),
  v4("172.16.0.0/12", "private", "a private network address"),
  v4("192.0.0.0/24", "ietf-protocol", "an IETF protocol-assignment address"),
  v4("192.0.2.0/24", "documentation", "a documentation-only address"),
  v4("192.88.99.0/24", "reserved", "a deprecated 6to4 relay address"),
  v4("192.168.0.0/16", "private", "a private network address"),
  v4("198.18.0.0/15", "benchmarking", "a benchmarking-only address"),
  v4("198.51.100.0/24", "documentation", "a documentation-only address"),
  v4("203.0.113.0/24", "documentation", "a documentation-only address"),
  v4("224.0.0.0/4", "multicast", "a multicast address"),
  v4("240.0.0.0/4", "reserved", "a reserved address"),
];

function inV4(value: number, range: Range<number>): boolean {
  if (range.prefix === 0) return true;
  const mask = (0xffffffff << (32 - range.prefix)) >>> 0;
  return (value & mask) >>> 0 === (range.base & mask) >>> 0;
}

function classifyV4Value(value: number): AddressVerdict {
  const address = formatIPv4(value);
  if (value === 0xffffffff) {
    return { address, family: 4, public: false, kind: "broadcast", description: "the broadcast address" };
  }
  for (const range of IPV4_NON_PUBLIC) {
    if (inV4(value, range)) {
      return { address, family: 4, public: false, kind: range.kind, description: range.description };
    }
  }
  return { address, family: 4, public: true, kind: "public", description: "a public address" };
}

// ---------------------------------------------------------------------------------------------- IPv6

/** Parse an IPv6 address (optionally with a trailing dotted IPv4 and/or a %zone) into a 128-bit BigInt. */
function parseIPv6(text: string): bigint | null {
  let input = text;
  const zone = input.indexOf("%");
  if (zone !== -1) input = input.slice(0, zone);
  if (!isIPv6(input)) return null;
  // Replace a trailing dotted-quad with two hex groups.
  const lastColon = input.lastIndexOf(":");
  const tail = input.slice(lastColon + 1);
  if (tail.includes(".")) {
    const v4value = parseIPv4(tail);
    if (v4value === null) return null;
    input = `${input.slice(0, lastColon + 1)}${(v4value >>> 16).toString(16)}:${(v4value & 0xffff).toString(16)}`;
  }
  let groups: string[];
  const doubleColon = input.indexOf("::");
  if (doubleColon !== -1) {
    const head = input.slice(0, doubleColon);
    const rest = input.slice(doubleColon + 2);
    const headGroups = head === "" ? [] : head.split(":");
    const restGroups = rest === "" ? [] : rest.split(":");
    const missing = 8 - headGroups.length - restGroups.length;
    if (missing < 1) return null;
    groups = [...headGroups, ...new Array<string>(missing).fill("0"), ...restGroups];
  } else {
    groups = input.split(":");
  }
  if (groups.length !== 8) return null;
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
    value = (value << 16n) | BigInt(Number.parseInt(group, 16));
  }
  return value;
}

function formatIPv6(value: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  // RFC 5952: compress the longest run (length >= 2) of zero groups, the first one on ties.
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(":");
  const head = hex.slice(0, bestStart).join(":");
  const tail = hex.slice(bestStart + bestLength).join(":");
  return `${head}::${tail}`;
}

function v6(cidr: string, kind: string, description: string): Range<bigint> {
  const [base, prefix] = cidr.split("/");
  const parsed = parseIPv6(base ?? "");
  if (parsed === null) throw new Error(`bad CIDR ${cidr}`);
  return { base: parsed, prefix: Number(prefix), kind, description };
}

function inV6(value: bigint, range: Range<bigint>): boolean {
  const shift = BigInt(128 - range.prefix);
  return value >> shift === range.base >> shift;
}

const V6_GLOBAL_UNICAST = v6("2000::/3", "global", "");
const V6_IPV4_MAPPED = v6("::ffff:0:0/96", "ipv4-mapped", "an IPv4-mapped address");
const V6_IPV4_TRANSLATED = v6("::ffff:0:0:0/96", "ipv4-translated", "an IPv4-translated address");
const V6_NAT64 = v6("64:ff9b::/96", "nat64", "a NAT64 address");
const V6_6TO4 = v6("2002::/16", "6to4", "a 6to4 address");
const V6_TEREDO = v6("2001::/32", "teredo", "a Teredo address");

/** Non-public blocks checked before the embedded-IPv4 forms and the 2000::/3 allow rule. */
const IPV6_NON_PUBLIC: readonly Range<bigint>[] = [
  v6("::/128", "unspecified", "the unspecified address"),
  v6("::1/128", "loopback", "a loopback address"),
  v6("64:ff9b:1::/48", "nat64-local", "a local-use NAT64 address"),
  v6("100::/64", "discard", "a discard-only address"),
  v6("2001:db8::/32", "documentation", "a documentation-only address"),
  v6("3fff::/20", "documentation", "a documentation-only address"),
  v6("fc00::/7", "unique-local", "a private (unique local) network address"),
  v6("fe80::/10", "link-local", "a link-local address"),
  v6("fec0::/10", "site-local", "a deprecated site-local address"),
  v6("ff00::/8", "multicast", "a multicast address"),
];
/** 2001::/23 is IETF protocol assignments; only Teredo (2001::/32, judged by its embedded IPv4) may pass. */
const V6_IETF_PROTOCOL = v6("2001::/23", "ietf-protocol", "an IETF protocol-assignment address");

function low32(value: bigint): number {
  return Number(value & 0xffffffffn);
}

function embedded(address: string, container: Range<bigint>, inner: readonly AddressVerdict[]): AddressVerdict {
  const bad = inner.find((verdict) => !verdict.public);
  if (bad) {
    return {
      address,
      family: 6,
      public: false,
      kind: bad.kind,
      description: `${container.description} embedding ${bad.description} (${bad.address})`,
    };
  }
  return { address, family: 6, public: true, kind: "public", description: `${container.description} (public)` };
}

function classifyV6Value(value: bigint): AddressVerdict {
  const address = formatIPv6(value);
  for (const range of IPV6_NON_PUBLIC) {
    if (inV6(value, range))
      return { address, family: 6, public: false, kind: range.kind, description: range.description };
  }
  for (const range of [V6_IPV4_MAPPED, V6_IPV4_TRANSLATED, V6_NAT64]) {
    if (inV6(value, range)) return embedded(address, range, [classifyV4Value(low32(value))]);
  }
  if (inV6(value, V6_6TO4)) {
    return embedded(address, V6_6TO4, [classifyV4Value(Number((value >> 80n) & 0xffffffffn))]);
  }
  if (inV6(value, V6_TEREDO)) {
    const server = Number((value >> 64n) & 0xffffffffn);
    const client = ~low32(value) >>> 0; // the client address is stored bit-inverted
    return embedded(address, V6_TEREDO, [classifyV4Value(server), classifyV4Value(client)]);
  }
  if (inV6(value, V6_IETF_PROTOCOL)) {
    return { address, family: 6, public: false, kind: "ietf-protocol", description: V6_IETF_PROTOCOL.description };
  }
  if (!inV6(value, V6_GLOBAL_UNICAST)) {
    // Includes the deprecated IPv4-compatible ::/96 block and every unallocated block.
    return { address, family: 6, public: false, kind: "reserved", description: "a reserved (non-global) IPv6 address" };
  }
  return { address, family: 6, public: true, kind: "public", description: "a public address" };
}

// ---------------------------------------------------------------------------------------------- API

/** Strip the brackets WHATWG URL keeps around IPv6 hosts: "[::1]" -> "::1". */
export function unbracket(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/** Is `text` an IP literal (IPv4 dotted-decimal or IPv6, brackets allowed)? */
export function isIpLiteral(text: string): boolean {
  const host = unbracket(text);
  const zone = host.indexOf("%");
  return isIP(zone === -1 ? host : host.slice(0, zone)) !== 0;
}

/**
 * Classify an IP address. Returns null if `text` is not an IP address.
 * (Callers on the guard path treat null as "refuse".)
 */
export function classifyAddress(text: string): AddressVerdict | null {
  const host = unbracket(text.trim());
  const v4value = parseIPv4(host);
  if (v4value !== null) return classifyV4Value(v4value);
  const v6value = parseIPv6(host);
  if (v6value !== null) return classifyV6Value(v6value);
  return null;
}

/** True only for addresses on the public Internet. Not an IP address -> false. */
export function isPublicAddress(text: string): boolean {
  return classifyAddress(text)?.public === true;
}

/** Canonical text of an IP address ("::FFFF:127.0.0.1" -> "::ffff:7f00:1"), or null if not an address. */
export function canonicalAddress(text: string): string | null {
  return classifyAddress(text)?.address ?? null;
}
