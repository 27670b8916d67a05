import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fingerprintSimilarity,
  fmix32,
  fnv1a,
  hammingDistance,
  shingleSimhash,
  shingles,
  shinglesOfHashes,
  simhash,
} from "./hash.ts";
import { fingerprint, prepare, preparedFingerprint } from "./prepare.ts";

const TEXT = `Russia and Ukraine agree energy truce

Russia and Ukraine agreed on Wednesday to stop attacking each other's energy infrastructure for 30 days, the first concrete step towards a wider ceasefire. President Vladimir Putin accepted the proposal in a call with Donald Trump but rejected a full truce, the Kremlin said. Ukrainian officials said Kyiv would honour the pause if Moscow did.`;

describe("fingerprint", () => {
  it("is 16 lower-case hex characters, stable, and ignores the headline and dateline", () => {
    const fp = fingerprint(TEXT);
    expect(fp).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint(TEXT)).toBe(fp);
    const reposted = TEXT.replace("Russia and Ukraine agree energy truce", "Energy pause agreed").replace(
      "Russia and Ukraine agreed on",
      "KYIV, March 19 (Reuters) - Russia and Ukraine agreed on",
    );
    expect(fingerprint(reposted)).toBe(fp);
  });

  it("puts near-duplicates close and unrelated texts far apart", () => {
    const near = fingerprint(TEXT.replace("30 days", "thirty days"));
    const far = fingerprint(
      "The Scottish Chamber Orchestra announced its summer festival programme with works by Mozart.",
    );
    expect(hammingDistance(fingerprint(TEXT), near)).toBeLessThan(12);
    expect(hammingDistance(fingerprint(TEXT), far)).toBeGreaterThan(16);
    expect(fingerprintSimilarity(fingerprint(TEXT), fingerprint(TEXT))).toBe(1);
  });

  it("equals the fingerprint of the prepared document", () => {
    expect(preparedFingerprint(prepare(TEXT))).toBe(fingerprint(TEXT));
  });

  it("handles empty text and malformed fingerprints", () => {
    expect(fingerprint("")).toBe("0000000000000000");
    expect(hammingDistance("zz", "0000000000000000")).toBe(64);
  });
});

describe("hash primitives", () => {
  it("hashes shingles of n words, or the whole text when shorter", () => {
    expect(shingles(["a", "b", "c", "d"]).size).toBe(2);
    expect(shingles(["a", "b"]).size).toBe(1);
    expect(shingles([]).size).toBe(0);
    expect(fnv1a("a")).not.toBe(fnv1a("b"));
    expect(hammingDistance(simhash([1, 2, 3]), simhash([1, 2, 3]))).toBe(0);
    expect(hammingDistance("ffffffffffffffff", "0000000000000000")).toBe(64);
  });

  it("keeps the fingerprints stored by earlier versions (the same value for the same text)", () => {
    expect(fingerprint(TEXT)).toBe("499062493e320001");
    expect(simhash([1, 2, 3])).toBe("2823b3e300000003");
    expect(simhash([0xffffffff, 0x80000000, 7])).toBe("014d173380000007");
  });

  it("sets each bit the hashes vote for by majority, the low half from the hashes, the high half from fmix32(h ^ seed) (fast-check)", () => {
    /** SimHash as defined: one vote per hash and bit, +1 when set, -1 when not. */
    const byVotes = (hashes: number[]): string => {
      const votes = new Array<number>(64).fill(0);
      for (const h of hashes) {
        const hi = fmix32(h ^ 0x9747b28c);
        for (let bit = 0; bit < 32; bit++) {
          votes[bit] = (votes[bit] as number) + ((h >>> bit) & 1 ? 1 : -1);
          votes[bit + 32] = (votes[bit + 32] as number) + ((hi >>> bit) & 1 ? 1 : -1);
        }
      }
      let lo = 0;
      let hi = 0;
      for (let bit = 0; bit < 32; bit++) {
        if ((votes[bit] as number) > 0) lo |= 1 << bit;
        if ((votes[bit + 32] as number) > 0) hi |= 1 << bit;
      }
      return (hi >>> 0).toString(16).padStart(8, "0") + (lo >>> 0).toString(16).padStart(8, "0");
    };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 300 }), (hashes) => {
        expect(simhash(hashes)).toBe(byVotes(hashes));
      }),
      { numRuns: 300 },
    );
    // Many equal hashes: every count's high bits are used.
    expect(simhash(new Array(1025).fill(0x80000001))).toBe(byVotes(new Array(1025).fill(0x80000001)));
  });

  it("hashes the distinct shingles as simhash(shinglesOfHashes(...)) does, repeated words and shingles included (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 200 }),
        fc.array(fc.constantFrom(1, 7, 0xffffffff), { maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        (words, repeats, n) => {
          const hashes = [...repeats, ...words, ...repeats, ...repeats];
          expect(shingleSimhash(hashes, n)).toBe(simhash(shinglesOfHashes(hashes, n)));
        },
      ),
      { numRuns: 300 },
    );
    expect(shingleSimhash([])).toBe("0000000000000000");
  });
});
