/**
 * The SSRF guard, ON by default. Two layers:
 *
 * 1. Syntax (`checkUrlSyntax`), before anything is sent: WHATWG URL parsing, http/https only, no userinfo,
 *    and, when the host is an IP literal, classification of the CANONICAL address (WHATWG turns
 *    `http://2130706433/`, `0177.0.0.1`, `0x7f.1`, `127.1` into 127.0.0.1 and `[::ffff:127.0.0.1]` into
 *    `[::ffff:7f00:1]`). `localhost` and `*.localhost` are refused by name.
 * 2. Connect time (transport.ts, with `createGuardedLookup` from here): the connection's `lookup` resolves the
 *    name itself (dns.lookup, all records), refuses the connection if ANY record is non-public, and hands
 *    exactly the checked records to the socket, so there is no DNS-rebinding window between check and connect.
 *    The connected socket's remote address is checked once more (defence in depth, covers IP literals).
 *
 * One switch turns layer-2 checks and the address part of layer 1 off: `allowPrivateNetworks: true`, which
 * defaults from `STORYWIRE_ALLOW_PRIVATE_NETWORKS=1`. Schemes other than http(s) and userinfo stay refused.
 */

import type { LookupAddress, LookupOptions } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import { DEFAULT_CONNECT_TIMEOUT_MS, MAX_URL_LENGTH } from "./constants.ts";
import {
  BlockedAddressError,
  CredentialsInUrlError,
  DnsError,
  InvalidUrlError,
  UnsupportedSchemeError,
} from "./errors.ts";
import { type AddressVerdict, classifyAddress, isIpLiteral, unbracket } from "./ip-address.ts";

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to ALL its addresses (like dns.lookup with all: true). Injectable for tests. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface GuardOptions {
  /**
   * Turn the address checks off (tests, local mode). Default false. The environment is never read here: the
   * configuration reads STORYWIRE_ALLOW_PRIVATE_NETWORKS once and the composition root passes it on.
   */
  allowPrivateNetworks?: boolean;
  /**
   * Exact IP addresses to treat as public even though they are not (a deliberately trusted internal host,
   * or a loopback server standing in for a public one in tests). Everything else stays guarded.
   */
  allowAddresses?: readonly string[];
  /** Replaces DNS resolution (tests, custom resolvers). Must return every address of the name. */
  lookup?: Resolver;
}

export interface Guard {
  enabled: boolean;
  allowed: ReadonlySet<string>;
  lookup: Resolver;
}

