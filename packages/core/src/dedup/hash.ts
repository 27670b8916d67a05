/**
 * Hashing primitives: word shingles and a 64-bit SimHash over them. A fingerprint is 16 lower-case hex
 * characters, cheap to store with every story; near-duplicates differ in few bits (Hamming distance),
 * unrelated texts in about 32.
 */
import { SHINGLE_SIZE } from "./constants.ts";

/** murmur3's 32-bit finaliser: spreads nearby integers over all bits. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit FNV-1a of a string, with a seed so two independent hashes can be drawn. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** fnv1a of text.slice(from, to), without building the substring. */
export function fnv1aRange(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Hashed n-grams of already hashed words (the whole run when there are fewer than n). */
export function shinglesOfHashes(hashes: readonly number[], n = SHINGLE_SIZE): Set<number> {
  const out = new Set<number>();
  if (hashes.length === 0) return out;
  const take = Math.min(n, hashes.length);
  for (let i = 0; i + take <= hashes.length; i++) {
    let h = 0x811c9dc5;
    for (let k = 0; k < take; k++) h = Math.imul(h ^ (hashes[i + k] ?? 0), 0x01000193);
    out.add(fmix32(h));
  }
  return out;
}

/** Hashed word n-grams of a token list (the whole list when it has fewer than n words). */
export function shingles(tokens: readonly string[], n = SHINGLE_SIZE): Set<number> {
  return shinglesOfHashes(
    tokens.map((t) => fnv1a(t)),
    n,
  );
}

const SEED_HI = 0x9747b28c;

/**
 * Adds one 32-bit word to 32 bit-sliced counters: plane i holds bit i of every bit position's count of ones
 * (a ripple-carry add done for all 32 positions at once; on average two planes are touched per word).
 */
function addBits(planes: Int32Array, word: number): void {
  let carry = word | 0;
  for (let i = 0; carry !== 0; i++) {
    const plane = planes[i] as number;
    planes[i] = plane ^ carry;
    carry &= plane;
  }
}

/** The bits set in more than half of `n` words, from their bit-sliced counts (addBits). */
function majorityBits(planes: Int32Array, n: number): number {
  // A count never exceeds n (under 2^31: a Set holds at most 2^24 values), so planes above n's highest bit are empty.
  const used = 32 - Math.clz32(n);
  let out = 0;
  for (let bit = 0; bit < 32; bit++) {
    let ones = 0;
    for (let i = 0; i < used; i++) ones |= (((planes[i] as number) >>> bit) & 1) << i;
    if (2 * ones > n) out |= 1 << bit;
  }
  return out >>> 0;
}

/** SimHash's bit counts over the hashes added so far (the low 32 bits from each hash, the high 32 from a second hash of it). */
class BitVotes {
  private readonly lo = new Int32Array(32);
  private readonly hi = new Int32Array(32);
  private n = 0;

  add(hash: number): void {
    addBits(this.lo, hash);
    addBits(this.hi, fmix32(hash ^ SEED_HI));
    this.n++;
  }

  /** Bit b set when more of the hashes have it set than not, as 16 hex characters. */
  hex(): string {
    const hi = majorityBits(this.hi, this.n).toString(16).padStart(8, "0");
    return hi + majorityBits(this.lo, this.n).toString(16).padStart(8, "0");
  }
}

/**
 * 64-bit SimHash of shingle hashes, as 16 hex characters: bit b is set when more of the hashes have it set than
 * not (the low 32 bits from the hashes, the high 32 from a second hash of each).
 */
export function simhash(hashes: Iterable<number>): string {
  const votes = new BitVotes();
  for (const h of hashes) votes.add(h);
  return votes.hex();
}

/**
 * simhash(shinglesOfHashes(hashes, n)), without the Set: the shingle hashes are sorted in a typed array and each
 * distinct one counted once (a Set of numbers over 2^31 boxes every one of them).
 */
export function shingleSimhash(hashes: readonly number[], n = SHINGLE_SIZE): string {
  const votes = new BitVotes();
  if (hashes.length === 0) return votes.hex();
  const take = Math.min(n, hashes.length);
  const shingled = new Uint32Array(hashes.length - take + 1);
  for (let i = 0; i < shingled.length; i++) {
    let h = 0x811c9dc5;
    for (let k = 0; k < take; k++) h = Math.imul(h ^ (hashes[i + k] ?? 0), 0x01000193);
    shingled[i] = fmix32(h);
  }
  shingled.sort();
  for (let i = 0; i < shingled.length; i++) {
    const h = shingled[i] as number;
    if (i === 0 || h !== shingled[i - 1]) votes.add(h);
  }
  return votes.hex();
}

const HEX16 = /^[0-9a-f]{16}$/;

/** Number of differing bits between two fingerprints (64 when either is malformed). */
export function hammingDistance(a: string, b: string): number {
  if (!HEX16.test(a) || !HEX16.test(b)) return 64;
  let d = 0;
  for (let i = 0; i < 16; i += 8) {
    let x = (Number.parseInt(a.slice(i, i + 8), 16) ^ Number.parseInt(b.slice(i, i + 8), 16)) >>> 0;
    while (x !== 0) {
      x &= x - 1;
      d++;
    }
  }
  return d;
}

/** 1 - Hamming distance / 64: about 0.5 for unrelated texts, near 1 for near-duplicates. */
export function fingerprintSimilarity(a: string, b: string): number {
  return 1 - hammingDistance(a, b) / 64;
}
