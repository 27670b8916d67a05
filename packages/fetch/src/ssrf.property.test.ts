/**
 * Property-based tests (fast-check) of the SSRF guard's address classification, with an oracle written here from
 * the IANA special-purpose registries (BAD-INPUTS 2-5): every spelling of a non-public address is refused, in a
 * URL and in DNS answers, and no public address is, whatever spelling reaches the guard.
 */

import { fakeResolver } from "@storywire/fetch/test-support/servers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BlockedAddressError } from "./errors.ts";
import { classifyAddress } from "./ip-address.ts";
import { checkUrlSyntax, validatePublicUrl } from "./ssrf.ts";

const GUARD_ON = { allowPrivateNetworks: false } as const;
const RUNS = { numRuns: 400 };

// ---- the oracle: non-public IPv4 blocks (BAD-INPUTS line 4 plus the documentation and relay blocks) ----------
const V4_BLOCKS: [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];
const toInt = (dotted: string) => dotted.split(".").reduce((n, part) => n * 256 + Number(part), 0);
const blocks = V4_BLOCKS.map(([base, prefix]) => ({ base: toInt(base), size: 2 ** (32 - prefix) }));
const isPrivateV4 = (value: number) => blocks.some((b) => value >= b.base && value < b.base + b.size);
const octets = (v: number) => [
  Math.floor(v / 2 ** 24) % 256,
  Math.floor(v / 2 ** 16) % 256,
  Math.floor(v / 256) % 256,
  v % 256,
];
const dotted = (v: number) => octets(v).join(".");

const privateV4 = fc
  .tuple(fc.constantFrom(...blocks), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }))
  .map(([block, at]) => block.base + Math.floor(at * block.size));
const publicV4 = fc.integer({ min: 0, max: 2 ** 32 - 1 }).filter((v) => !isPrivateV4(v));

// ---- spellings: every form WHATWG URL accepts for an IPv4 host, and the IPv6 forms that embed one -------------
type Base = "dec" | "oct" | "hex" | "HEX";
const inBase = (n: number, base: Base, pad: number) => {
  if (base === "dec") return String(n);
  if (base === "oct") return `0${"0".repeat(pad)}${n.toString(8)}`;
  const hex = `0x${"0".repeat(pad)}${n.toString(16)}`;
  return base === "HEX" ? hex.toUpperCase() : hex;
};
const baseArb = fc.constantFrom<Base>("dec", "oct", "hex", "HEX");
const hex16 = (n: number) => n.toString(16);

/** A host spelling of the IPv4 address `v` (what a user could type into a URL). */
function v4Spelling(v: number): fc.Arbitrary<string> {
  const [a = 0, b = 0, c = 0, d = 0] = octets(v);
  const hi = Math.floor(v / 65536);
  const lo = v % 65536;
  return fc.oneof(
    fc.constant(dotted(v)),
    fc.tuple(baseArb, fc.nat(3)).map(([base, pad]) => inBase(v, base, pad)),
    fc
      .tuple(fc.array(fc.tuple(baseArb, fc.nat(2)), { minLength: 4, maxLength: 4 }))
      .map(([forms]) => [a, b, c, d].map((n, i) => inBase(n, forms[i]?.[0] ?? "dec", forms[i]?.[1] ?? 0)).join(".")),
    fc.tuple(baseArb, baseArb).map(([x, y]) => `${inBase(a, x, 0)}.${inBase(b * 65536 + c * 256 + d, y, 0)}`),
    fc
      .tuple(baseArb, baseArb, baseArb)
      .map(([x, y, z]) => `${inBase(a, x, 0)}.${inBase(b, y, 0)}.${inBase(c * 256 + d, z, 0)}`),
    fc.constant(`${dotted(v)}.`), // a trailing dot
    fc.constant(dotted(v).replace(/\./g, "\u3002")), // ideographic full stops
    fc.constant(`%${[...dotted(v)].map((ch) => ch.charCodeAt(0).toString(16)).join("%")}`), // percent-encoded
    fc.constant(dotted(v).replace(/[0-9]/g, (digit) => String.fromCharCode(0xff10 + Number(digit)))), // full-width
    fc.constant(`[::ffff:${dotted(v)}]`),
    fc.constant(`[::FFFF:${hex16(hi).toUpperCase()}:${hex16(lo).toUpperCase()}]`),
    fc.constant(`[0:0:0:0:0:ffff:${hex16(hi)}:${hex16(lo)}]`),
    fc.constant(`[0000:0000:0000:0000:0000:ffff:${dotted(v)}]`),
    fc.constant(`[64:ff9b::${dotted(v)}]`),
    fc.constant(`[2002:${hex16(hi)}:${hex16(lo)}::1]`), // 6to4
    fc.constant(`[::ffff:0:${dotted(v)}]`), // IPv4-translated
  );
}

const blockedBy = (url: string) => {
  try {
    checkUrlSyntax(url, GUARD_ON);
    return null;
  } catch (error) {
    return error;
  }
};