const defaultResolver: Resolver = async (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export function resolveGuard(options: GuardOptions = {}): Guard {
  const allowed = new Set<string>();
  for (const address of options.allowAddresses ?? []) {
    const verdict = classifyAddress(address);
    if (verdict) allowed.add(verdict.address);
  }
  return {
    enabled: options.allowPrivateNetworks !== true,
    allowed,
    lookup: options.lookup ?? defaultResolver,
  };
}

/** Verdict for one address under this guard (allowAddresses applied; non-addresses are refused). */
export function judgeAddress(address: string, guard: Guard): AddressVerdict {
  const verdict = classifyAddress(address);
  if (!verdict) {
    return { address, family: 4, public: false, kind: "invalid", description: "an unrecognised address" };
  }
  if (!verdict.public && guard.allowed.has(verdict.address)) {
    return { ...verdict, public: true, kind: "allowed", description: "an explicitly allowed address" };
  }
  return verdict;
}

function normalizedHostname(url: URL): string {
  return unbracket(url.hostname).toLowerCase().replace(/\.+$/, "");
}

function isLocalhostName(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost");
}

/**
 * Parse and check a URL without any network access. Returns the parsed URL or throws
 * InvalidUrlError / UnsupportedSchemeError / CredentialsInUrlError / BlockedAddressError.
 */
export function checkUrlSyntax(input: string | URL, options: GuardOptions | Guard = {}): URL {
  const guard = "enabled" in options ? options : resolveGuard(options);
  const text = input instanceof URL ? input.href : String(input);
  if (text.length > MAX_URL_LENGTH) {
    throw new InvalidUrlError(text, `it is longer than ${MAX_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidUrlError(
      text,
      "it is not a valid absolute URL (expected something like https://example.com/feed.xml)",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UnsupportedSchemeError(url, url.protocol.replace(/:$/, ""));
  }
  if (url.username !== "" || url.password !== "") {
    throw new CredentialsInUrlError(url);
  }
  const host = normalizedHostname(url);
  if (host === "") throw new InvalidUrlError(url, "it has no host name");
  if (guard.enabled) {
    if (isIpLiteral(host)) {
      const verdict = judgeAddress(host, guard);
      if (!verdict.public) {
        throw new BlockedAddressError({
          url,
          hostname: url.hostname,
          address: verdict.address,
          description: verdict.description,
          resolved: false,
        });
      }
    } else if (isLocalhostName(host)) {
      throw new BlockedAddressError({
        url,
        hostname: url.hostname,
        address: host,
        description: "a loopback host name",
        resolved: false,
      });
    }
  }
  return url;
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Resolve `hostname` and check every record. Throws DnsError when it does not resolve, BlockedAddressError
 * when any record is non-public (mixed public/private record sets are refused as a whole).
 */
export async function resolveCheckedHost(
  url: string | URL,
  hostname: string,
  guard: Guard,
  timeoutMs = DEFAULT_CONNECT_TIMEOUT_MS,
): Promise<ResolvedAddress[]> {
  const host = unbracket(hostname);
  let records: ResolvedAddress[];
  try {
    records = await withTimeout(guard.lookup(host), timeoutMs, () =>
      Object.assign(new Error(`DNS lookup of ${host} timed out`), { code: "ETIMEOUT" }),
    );
  } catch (error) {
    throw new DnsError(url, host, error);
  }
  if (records.length === 0) {
    throw new DnsError(url, host, Object.assign(new Error("no addresses"), { code: "ENODATA" }));
  }
  if (guard.enabled) {
    for (const record of records) {
      const verdict = judgeAddress(record.address, guard);
      if (!verdict.public) {
        throw new BlockedAddressError({
          url,
          hostname: host,
          address: verdict.address,
          description: verdict.description,
          resolved: true,
        });
      }
    }
  }
  return records;
}

/**
 * For the API (POST /feeds, webhook registration): syntax checks plus, with the guard on, DNS resolution of
 * the host with every record checked. Returns the normalized URL (WHATWG serialization, fragment removed).
 * The same checks run again at every fetch/send: a name may resolve differently later.
 */
export async function validatePublicUrl(
  input: string | URL,
  options: GuardOptions & { timeoutMs?: number } = {},
): Promise<string> {
  const guard = resolveGuard(options);
  const url = checkUrlSyntax(input, guard);
  url.hash = "";
  const host = normalizedHostname(url);
  if (guard.enabled && !isIpLiteral(host)) {
    await resolveCheckedHost(url, host, guard, options.timeoutMs);
  }
  return url.href;
}

function lookupFamily(options: LookupOptions): 0 | 4 | 6 {
  const family = options.family;
  if (family === 4 || family === "IPv4") return 4;
  if (family === 6 || family === "IPv6") return 6;
  return 0;
}

/**
 * A `lookup` for net/tls.connect: resolves with the guard's resolver, refuses if any record is non-public,
 * and returns exactly the checked records (so the socket connects to a checked address).
 */
export function createGuardedLookup(guard: Guard, reportUrl: string, timeoutMs?: number): LookupFunction {
  return (hostname, options, callback) => {
    resolveCheckedHost(reportUrl, hostname, guard, timeoutMs).then(
      (records) => {
        const family = lookupFamily(options);
        const usable = family === 0 ? records : records.filter((record) => record.family === family);
        const first = usable[0];
        if (!first) {
          callback(
            new DnsError(reportUrl, hostname, Object.assign(new Error("no usable address"), { code: "ENODATA" })),
            "",
          );
          return;
        }
        if (options.all) {
          callback(
            null,
            usable.map((record): LookupAddress => ({ address: record.address, family: record.family })),
          );
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}