describe("SSRF guard, IPv4: every spelling of a non-public address is refused, no public address is", () => {
  it("refuses every spelling of every non-public IPv4 address in a URL", () => {
    fc.assert(
      fc.property(
        privateV4.chain((v) => fc.tuple(fc.constant(v), v4Spelling(v))),
        ([v, host]) => {
          const error = blockedBy(`http://${host}/feed`);
          expect(error, `${host} (${dotted(v)})`).toBeInstanceOf(BlockedAddressError);
        },
      ),
      RUNS,
    );
  });

  it("accepts every public IPv4 address, in every spelling that keeps it public", () => {
    fc.assert(
      fc.property(
        publicV4.chain((v) => fc.tuple(fc.constant(v), v4Spelling(v))),
        ([v, host]) => {
          expect(blockedBy(`https://${host}/feed`), `${host} (${dotted(v)})`).toBeNull();
        },
      ),
      RUNS,
    );
  });

  it("classifies by the address, not the text: the canonical form of every IPv4 spelling is the dotted address", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (v) => {
        const host = new URL(`http://${v}/`).hostname;
        expect(host).toBe(dotted(v));
        expect(classifyAddress(host)?.public).toBe(!isPrivateV4(v) && v !== 2 ** 32 - 1);
      }),
      RUNS,
    );
  });
});

// ---- IPv6 -------------------------------------------------------------------------------------------------------
const group = fc.integer({ min: 0, max: 0xffff });
const groups = (first: fc.Arbitrary<number>) => fc.tuple(first, fc.array(group, { minLength: 7, maxLength: 7 }));

/** fc00::/7, fe80::/10, ff00::/8, ::1, ::, the documentation and discard blocks. */
const privateV6 = fc.oneof(
  groups(fc.integer({ min: 0xfc00, max: 0xfdff })),
  groups(fc.integer({ min: 0xfe80, max: 0xfebf })),
  groups(fc.integer({ min: 0xff00, max: 0xffff })),
  fc.constant<[number, number[]]>([0, [0, 0, 0, 0, 0, 0, 1]]),
  fc.constant<[number, number[]]>([0, [0, 0, 0, 0, 0, 0, 0]]),
  fc.array(group, { minLength: 6, maxLength: 6 }).map((rest): [number, number[]] => [0x2001, [0x0db8, ...rest]]),
);
/** Global unicast (2000::/3) outside the special blocks that live inside it. */
const publicV6 = groups(fc.integer({ min: 0x2400, max: 0x3ffe })).filter(([first]) => first !== 0x3fff);

/** Spellings of 8 groups: compressed, full, zero-padded, upper case. */
function v6Spelling([first, rest]: [number, number[]]): fc.Arbitrary<string> {
  const all = [first, ...rest];
  return fc.constantFrom(
    all.map(hex16).join(":"),
    all.map((g) => hex16(g).padStart(4, "0")).join(":"),
    all.map(hex16).join(":").toUpperCase(),
    classifyAddress(all.map(hex16).join(":"))?.address ?? "",
  );
}

describe("SSRF guard, IPv6: every spelling of a non-public address is refused, no public address is", () => {
  it("refuses every spelling of loopback, unspecified, unique-local, link-local, multicast and documentation addresses", () => {
    fc.assert(
      fc.property(privateV6.chain(v6Spelling), (text) => {
        expect(blockedBy(`http://[${text}]/`), text).toBeInstanceOf(BlockedAddressError);
      }),
      RUNS,
    );
  });

  it("accepts global unicast addresses in every spelling", () => {
    fc.assert(
      fc.property(publicV6.chain(v6Spelling), (text) => {
        expect(blockedBy(`https://[${text}]/`), text).toBeNull();
      }),
      RUNS,
    );
  });
});

describe("SSRF guard, DNS: a name is refused when any of its addresses is non-public, in whatever form DNS returns it", () => {
  const recordSpelling = (v: number) =>
    fc.constantFrom(dotted(v), `::ffff:${dotted(v)}`, `::FFFF:${hex16(Math.floor(v / 65536))}:${hex16(v % 65536)}`);

  it("refuses a host with one non-public record among public ones", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(publicV4, { maxLength: 3 }),
        privateV4.chain(recordSpelling),
        fc.nat(3),
        async (publics, bad, at) => {
          const records = publics.map(dotted);
          records.splice(at % (records.length + 1), 0, bad);
          const lookup = fakeResolver({ "feeds.example": records });
          await expect(
            validatePublicUrl("https://feeds.example/rss", { ...GUARD_ON, lookup }),
            bad,
          ).rejects.toBeInstanceOf(BlockedAddressError);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("accepts a host whose every record is public", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(publicV4, { minLength: 1, maxLength: 4 }), async (publics) => {
        const lookup = fakeResolver({ "feeds.example": publics.map(dotted) });
        await expect(validatePublicUrl("https://feeds.example/rss", { ...GUARD_ON, lookup })).resolves.toBe(
          "https://feeds.example/rss",
        );
      }),
      { numRuns: 150 },
    );
  });
});
